import type { SessionMode } from '@accord/contract';
import { Extension } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { matchesShortcut, shortcut } from '../editor/shortcuts';
import { findParagraph } from './session-state';

/**
 * The paragraph under negotiation now, marked in the text: a class (and aria-current) on the
 * paragraph and a flag drawn before its words, "Now under discussion", with who has the floor.
 * Decorations only: nothing of it is stored in the text, the history or an export.
 *
 * Typing must not pay for it. The plugin's state changes only by a transaction's meta (the room
 * changed); on a change of the text the paragraph's position is mapped, and the decorations are
 * mapped with it as long as the paragraph is still at the mapped position. Only when it is not
 * (someone else's typing arrives from Yjs as one step replacing the whole document, or the paragraph
 * was moved) is it found again by its permanent id, which reads the boxes and their paragraphs only.
 */

export interface SessionHighlightMeta {
  paragraphId: string | null;
  /** "Republic of Arandia has the floor", drawn beside the paragraph; null when nobody has it. */
  floor: string | null;
  /** The floor is this person's delegation's: drawn as prominently as the paragraph's own flag. */
  mine?: boolean;
}

export interface SessionHighlightState extends SessionHighlightMeta {
  /** Where the paragraph starts, while it is in the text; -1 otherwise. */
  pos: number;
  decorations: DecorationSet;
}

export const sessionHighlightKey = new PluginKey<SessionHighlightState>('accordSessionHighlight');

const EMPTY: SessionHighlightState = { paragraphId: null, floor: null, pos: -1, decorations: DecorationSet.empty };

function flag(floor: string | null, mine: boolean): HTMLElement {
  const el = document.createElement('span');
  el.className = 'session-flag';
  el.contentEditable = 'false';
  const now = document.createElement('span');
  now.className = 'session-flag-now';
  now.textContent = 'Now under discussion';
  el.append(now);
  if (floor) {
    const speaker = document.createElement('span');
    speaker.className = mine ? 'session-flag-floor session-flag-mine' : 'session-flag-floor';
    speaker.textContent = floor;
    el.append(' ', speaker);
  }
  return el;
}

/** The two decorations for the paragraph at `pos`: the mark on it and the flag before its words. */
export function highlightDecorations(doc: Node, pos: number, node: Node, floor: string | null, mine = false): DecorationSet {
  return DecorationSet.create(doc, [
    Decoration.node(pos, pos + node.nodeSize, { class: 'session-current', 'aria-current': 'true' }, { sessionCurrent: true }),
    // Before the paragraph's text block, never inside the words: typing and the caret are not affected.
    // The key keeps the drawn element while the floor stays the same.
    Decoration.widget(pos + 1, () => flag(floor, mine), { side: -1, key: `session-flag:${mine ? 'mine:' : ''}${floor ?? ''}`, marks: [], ignoreSelection: true }),
  ]);
}

function located(doc: Node, meta: SessionHighlightMeta): SessionHighlightState {
  const found = meta.paragraphId === null ? null : findParagraph(doc, meta.paragraphId);
  if (!found) return { ...meta, pos: -1, decorations: DecorationSet.empty };
  return { ...meta, pos: found.pos, decorations: highlightDecorations(doc, found.pos, found.node, meta.floor, meta.mine) };
}

/** The state after a transaction that did not change the room: mapped, or found again if mapping lost it. */
export function applyToHighlight(tr: Transaction, previous: SessionHighlightState): SessionHighlightState {
  const meta = tr.getMeta(sessionHighlightKey) as SessionHighlightMeta | undefined;
  if (meta) return located(tr.doc, meta);
  if (!tr.docChanged || previous.paragraphId === null) return previous;
  if (previous.pos >= 0) {
    const { pos, deleted } = tr.mapping.mapResult(previous.pos, 1);
    const node = deleted ? null : tr.doc.nodeAt(pos);
    if (node && node.type.name === 'paragraph' && node.attrs.id === previous.paragraphId) {
      const decorations = previous.decorations.map(tr.mapping, tr.doc);
      // The mark must still span the whole paragraph (a change at its edge can cut a node decoration away).
      const mark = decorations.find(pos, pos + node.nodeSize, (spec) => spec.sessionCurrent === true)[0];
      if (mark && mark.from === pos && mark.to === pos + node.nodeSize) return { ...previous, pos, decorations };
      return { ...previous, pos, decorations: highlightDecorations(tr.doc, pos, node, previous.floor, previous.mine) };
    }
  }
  // Replaced as a whole (changes from Yjs), moved, or deleted: find it again by id (or not at all).
  return located(tr.doc, previous);
}

export function sessionHighlightPlugin(options: { onMarkShortcut?: (view: EditorView) => boolean } = {}): Plugin<SessionHighlightState> {
  return new Plugin<SessionHighlightState>({
    key: sessionHighlightKey,
    state: {
      init: () => EMPTY,
      apply: applyToHighlight,
    },
    props: {
      decorations: (state) => sessionHighlightKey.getState(state)?.decorations,
      handleKeyDown: (view, event) => {
        if (!options.onMarkShortcut || !matchesShortcut(event, MARK_CURRENT_KEYS)) return false;
        return options.onMarkShortcut(view);
      },
    },
  });
}

/** The chair's key for "Mark the paragraph at the cursor as current" ("N" for now). */
export const MARK_CURRENT_KEYS = shortcut('markCurrent').keys[0]!;

/** Tells the editor what the room's state is now; not part of the text's history. */
export function setSessionHighlight(view: EditorView, meta: SessionHighlightMeta): void {
  const held = sessionHighlightKey.getState(view.state);
  if (held && held.paragraphId === meta.paragraphId && held.floor === meta.floor && Boolean(held.mine) === Boolean(meta.mine)) return;
  view.dispatch(view.state.tr.setMeta(sessionHighlightKey, meta).setMeta('addToHistory', false));
}

/** Where the current paragraph is drawn, for a follower's scroll. */
export function currentParagraphElement(view: EditorView): HTMLElement | null {
  const held = sessionHighlightKey.getState(view.state);
  if (!held || held.pos < 0) return null;
  const dom = view.nodeDOM(held.pos);
  return dom instanceof HTMLElement ? dom : null;
}

export interface SessionHighlightBridge {
  /** Given to the editor once, when it is built: it never changes, the page drives it by meta. */
  extension: Extension;
  /** What the chair's key does now (the page's latest handler). */
  onMarkShortcut(handler: ((view: EditorView) => boolean) | null): void;
  /** Who shows a newer state of the room at once, as it arrives (the bar, which knows the editor). */
  onRoomChanged(handler: ((mode: SessionMode) => void) | null): void;
  /** A newer state of the room arrived (an event or an answer). */
  roomChanged(mode: SessionMode): void;
}

/** One extension for the page's life, whose key handler the page can replace without rebuilding the editor. */
export function createSessionHighlightBridge(): SessionHighlightBridge {
  let handler: ((view: EditorView) => boolean) | null = null;
  let shower: ((mode: SessionMode) => void) | null = null;
  return {
    extension: Extension.create({
      name: 'sessionHighlight',
      addProseMirrorPlugins: () => [sessionHighlightPlugin({ onMarkShortcut: (view) => handler?.(view) ?? false })],
    }),
    onMarkShortcut(next) {
      handler = next;
    },
    onRoomChanged(next) {
      shower = next;
    },
    roomChanged(mode) {
      shower?.(mode);
    },
  };
}
