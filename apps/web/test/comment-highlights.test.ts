import { readFileSync } from 'node:fs';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { commentHighlightsKey, commentHighlightsPlugin, highlightOf, type HighlightRange, threadEntered, threadsAt } from '../src/editor/comment-highlights';
import { box, documentOf, paragraph, positionOf } from './support/rolling-text';

/**
 * Rule: highlights are decorations (the text is never changed by them) that follow the words through
 * typing without resolving anchors again on each keystroke.
 */

const doc = documentOf(box('b1', 'Characterisation', [paragraph('p1', 1, 'States shall retain meaningful human control.')]));

function highlighted(ranges: HighlightRange[]) {
  let resolved = 0;
  const plugin = commentHighlightsPlugin({
    resolve: () => {
      resolved++;
      return ranges;
    },
    onActivate: () => {},
  });
  const state = EditorState.create({ doc, plugins: [plugin], selection: TextSelection.create(doc, positionOf(doc, 'States')) });
  return { state, resolved: () => resolved };
}

const words = (state: EditorState, range: HighlightRange | null) => (range ? state.doc.textBetween(range.from, range.to) : null);

const classesOf = (state: EditorState) =>
  Object.fromEntries(
    commentHighlightsKey
      .getState(state)!
      .decorations.find()
      .map((d) => [(d.spec as { threadId: string }).threadId, (d as unknown as { type: { attrs: { class: string } } }).type.attrs.class]),
  );

const moveTo = (state: EditorState, pos: number) => state.apply(state.tr.setSelection(TextSelection.create(state.doc, pos)));

describe('comment highlights', () => {
  const meaningful = { threadId: 't1', from: positionOf(doc, 'meaningful'), to: positionOf(doc, 'control', true), whole: false };
  const human = { threadId: 't2', from: positionOf(doc, 'human'), to: positionOf(doc, 'human', true), whole: false };

  it('follow their words when someone types before them, and leave the text as it was', () => {
    const { state, resolved } = highlighted([meaningful]);
    const typed = state.apply(state.tr.insertText('All ', positionOf(doc, 'States')));
    expect(words(typed, highlightOf(typed, 't1'))).toBe('meaningful human control');
    expect(typed.doc.textContent).toContain('All States shall retain meaningful human control.');
    expect(resolved()).toBe(1);
  });

  it('follow their words through the Yjs binding, which replaces the whole document for each remote change', () => {
    const { state } = highlighted([meaningful]);
    const remote = documentOf(box('b1', 'Characterisation', [paragraph('p1', 1, 'All States shall retain meaningful human control.')]));
    const synced = state.apply(state.tr.replaceWith(0, state.doc.content.size, remote.content));
    expect(words(synced, highlightOf(synced, 't1'))).toBe('meaningful human control');
  });

  it('do not grow when someone types just after them', () => {
    const { state } = highlighted([human]);
    const typed = state.apply(state.tr.insertText('-centred', positionOf(doc, 'human', true)));
    expect(words(typed, highlightOf(typed, 't2'))).toBe('human');
  });

  it('a click inside nested highlights goes to the narrowest', () => {
    const { state } = highlighted([meaningful, human]);
    expect(threadsAt(state, positionOf(doc, 'human') + 2)).toEqual(['t2', 't1']);
    expect(threadsAt(state, positionOf(doc, 'meaningful') + 2)).toEqual(['t1']);
    expect(threadsAt(state, positionOf(doc, 'States') + 2)).toEqual([]);
  });

  it('the active thread is marked apart from the others', () => {
    const { state } = highlighted([meaningful, human]);
    const active = state.apply(state.tr.setMeta(commentHighlightsKey, { active: 't2' }));
    const classes = commentHighlightsKey
      .getState(active)!
      .decorations.find()
      .map((d) => [(d.spec as { threadId: string }).threadId, (d as unknown as { type: { attrs: { class: string } } }).type.attrs.class]);
    expect(Object.fromEntries(classes)).toEqual({ t1: 'comment-highlight comment-highlight-words', t2: 'comment-highlight comment-highlight-words comment-highlight-active' });
  });

  it('a resolved thread is marked apart, and where it overlaps an open one the open one is drawn', () => {
    const { state } = highlighted([{ ...meaningful, resolved: true }, human, { threadId: 't3', from: positionOf(doc, 'States'), to: positionOf(doc, 'control.', true), whole: true, resolved: true }]);
    expect(classesOf(state)).toEqual({
      t1: 'comment-highlight comment-highlight-resolved-words',
      t2: 'comment-highlight comment-highlight-words',
      t3: 'comment-highlight comment-highlight-resolved-whole',
    });
    // The open kinds' rules come after the resolved kinds' in the sheet, so on a shared element they win.
    const css = readFileSync(new URL('../src/styles.css', import.meta.url), 'utf8');
    const at = (selector: string) => css.indexOf(`${selector} {`);
    expect(at('.comment-highlight-resolved-words')).toBeGreaterThan(-1);
    expect(at('.comment-highlight-resolved-words')).toBeLessThan(at('.comment-highlight-words'));
    expect(at('.comment-highlight-resolved-whole')).toBeGreaterThan(-1);
    expect(at('.comment-highlight-resolved-whole')).toBeLessThan(at('.comment-highlight-whole'));
  });

  describe('the caret moving into a thread\'s words', () => {
    it('enters the narrowest thread there, from the first character to before the last one\'s end', () => {
      const { state } = highlighted([meaningful, human]);
      const inMeaningful = moveTo(state, positionOf(doc, 'meaningful'));
      expect(threadEntered(state, inMeaningful)).toBe('t1');
      const inHuman = moveTo(inMeaningful, positionOf(doc, 'human') + 1);
      expect(threadEntered(inMeaningful, inHuman)).toBe('t2');
      // Back out of "human" into the longer quote around it.
      expect(threadEntered(inHuman, moveTo(inHuman, positionOf(doc, 'control')))).toBe('t1');
      // After the words' last character the caret has left them.
      expect(threadEntered(state, moveTo(state, positionOf(doc, 'control', true)))).toBeNull();
    });

    it('moving within the same words, or typing, or a new highlight under a still caret, enters nothing', () => {
      const { state } = highlighted([meaningful]);
      const inside = moveTo(state, positionOf(doc, 'meaningful') + 2);
      expect(threadEntered(inside, moveTo(inside, positionOf(doc, 'human')))).toBeNull();
      expect(threadEntered(inside, inside.apply(inside.tr.insertText('x')))).toBeNull();
      const { state: bare } = highlighted([]);
      const still = moveTo(bare, positionOf(doc, 'human'));
      const highlightedNow = still.apply(still.tr.setMeta(commentHighlightsKey, { ranges: [meaningful] }));
      expect(threadEntered(still, highlightedNow)).toBeNull();
    });

    it('a whole-paragraph thread holds the caret to the end of its paragraph', () => {
      // (Its start moved past the initial caret, so that the caret has somewhere to come from.)
      const whole = { threadId: 'w', from: positionOf(doc, 'shall'), to: positionOf(doc, 'control.', true), whole: true };
      const { state } = highlighted([whole]);
      expect(threadEntered(state, moveTo(state, positionOf(doc, 'control.', true)))).toBe('w');
      const quoted = highlighted([{ ...whole, whole: false }]).state;
      expect(threadEntered(quoted, moveTo(quoted, positionOf(doc, 'control.', true)))).toBeNull();
    });
  });

  it('500 highlights map through a keystroke without resolving anchors (figure printed, not timed)', () => {
    const ranges = Array.from({ length: 500 }, (_, i) => ({ ...meaningful, threadId: `t${i}` }));
    const { state, resolved } = highlighted(ranges);
    let current = state;
    const started = performance.now();
    for (let i = 0; i < 100; i++) current = current.apply(current.tr.insertText('x', positionOf(doc, 'States')));
    const perKey = (performance.now() - started) / 100;
    process.stdout.write(`500 highlights: ${perKey.toFixed(3)} ms per keystroke to map\n`);
    expect(resolved()).toBe(1);
    expect(words(current, highlightOf(current, 't499'))).toBe('meaningful human control');
  });
});
