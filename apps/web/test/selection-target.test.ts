import { EditorState, TextSelection } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { selectionTarget } from '../src/comments/selection-target';
import { box, documentOf, paragraph, positionOf, subparagraph, textStart } from './support/rolling-text';

/** Rule: a comment is on one paragraph: the selected words in it, or the whole paragraph at the cursor. */

const doc = documentOf(
  box('b1', 'Characterisation', [
    paragraph('p1', 1, 'States shall retain meaningful human control.', {}, [subparagraph('s1', 1, 'over the use of force;')]),
    paragraph('p2', 2, 'Second paragraph.'),
  ]),
);

const stateWith = (from: number, to = from) => EditorState.create({ doc, selection: TextSelection.create(doc, from, to) });

describe('what a new comment is on', () => {
  it('the selected words, without the spaces a double-click takes along', () => {
    const from = positionOf(doc, ' meaningful');
    const to = positionOf(doc, 'human', true) + 1;
    expect(selectionTarget(stateWith(from, to))).toEqual({ ok: true, target: { paragraphId: 'p1', quote: 'meaningful human', from: from + 1, to: to - 1 } });
  });

  it('the whole paragraph at the cursor when nothing is selected', () => {
    const result = selectionTarget(stateWith(positionOf(doc, 'Second')));
    expect(result.ok && result.target.paragraphId).toBe('p2');
    expect(result.ok && result.target.quote).toBe('');
  });

  it('a sub-paragraph by its own id', () => {
    const result = selectionTarget(stateWith(positionOf(doc, 'use'), positionOf(doc, 'force', true)));
    expect(result.ok && [result.target.paragraphId, result.target.quote]).toEqual(['s1', 'use of force']);
  });

  it('a selection that runs on into the next paragraph keeps its part in the first', () => {
    const result = selectionTarget(stateWith(positionOf(doc, 'human'), positionOf(doc, 'Second', true)));
    expect(result.ok && [result.target.paragraphId, result.target.quote]).toEqual(['p1', 'human control.']);
  });

  it('not a box title', () => {
    expect(selectionTarget(stateWith(textStart(doc, 'b1') + 1)).ok).toBe(false);
  });
});
