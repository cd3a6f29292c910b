import { bracketOf, isParagraphStatus, M, MAX_FOOTNOTE_LENGTH, N, newId, PARAGRAPH_STATUSES, type ParagraphStatus, sameBracket } from '@accord/text';
import type { Mark, Node } from '@tiptap/pm/model';
import { type Command, type EditorState, NodeSelection, TextSelection } from '@tiptap/pm/state';
import { altRun, emptyParagraph, type Placed, textContext } from './text-context';

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
 * Mod-Alt-a: an alternative to the current paragraph. An empty paragraph joins the paragraph's group
 * as its next "Alt", after the last one (the paragraph becomes "Alt 1" of a new group if it had
 * none), and the caret goes into it: an alternative is a delegation's own wording, so nothing of the
 * paragraph is copied (not its words, nor other delegations' brackets and sponsors, nor its
 * footnotes). The new paragraph has a fresh id, is under negotiation whatever the others' status, and
 * is labelled by the label repairs. The rules of the room judge it as any edit: for a delegate, an
 * alternative to agreed text is refused.
 */
export const addAlternative: Command = (state, dispatch) => {
  const context = textContext(state.selection.$from);
  if (!context?.paragraph) return false;
  if (!dispatch) return true;
  const paragraph = context.paragraph;
  const tr = state.tr;
  const existing: unknown = paragraph.node.attrs.alt;
  const inGroup = typeof existing === 'string' && existing !== '';
  const group = inGroup ? existing : newId();
  const run: Placed[] = inGroup ? altRun(context.box, paragraph) : [paragraph];
  if (!inGroup) tr.setNodeAttribute(paragraph.pos, 'alt', group);
  const alternative = emptyParagraph(state.schema, newId());
  const last = run[run.length - 1]!;
  const at = last.pos + last.node.nodeSize;
  tr.insert(at, alternative.type.create({ ...alternative.attrs, alt: group, status: 'under_negotiation' }, alternative.content));
  // Inside the new paragraph's text: what is typed next is the alternative's first words.
  dispatch(tr.setSelection(TextSelection.create(tr.doc, at + 2)).scrollIntoView());
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

/** A footnote in the text: where it is and what it says. */
export interface PlacedFootnote {
  pos: number;
  /** Its permanent id (null only in text from before ids): it is found again by it after others' edits. */
  id: string | null;
  text: string;
}

function placedFootnote(node: Node | null | undefined, pos: number): PlacedFootnote | null {
  if (!node || node.type.name !== N.footnote) return null;
  const id: unknown = node.attrs.id;
  const text: unknown = node.attrs.text;
  return { pos, id: typeof id === 'string' && id !== '' ? id : null, text: typeof text === 'string' ? text : '' };
}

/**
 * The footnote selected, or beside the caret: the one just before it first (where the caret is left
 * after inserting one), then the one just after it. Null when a range of words is selected.
 */
export function footnoteAtSelection(state: EditorState): PlacedFootnote | null {
  const { selection } = state;
  if (selection instanceof NodeSelection) return placedFootnote(selection.node, selection.from);
  if (!selection.empty) return null;
  const { $from } = selection;
  const before = $from.nodeBefore;
  return placedFootnote(before, $from.pos - (before?.nodeSize ?? 0)) ?? placedFootnote($from.nodeAfter, $from.pos);
}

/**
 * The footnote as the text has it now: by its id (others' edits move it while a person reads it),
 * else at `pos` if one is still there. Null once it is gone.
 */
export function findFootnote(doc: Node, footnote: Pick<PlacedFootnote, 'pos' | 'id'>): PlacedFootnote | null {
  if (footnote.id === null) return footnote.pos <= doc.content.size ? placedFootnote(doc.nodeAt(footnote.pos), footnote.pos) : null;
  let found: PlacedFootnote | null = null;
  doc.descendants((node, pos) => {
    if (node.type.name === N.footnote && node.attrs.id === footnote.id) found ??= placedFootnote(node, pos);
    return found === null;
  });
  return found;
}

/**
 * A footnote's new text, set on the node: one step that syncs like any edit and that the rules of
 * the room judge (a footnote in agreed text is the chair's). Refused when empty, too long, or gone.
 */
export function setFootnoteText(footnote: Pick<PlacedFootnote, 'pos' | 'id'>, text: string): Command {
  return (state, dispatch) => {
    const trimmed = text.trim();
    const current = findFootnote(state.doc, footnote);
    if (!current || trimmed === '' || trimmed.length > MAX_FOOTNOTE_LENGTH) return false;
    if (current.text === trimmed) return true;
    if (dispatch) dispatch(state.tr.setNodeAttribute(current.pos, 'text', trimmed));
    return true;
  };
}

/** Removes a footnote, its marker and its text. */
export function deleteFootnote(footnote: Pick<PlacedFootnote, 'pos' | 'id'>): Command {
  return (state, dispatch) => {
    const current = findFootnote(state.doc, footnote);
    if (!current) return false;
    if (dispatch) {
      const tr = state.tr.delete(current.pos, current.pos + 1);
      dispatch(tr.setSelection(TextSelection.create(tr.doc, current.pos)));
    }
    return true;
  };
}
