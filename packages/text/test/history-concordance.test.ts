/** The concordance of a renumbered text, the labels by id, and each box's progress. */
import { describe, expect, it } from 'vitest';
import { concordance, labelsOf, progressOf } from '../src/history/index.js';
import { computeLabels, openBrackets, renumber } from '../src/index.js';
import { demo, idAt, insertAfter, newParagraph, setAttrs } from './history-edits.js';

const base = demo();

describe('concordance', () => {
  it("matches renumber's labels for every paragraph and sub-paragraph, old label to new", () => {
    const clean = renumber(base);
    const rows = concordance(base, clean);
    const after = computeLabels(clean).list.filter((l) => l.kind !== 'box');
    const before = computeLabels(base);
    expect(rows.map((r) => r.paragraphId)).toEqual(after.map((l) => l.id));
    for (const [i, row] of rows.entries()) {
      expect(row.kind).toBe(after[i]!.kind);
      expect(row.to).toBe(after[i]!.citation);
      expect(row.from).toBe(before.byId.get(row.paragraphId)!.citation);
      expect(row.changed).toBe(row.from !== row.to);
    }
    expect(rows.find((r) => r.from === 'Box I(2bis)')).toMatchObject({ kind: 'paragraph', to: 'Box I(3)', changed: true });
    expect(rows.find((r) => r.from === 'Box I(2bis)(c)')).toMatchObject({ kind: 'subparagraph', to: 'Box I(3)(c)', changed: true });
    expect(rows.find((r) => r.from === 'Box III(2)(a)')).toMatchObject({ to: 'Box III(2)(a)', changed: false });
  });

  it('a paragraph new since the earlier text is its own label on both sides, unchanged', () => {
    const bis = newParagraph('New.');
    const after = insertAfter(base, idAt(base, 'Box I(1)'), bis);
    expect(concordance(base, after).find((r) => r.paragraphId === bis.attrs.id)).toEqual({ paragraphId: bis.attrs.id, kind: 'paragraph', from: 'Box I(1bis)', to: 'Box I(1bis)', changed: false });
  });

  it('labelsOf gives every paragraph and sub-paragraph its citation by id', () => {
    const labels = labelsOf(base);
    expect(labels.get(idAt(base, 'Box II(4, Alt 2)'))).toBe('Box II(4, Alt 2)');
    expect(labels.get(idAt(base, 'Box III(2)(d)'))).toBe('Box III(2)(d)');
    expect(labels.size).toBe(computeLabels(base).list.filter((l) => l.kind !== 'box').length);
  });
});

describe('progressOf', () => {
  it('counts open brackets and paragraphs by status in each box', () => {
    const rows = progressOf(base);
    expect(rows.map((r) => r.box)).toEqual(['I', 'II', 'III', 'IV', 'V']);
    expect(rows.map((r) => r.openBrackets)).toEqual(openBrackets(base).map((b) => b.count));
    expect(rows[1]).toEqual({
      box: 'II',
      title: 'Application of international humanitarian law and the human element needed to comply with it',
      openBrackets: 10,
      agreed: 1,
      agreedAdRef: 1,
      underNegotiation: 4,
    });
    expect(rows[0]).toMatchObject({ agreed: 1, agreedAdRef: 1, underNegotiation: 2 });
  });

  it('follows a status change', () => {
    const after = setAttrs(base, idAt(base, 'Box I(2)'), { status: 'agreed' });
    expect(progressOf(after)[0]).toMatchObject({ agreed: 2, agreedAdRef: 1, underNegotiation: 1 });
  });
});
