import type { SessionMode } from '@accord/contract';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import type { Decoration } from '@tiptap/pm/view';
import { describe, expect, it } from 'vitest';
import { type SessionHighlightMeta, sessionHighlightKey, sessionHighlightPlugin } from '../src/session-mode/highlight-plugin';
import {
  boxHolding,
  citationOf,
  findParagraph,
  newerSessionMode,
  paragraphAtCursor,
  readFollowPreference,
  sessionIsOn,
  writeFollowPreference,
} from '../src/session-mode/session-state';
import { box, documentOf, paragraph, positionOf, subparagraph, textStart } from './support/rolling-text';

/**
 * Rules: the room's state kept is the one with the highest version, whichever came first (an answer
 * or an event); the current paragraph is marked by decorations that follow it through typing, its
 * own, others' through Yjs, and structure changes, without searching the text on each keystroke.
 */

const DOC_ID = '00000000-0000-4000-8000-000000000001';
const mode = (version: number, paragraphId: string | null, floor: string | null = null): SessionMode => ({
  documentId: DOC_ID,
  current: paragraphId ? { paragraphId, since: '2026-12-06T10:00:00.000Z' } : null,
  floor: floor ? { affiliationId: '00000000-0000-4000-8000-0000000000aa', name: floor, kind: 'government', since: '2026-12-06T10:00:00.000Z' } : null,
  version,
});

describe('the room state kept', () => {
  it('is the highest version: an answer older than an event already applied is dropped', () => {
    const event = mode(5, 'p2');
    const lateAnswer = mode(4, 'p1');
    expect(newerSessionMode(event, lateAnswer)).toBe(event);
    expect(newerSessionMode(lateAnswer, event)).toBe(event);
  });

  it('keeps what it holds for the same version (an event and the answer to one change)', () => {
    const held = mode(3, 'p1');
    expect(newerSessionMode(held, mode(3, 'p1'))).toBe(held);
  });

  it('takes the first state, and another document’s state replaces it', () => {
    const first = mode(0, null);
    expect(newerSessionMode(null, first)).toBe(first);
    const other = { ...mode(1, 'x'), documentId: '00000000-0000-4000-8000-000000000002' };
    expect(newerSessionMode(mode(9, 'p1'), other)).toBe(other);
  });

  it('ending the session is a newer state too (cleared, version + 1)', () => {
    const ended = mode(8, null);
    expect(newerSessionMode(mode(7, 'p1', 'Republic of Arandia'), ended)).toBe(ended);
    expect(sessionIsOn(ended)).toBe(false);
    expect(sessionIsOn(mode(2, null, 'Republic of Arandia'))).toBe(true);
  });
});

const doc = documentOf(
  box('b1', 'Characterisation', [paragraph('p1', 1, 'First words.'), paragraph('p2', 2, 'Second words.')]),
  box('b2', 'Prohibitions', [
    paragraph('p3', 1, 'Third words.'),
    paragraph('p3bis', 1, 'Inserted words.', { sfx: 1 }),
    paragraph('alt1', 2, 'Shall be prohibited.', { alt: 'g1' }),
    paragraph('alt2', null, 'Should be prohibited.', { alt: 'g1' }),
    paragraph('p5', 3, 'With a sub.', {}, [subparagraph('s1', 1, 'the sub-paragraph')]),
  ]),
);

describe('finding the current paragraph', () => {
  it('by its permanent id, bis paragraphs and alternatives too', () => {
    for (const id of ['p1', 'p3bis', 'alt2', 'p5']) {
      const found = findParagraph(doc, id)!;
      expect(found.node.attrs.id).toBe(id);
      expect(doc.nodeAt(found.pos)).toBe(found.node);
    }
    expect(findParagraph(doc, 's1')).toBeNull();
    expect(findParagraph(doc, 'nowhere')).toBeNull();
  });

  it('names it as the text labels it', () => {
    expect(citationOf(doc, 'p2')).toBe('Box I(2)');
    expect(citationOf(doc, 'p3bis')).toBe('Box II(1bis)');
    expect(citationOf(doc, 'alt2')).toBe('Box II(2, Alt 2)');
    expect(citationOf(doc, 'nowhere')).toBeNull();
  });

  it('the box holding it, for the outline', () => {
    expect(boxHolding(doc, 'alt1')).toEqual({ boxId: 'b2', index: 1 });
    expect(boxHolding(doc, 'p1')).toEqual({ boxId: 'b1', index: 0 });
    expect(boxHolding(doc, null)).toBeNull();
  });

  it('the paragraph at the cursor, from its text or a sub-paragraph; none in a box title', () => {
    const at = (pos: number) => paragraphAtCursor(EditorState.create({ doc, selection: TextSelection.create(doc, pos) }));
    expect(at(positionOf(doc, 'Inserted'))).toBe('p3bis');
    expect(at(positionOf(doc, 'the sub-paragraph'))).toBe('p5');
    expect(at(positionOf(doc, 'Prohibitions'))).toBeNull();
  });
});

function highlighted(meta: SessionHighlightMeta) {
  const state = EditorState.create({ doc, plugins: [sessionHighlightPlugin()] });
  return state.apply(state.tr.setMeta(sessionHighlightKey, meta));
}

const held = (state: EditorState) => sessionHighlightKey.getState(state)!;

/** The marked paragraph's id and the flag's words, as the decorations say. */
function marked(state: EditorState): { id: unknown; spansNode: boolean; flagKey: string | undefined } | null {
  const found: Decoration[] = held(state).decorations.find();
  const mark = found.find((d) => (d.spec as { sessionCurrent?: boolean }).sessionCurrent);
  if (!mark) return null;
  const node = state.doc.nodeAt(mark.from);
  const flag = found.find((d) => d !== mark);
  return { id: node?.attrs.id, spansNode: node !== null && mark.to === mark.from + node.nodeSize, flagKey: (flag?.spec as { key?: string } | undefined)?.key };
}

describe('the highlight', () => {
  it('marks the paragraph with the floor beside it, and nothing when no paragraph is current', () => {
    expect(marked(highlighted({ paragraphId: 'alt2', floor: 'Republic of Arandia has the floor' }))).toEqual({
      id: 'alt2',
      spansNode: true,
      flagKey: 'session-flag:Republic of Arandia has the floor',
    });
    expect(marked(highlighted({ paragraphId: null, floor: 'Republic of Arandia has the floor' }))).toBeNull();
  });

  it('is drawn, never stored: the text is unchanged', () => {
    const state = highlighted({ paragraphId: 'p2', floor: null });
    expect(state.doc.eq(doc)).toBe(true);
  });

  it('follows typing in the paragraph itself by mapping, without finding it again', () => {
    let state = highlighted({ paragraphId: 'p3', floor: null });
    const before = held(state);
    for (const ch of ' more') state = state.apply(state.tr.insertText(ch, positionOf(state.doc, 'Third words.', true)));
    expect(held(state).pos).toBe(before.pos);
    expect(marked(state)).toMatchObject({ id: 'p3', spansNode: true });
  });

  it('follows typing before it (its position moves) and leaves its state alone when nothing in the text changed', () => {
    let state = highlighted({ paragraphId: 'p5', floor: null });
    const start = held(state).pos;
    state = state.apply(state.tr.insertText('Many ', textStart(state.doc, 'p1')));
    expect(held(state).pos).toBe(start + 5);
    expect(marked(state)).toMatchObject({ id: 'p5', spansNode: true });
    const still = held(state);
    const moved = state.apply(state.tr.setSelection(TextSelection.create(state.doc, textStart(state.doc, 'p2'))));
    expect(held(moved)).toBe(still);
  });

  it('finds it again after the Yjs binding replaces the whole document (someone else typing)', () => {
    const state = highlighted({ paragraphId: 'alt1', floor: null });
    const remote = documentOf(
      box('b1', 'Characterisation', [paragraph('p0', null, 'A new first paragraph.'), paragraph('p1', 1, 'First words.'), paragraph('p2', 2, 'Second words.')]),
      box('b2', 'Prohibitions', [paragraph('alt1', 2, 'Shall be prohibited, always.', { alt: 'g1' })]),
    );
    const synced = state.apply(state.tr.replaceWith(0, state.doc.content.size, remote.content));
    expect(marked(synced)).toMatchObject({ id: 'alt1', spansNode: true });
    expect(synced.doc.nodeAt(held(synced).pos)?.attrs.id).toBe('alt1');
  });

  it('goes when the paragraph is deleted, and a new meta moves it', () => {
    const state = highlighted({ paragraphId: 'p2', floor: null });
    const p2 = findParagraph(state.doc, 'p2')!;
    const deleted = state.apply(state.tr.delete(p2.pos, p2.pos + p2.node.nodeSize));
    expect(marked(deleted)).toBeNull();
    const moved = deleted.apply(deleted.tr.setMeta(sessionHighlightKey, { paragraphId: 'p5', floor: 'You have the floor' }));
    expect(marked(moved)).toEqual({ id: 'p5', spansNode: true, flagKey: 'session-flag:You have the floor' });
  });
});

/** A Storage of its own for each test. */
function memory() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

describe('"Follow the chair"', () => {

  it('is on by default for participants, off for the stewards who steer, and remembered per person', () => {
    const store = memory();
    expect(readFollowPreference(store, 'u1', false)).toBe(true);
    expect(readFollowPreference(store, 'chair', true)).toBe(false);
    writeFollowPreference(store, 'u1', false);
    expect(readFollowPreference(store, 'u1', false)).toBe(false);
    expect(readFollowPreference(store, 'u2', false)).toBe(true);
    writeFollowPreference(store, 'chair', true);
    expect(readFollowPreference(store, 'chair', true)).toBe(true);
  });

  it('falls back to the default when storage is refused', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(readFollowPreference(refusing, 'u1', false)).toBe(true);
    expect(readFollowPreference(null, 'u1', true)).toBe(false);
  });
});
