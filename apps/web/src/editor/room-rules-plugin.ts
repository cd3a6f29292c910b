import { isSteward, N, roomRuleViolation, type RoomRuleViolation, type RoomWriter, writesText } from '@accord/text';
import type { Node } from '@tiptap/pm/model';
import { type EditorState, Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { isFromSync, repairPluginKey } from './repair-plugin';

/**
 * The rules of the room in the editor (docs/rules-of-the-room.md): a local change the server would
 * refuse is not made at all, and the person is told why, instead of seeing it vanish when the
 * server's refusal comes back. The same comparison as the server's (roomRuleViolation), for the
 * member's role and affiliation as the server knows them. Changes from Yjs always pass: they are
 * other people's, already judged.
 *
 * For a delegate, an agreed paragraph is marked read-only with a note saying why, and box titles are
 * read-only (the boxes are the chair's: BOXES_STEWARDS_ONLY).
 */

interface RulesState {
  writer: () => RoomWriter | null;
  locked: DecorationSet;
}

const roomRulesKey = new PluginKey<RulesState>('accordRoomRules');

export const AGREED_NOTE = 'Agreed: only the chair or the secretariat may reopen it';
export const BOX_TITLE_NOTE = 'Box titles: only the chair or the secretariat may change them';

/** Whether the member at this editor may change paragraph statuses (the chair, the secretariat). */
export function mayChangeStatus(state: EditorState): boolean {
  const writer = roomRulesKey.getState(state)?.writer();
  return !writer || isSteward(writer.role);
}

/** Whether the member at this editor may name, add, remove and move boxes (the chair, the secretariat). */
export function mayChangeBoxes(state: EditorState): boolean {
  return mayChangeStatus(state);
}

export function roomRulesPlugin(writer: () => RoomWriter | null, onRefused: (violation: RoomRuleViolation) => void): Plugin<RulesState> {
  return new Plugin<RulesState>({
    key: roomRulesKey,
    state: {
      init: (_config, state) => ({ writer, locked: lockedParagraphs(state.doc, writer()) }),
      apply: (tr, previous, _old, state) => (tr.docChanged ? { writer, locked: lockedParagraphs(state.doc, writer()) } : previous),
    },
    filterTransaction(tr, state) {
      if (!tr.docChanged || isFromSync(tr)) return true;
      const who = writer();
      if (!who) return true;
      const violation = roomRuleViolation(state.doc, tr.doc, who);
      if (!violation) return true;
      // The repairs that follow an edit are the editor's own: stopped quietly (a steward's editor makes them).
      if (!tr.getMeta(repairPluginKey)) onRefused(violation);
      return false;
    },
    props: {
      decorations: (state) => roomRulesKey.getState(state)?.locked ?? null,
    },
  });
}

/**
 * Agreed paragraphs, for a delegate, who writes the rest of the text but not these: a class, a title,
 * and a note read before the words. Box titles, for a delegate, cannot take the caret at all
 * (contenteditable false): typing there would only be refused. Readers (civil society, observers)
 * change nothing anywhere, so the notes would tell them nothing.
 */
function lockedParagraphs(doc: Node, writer: RoomWriter | null): DecorationSet {
  if (!writer || isSteward(writer.role) || !writesText(writer.role)) return DecorationSet.empty;
  const decorations: Decoration[] = [];
  doc.forEach((box, boxOffset) => {
    if (box.type.name !== N.box) return;
    const title = box.firstChild;
    if (title?.type.name === N.boxTitle) {
      decorations.push(Decoration.node(boxOffset + 1, boxOffset + 1 + title.nodeSize, { contenteditable: 'false', class: 'rt-title-locked', title: BOX_TITLE_NOTE }));
    }
    box.forEach((paragraph, offset) => {
      if (paragraph.type.name !== N.paragraph || paragraph.attrs.status !== 'agreed') return;
      const pos = boxOffset + 1 + offset;
      decorations.push(
        Decoration.node(pos, pos + paragraph.nodeSize, { class: 'rt-locked', title: AGREED_NOTE, 'data-locked': 'agreed' }),
        Decoration.widget(pos + 1, lockNote, { side: -1, key: 'locked-note', ignoreSelection: true }),
      );
    });
  });
  return DecorationSet.create(doc, decorations);
}

function lockNote(): HTMLElement {
  const note = document.createElement('span');
  note.className = 'rt-locked-note';
  note.contentEditable = 'false';
  note.textContent = AGREED_NOTE;
  return note;
}
