import { bracketOf, idsIn, isParagraphStatus, M, N, newId, PARAGRAPH_STATUSES, pastedIdentities, type ParagraphStatus, sameBracket } from '@accord/text';
import { Fragment, type Mark } from '@tiptap/pm/model';
import { type Command, type EditorState, TextSelection } from '@tiptap/pm/state';
import { altRun, type Placed, textContext } from './text-context';

/**
 * The commands of negotiation: square brackets around unagreed words (and their removal when the
 * words are agreed), alternatives, paragraph statuses and footnotes.
 */

/** Brackets go around words of one paragraph or sub-paragraph, never around a box title. */
export function bracketableRange(state: EditorState): { from: number; to: number } | null {
  const { selection } = state;
  if (selection.empty || !(selection instanceof TextSelection)) return null;
  const { $from, $to } = selection;
  if (!$from.sameParent($to)) return null;
  const context = textContext($from);
  if (!context || context.kind === N.boxTitle) return null;
  return { from: selection.from, to: selection.to };
}

/** Mod-Alt-b: bracket the selection, optionally naming who proposed the words. */
export function bracketSelection(sponsors: readonly string[] = []): Command {
  return (state, dispatch) => {
    const range = bracketableRange(state);
    if (!range) return false;
    if (dispatch) {
      const mark = state.schema.marks[M.bracket]!.create({ id: newId(), sponsors: cleanSponsors(sponsors) });
      dispatch(state.tr.addMark(range.from, range.to, mark).scrollIntoView());
    }
    return true;
  };
}

/** "Arandia, Veloria ," → ["Arandia", "Veloria"]: trimmed, without blanks or repeats. */
export function cleanSponsors(sponsors: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const sponsor of sponsors) {
    const name = sponsor.trim().replace(/\s+/g, ' ');
    if (name !== '') seen.add(name);
  }
  return [...seen];
}

export function parseSponsors(text: string): string[] {
  return cleanSponsors(text.split(/[,;\n]/));
}

/** The bracket the cursor is in or next to, or the first one in the selection. */
export function bracketAtSelection(state: EditorState): Mark | null {
  const { selection } = state;
  const { $from } = selection;
  const touching = bracketOf($from.nodeAfter) ?? bracketOf($from.nodeBefore);
  if (touching) return touching;
  let found: Mark | null = null;
  state.doc.nodesBetween(selection.from, selection.to, (node) => {
    found ??= bracketOf(node) ?? null;
    return found === null;
  });
  return found;
}

/**
 * Mod-Alt-Shift-b, "agree the text": removes the bracket at the cursor. A bracket is one id, so
 * every run of text carrying it goes: around emphasis or a footnote inside it, and, until the
 * repairs give a split bracket's second half an id of its own, in the other half too.
 */
export const removeBracket: Command = (state, dispatch) => {
  const bracket = bracketAtSelection(state);
  if (!bracket) return false;
  if (!dispatch) return true;
  const tr = state.tr;
  state.doc.descendants((node, pos) => {
    if (!node.isText) return;
    const mark = bracketOf(node);
    if (mark && sameBracket(bracket, mark)) tr.removeMark(pos, pos + node.nodeSize, mark);
  });
  dispatch(tr);
  return true;
};

/**
 * Mod-Alt-a: an alternative to the current paragraph. Its words are copied as the next "Alt" of
 * the paragraph's group (the paragraph becomes "Alt 1" of a new group if it had none); the copy is
 * under negotiation and labelled by the label repairs.
 */
export const addAlternative: Command = (state, dispatch) => {
  const context = textContext(state.selection.$from);
  if (!context?.paragraph) return false;
  if (!dispatch) return true;
  const paragraph = context.paragraph;
  const tr = state.tr;
  const existing: unknown = paragraph.node.attrs.alt;
  const group = typeof existing === 'string' && existing !== '' ? existing : newId();
  const run: Placed[] = existing === group ? altRun(context.box, paragraph) : [paragraph];
  if (existing !== group) tr.setNodeAttribute(paragraph.pos, 'alt', group);
  // A copy of words still in the text: new ids for it, its sub-paragraphs, brackets and footnotes.
  const copy = pastedIdentities(Fragment.from(paragraph.node), idsIn(state.doc)).firstChild!;
  const alternative = copy.type.create({ ...copy.attrs, alt: group, num: null, sfx: 0, status: 'under_negotiation' }, copy.content);
  const last = run[run.length - 1]!;
  const at = last.pos + last.node.nodeSize;
  tr.insert(at, alternative);
  dispatch(tr.setSelection(TextSelection.create(tr.doc, at + 2 + alternative.firstChild!.content.size)).scrollIntoView());
  return true;
};

export function paragraphStatus(state: EditorState): ParagraphStatus | null {
  const status: unknown = textContext(state.selection.$from)?.paragraph?.node.attrs.status;
  return isParagraphStatus(status) ? status : null;
}

export function setParagraphStatus(status: ParagraphStatus): Command {
  return (state, dispatch) => {
    const paragraph = textContext(state.selection.$from)?.paragraph;
    if (!paragraph) return false;
    if (paragraph.node.attrs.status === status) return true;
    if (dispatch) dispatch(state.tr.setNodeAttribute(paragraph.pos, 'status', status));
    return true;
  };
}

/** Mod-Alt-s: under negotiation → agreed ad referendum → agreed → under negotiation. */
export const cycleParagraphStatus: Command = (state, dispatch) => {
  const current = paragraphStatus(state);
  if (!textContext(state.selection.$from)?.paragraph) return false;
  const index = current ? PARAGRAPH_STATUSES.indexOf(current) : -1;
  const next = PARAGRAPH_STATUSES[(index + 1) % PARAGRAPH_STATUSES.length]!;
  return setParagraphStatus(next)(state, dispatch);
};

/** Footnotes sit in paragraph and sub-paragraph text; a box title holds plain text only. */
export function canInsertFootnote(state: EditorState): boolean {
  const { $from } = state.selection;
  const type = state.schema.nodes[N.footnote]!;
  return !!textContext($from) && $from.parent.canReplaceWith($from.index(), $from.index(), type);
}

/** Mod-Alt-f: a footnote at the cursor (replacing any selection). */
export function insertFootnote(text: string): Command {
  return (state, dispatch) => {
    const trimmed = text.trim();
    if (trimmed === '' || !canInsertFootnote(state)) return false;
    if (dispatch) {
      const footnote = state.schema.nodes[N.footnote]!.create({ id: newId(), text: trimmed });
      // The footnote takes the marks at the cursor, so one inside a bracket does not split it in two.
      dispatch(state.tr.replaceSelectionWith(footnote, true).scrollIntoView());
    }
    return true;
  };
}
