import type { SessionMode } from '@accord/contract';
import { computeLabels } from '@accord/text';
import type { Node } from '@tiptap/pm/model';
import type { EditorState } from '@tiptap/pm/state';

/**
 * The pure parts of session mode: which of two states of the room is the newer, where the current
 * paragraph is in the text, and the person's "Follow the chair" choice.
 */

/**
 * The state to keep of what is held and what arrived. Every change on the server adds one to the
 * version, so an answer older than an event already applied (a GET sent before the chair moved,
 * answered after the event) is dropped; an equal version is the same state and changes nothing.
 */
export function newerSessionMode(held: SessionMode | null, arrived: SessionMode): SessionMode {
  if (held === null || held.documentId !== arrived.documentId) return arrived;
  return arrived.version > held.version ? arrived : held;
}

/** A session is on while a paragraph is marked or someone has the floor. */
export function sessionIsOn(mode: SessionMode | null): boolean {
  return mode !== null && (mode.current !== null || mode.floor !== null);
}

/** "Republic of Arandia has the floor", the words shown beside the paragraph and in the bar. */
export function floorWords(mode: SessionMode | null): string | null {
  return mode?.floor ? `${mode.floor.name} has the floor` : null;
}

export interface FoundParagraph {
  pos: number;
  node: Node;
}

/**
 * The paragraph with this permanent id. Paragraphs (alternatives and bis paragraphs included) are
 * the children of boxes, so only two levels are read: a few dozen nodes, not every word.
 */
export function findParagraph(doc: Node, paragraphId: string): FoundParagraph | null {
  let found: FoundParagraph | null = null;
  doc.forEach((box, boxOffset) => {
    if (found || box.type.name !== 'box') return;
    box.forEach((child, offset) => {
      if (!found && child.type.name === 'paragraph' && child.attrs.id === paragraphId) found = { pos: boxOffset + 1 + offset, node: child };
    });
  });
  return found;
}

/** The permanent id of the paragraph holding the cursor (its text or one of its sub-paragraphs); null in a box title. */
export function paragraphAtCursor(state: EditorState): string | null {
  const { $from } = state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth);
    if (node.type.name === 'paragraph') return typeof node.attrs.id === 'string' && node.attrs.id !== '' ? node.attrs.id : null;
  }
  return null;
}

/** The paragraph's citation as the text labels it ("Box III(2)", "Box III(2bis)", "Box III(3, Alt 1)"). */
export function citationOf(doc: Node, paragraphId: string): string | null {
  return computeLabels(doc).byId.get(paragraphId)?.citation ?? null;
}

/** The box holding a paragraph, by the box's id (the outline's key), or its index when it has none. */
export function boxHolding(doc: Node, paragraphId: string | null): { boxId: string | null; index: number } | null {
  if (paragraphId === null) return null;
  let found: { boxId: string | null; index: number } | null = null;
  let index = -1;
  doc.forEach((box) => {
    if (found || box.type.name !== 'box') return;
    index++;
    box.forEach((child) => {
      if (!found && child.type.name === 'paragraph' && child.attrs.id === paragraphId) {
        found = { boxId: typeof box.attrs.id === 'string' && box.attrs.id !== '' ? box.attrs.id : null, index };
      }
    });
  });
  return found;
}

/**
 * "Follow the chair", remembered per person on this device. Unset, it is on for everyone but the
 * chair and the secretariat: in the room everyone turns to the paragraph the chair announces, and a
 * delegate drafting elsewhere turns it off once; the stewards are the ones moving it, and their own
 * view should not jump when the other steward moves it.
 */
export function followPreferenceKey(userId: string): string {
  return `accord:follow-the-chair:${userId}`;
}

export function readFollowPreference(storage: Pick<Storage, 'getItem'> | null, userId: string, steward: boolean): boolean {
  let stored: string | null = null;
  try {
    stored = storage?.getItem(followPreferenceKey(userId)) ?? null;
  } catch {
    // Storage refused (private mode, a policy): the default holds.
  }
  if (stored === 'on') return true;
  if (stored === 'off') return false;
  return !steward;
}

export function writeFollowPreference(storage: Pick<Storage, 'setItem'> | null, userId: string, follow: boolean): void {
  try {
    storage?.setItem(followPreferenceKey(userId), follow ? 'on' : 'off');
  } catch {
    // Not remembered; the choice still holds for this page.
  }
}
