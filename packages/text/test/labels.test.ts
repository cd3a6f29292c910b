import { describe, expect, it } from 'vitest';
import { computeLabels, formatSuffix, fromPlainText, labelRepairs, letter, loneAlternatives, renumber, romanNumeral } from '../src/index.js';
import { box, doc, para, setAttrs, shorts, sub } from './support/build.js';
import { GGE_TEXT, rollingText } from './support/fixtures.js';

describe('label formatting', () => {
  it('numbers boxes with Roman numerals', () => {
    expect([1, 2, 3, 4, 5, 9, 14, 40, 1994].map(romanNumeral)).toEqual(['I', 'II', 'III', 'IV', 'V', 'IX', 'XIV', 'XL', 'MCMXCIV']);
    expect(() => romanNumeral(0)).toThrow(RangeError);
  });

  it('names suffixes bis … decies, then falls back to the ordinal', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(formatSuffix)).toEqual(['', 'bis', 'ter', 'quater', 'quinquies', 'sexies', 'septies', 'octies', 'novies', 'decies']);
    expect(formatSuffix(10)).toBe('-11');
    expect(formatSuffix(11)).toBe('-12');
  });

  it('letters sub-paragraphs a … z, then aa, bb as UN texts do', () => {
    expect([1, 2, 26, 27, 28, 52, 53].map(letter)).toEqual(['a', 'b', 'z', 'aa', 'bb', 'zz', 'aaa']);
  });
});

describe('computeLabels on a stored rolling text', () => {
  const labels = computeLabels(fromPlainText(GGE_TEXT));

  it('cites boxes, paragraphs, inserted paragraphs, alternatives and sub-paragraphs', () => {
    const citations = labels.list.map((l) => l.citation);
    expect(citations).toContain('Box I');
    expect(citations).toContain('Box I(2bis)');
    expect(citations).toContain('Box I(2)(a)');
    expect(citations).toContain('Box II(2, Alt 1)');
    expect(citations).toContain('Box II(2, Alt 2)');
    expect(citations).toContain('Box III(2)(b bis)');
    expect(shorts(labels, 'box')).toEqual(['I', 'II', 'III', 'IV', 'V']);
    expect(shorts(labels, 'paragraph').slice(0, 6)).toEqual(['1', '2', '2bis', '1', '2 Alt 1', '2 Alt 2']);
  });

  it('describes an alternative by group, 1-based index and count', () => {
    const alt2 = labels.list.find((l) => l.citation === 'Box II(2, Alt 2)')!;
    const alt1 = labels.list.find((l) => l.citation === 'Box II(2, Alt 1)')!;
    expect(alt2.alt).toEqual({ group: alt1.alt!.group, index: 2, count: 2 });
    expect(alt2.num).toBe(2);
    expect(alt2.sfx).toBe(0);
  });

  it('indexes labels by id and by position, and links sub-paragraphs to their paragraph and box', () => {
    const a = labels.list.find((l) => l.citation === 'Box I(2)(a)')!;
    const paragraph = labels.list.find((l) => l.citation === 'Box I(2)')!;
    const boxI = labels.list.find((l) => l.citation === 'Box I')!;
    expect(labels.byId.get(a.id!)).toBe(a);
    expect(labels.atPos.get(a.pos)).toBe(a);
    expect(a.paragraphId).toBe(paragraph.id);
    expect(a.boxId).toBe(boxI.id);
    expect(paragraph.paragraphId).toBe(paragraph.id);
  });

  it('reports each label at the position doc.descendants gives its node', () => {
    const d = fromPlainText(GGE_TEXT);
    const positions: number[] = [];
    d.descendants((node, pos) => {
      if (['box', 'paragraph', 'subparagraph'].includes(node.type.name)) positions.push(pos);
    });
    expect(computeLabels(d).list.map((l) => l.pos)).toEqual(positions);
  });
});

describe('labels of paragraphs without a claim (new in the editor)', () => {
  it('appending after the last labelled paragraph gives the next number', () => {
    const d = doc(box('T', para({ num: 1 }), para({ num: 2 }), para({}), para({})));
    expect(shorts(computeLabels(d), 'paragraph')).toEqual(['1', '2', '3', '4']);
  });

  it('inserting between 2 and 3 gives 2bis, then 2ter after it', () => {
    const d = doc(box('T', para({ num: 1 }), para({ num: 2 }), para({}), para({}), para({ num: 3 })));
    expect(shorts(computeLabels(d), 'paragraph')).toEqual(['1', '2', '2bis', '2ter', '3']);
  });

  it('inserting between 2 and an existing 2bis takes the next free suffix, never a taken one', () => {
    const d = doc(box('T', para({ num: 2 }), para({}), para({ num: 2, sfx: 1 })));
    expect(shorts(computeLabels(d), 'paragraph')).toEqual(['2', '2ter', '2bis']);
  });

  it('inserting before paragraph 1 gives 0bis', () => {
    const d = doc(box('T', para({}), para({ num: 1 })));
    expect(shorts(computeLabels(d), 'paragraph')).toEqual(['0bis', '1']);
  });

  it('an empty box numbers its paragraphs from 1', () => {
    const d = doc(box('T', para({}), para({})));
    expect(shorts(computeLabels(d), 'paragraph')).toEqual(['1', '2']);
  });

  it('past decies the suffix is the ordinal, so labels stay unique', () => {
    const d = doc(box('T', para({ num: 2 }), ...Array.from({ length: 11 }, () => para({})), para({ num: 3 })));
    const labels = shorts(computeLabels(d), 'paragraph');
    expect(labels.slice(8)).toEqual(['2novies', '2decies', '2-11', '2-12', '3']);
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe('labels stay stable', () => {
  it('moving a paragraph keeps its label and the others keep theirs', () => {
    const d = doc(box('T', para({ num: 3 }), para({ num: 1 }), para({ num: 2 })));
    expect(shorts(computeLabels(d), 'paragraph')).toEqual(['3', '1', '2']);
  });

  it('deleting a paragraph renumbers nothing', () => {
    const d = doc(box('T', para({ num: 1 }), para({ num: 3 })));
    expect(shorts(computeLabels(d), 'paragraph')).toEqual(['1', '3']);
  });

  it('a copy that kept its original claim (a split) is labelled as new; the first keeps the label', () => {
    const d = doc(box('T', para({ num: 1, id: 'p1' }), para({ num: 1, id: 'p1' }), para({ num: 2 })));
    expect(shorts(computeLabels(d), 'paragraph')).toEqual(['1', '1bis', '2']);
  });

  it('ignores claims that are no label (negative, fractional, text) and labels those paragraphs as new', () => {
    const d = doc(box('T', para({ num: 1 }), para({ num: -1 }), para({ num: 1.5 }), para({ num: '2' }), para({ num: 2, sfx: -1 })));
    expect(shorts(computeLabels(d), 'paragraph')).toEqual(['1', '2', '3', '4', '5']);
  });

  it('ignores claims beyond 9999, which any writer could set to make every reader build a label of millions of letters', () => {
    const d = doc(box('T', para({ num: 1 }, 'x', sub({ num: 1 }), sub({ num: 26 * 200_000_000 }), sub({ num: 2, sfx: 1e9 })), para({ num: 1e12 })));
    const labels = computeLabels(d);
    expect(shorts(labels, 'subparagraph')).toEqual(['(a)', '(b)', '(c)']);
    expect(shorts(labels, 'paragraph')).toEqual(['1', '2']);
    expect(computeLabels(doc(box('T', para({ num: 9999, sfx: 9999 }, 'x', sub({ num: 9999 }))))).list.map((l) => l.short.length)).toEqual([1, 10, 387]);
  });
});

describe('alternatives', () => {
  it('a run of adjacent paragraphs of one group is one slot, numbered by its first paragraph', () => {
    const d = doc(box('T', para({ num: 1 }), para({ num: 3, alt: 'g' }), para({ num: null, alt: 'g' }), para({ num: 5, alt: 'g' }), para({})));
    expect(shorts(computeLabels(d), 'paragraph')).toEqual(['1', '3 Alt 1', '3 Alt 2', '3 Alt 3', '4']);
  });

  it('an alternative added before Alt 1 joins the slot without renumbering it', () => {
    const d = doc(box('T', para({ num: 1 }), para({ num: null, alt: 'g' }), para({ num: 2, alt: 'g' }), para({ num: 2, alt: 'g' }), para({ num: 3 })));
    expect(shorts(computeLabels(d), 'paragraph')).toEqual(['1', '2 Alt 1', '2 Alt 2', '2 Alt 3', '3']);
  });

  it('two runs of one group that are not adjacent are two slots; a run of one is no alternative', () => {
    const d = doc(box('T', para({ num: 1, alt: 'g' }), para({ num: 1, alt: 'g' }), para({ num: 2 }), para({ num: 1, alt: 'g' })));
    expect(shorts(computeLabels(d), 'paragraph')).toEqual(['1 Alt 1', '1 Alt 2', '2', '3']);
    expect(computeLabels(d).list.at(-1)!.alt).toBeNull();
  });

  it('loneAlternatives finds the paragraphs left alone of their group, and nothing in whole groups', () => {
    const d = doc(box('T', para({ num: 1, alt: 'g' }), para({ num: 1, alt: 'g' }), para({ num: 2, alt: 'h' }), para({ num: 3 })));
    const lone = loneAlternatives(d);
    expect(lone).toEqual([computeLabels(d).list.find((l) => l.short === '2')!.pos]);
    expect(d.nodeAt(lone[0]!)!.attrs.alt).toBe('h');
    expect(loneAlternatives(doc(box('T', para({ alt: 'g' }), para({ alt: 'g' }))))).toEqual([]);
  });

  it('adjacent runs of different groups are different slots', () => {
    const d = doc(box('T', para({ alt: 'g' }), para({ alt: 'g' }), para({ alt: 'h' }), para({ alt: 'h' })));
    expect(shorts(computeLabels(d), 'paragraph')).toEqual(['1 Alt 1', '1 Alt 2', '2 Alt 1', '2 Alt 2']);
  });

  it('cites a sub-paragraph of an alternative with both', () => {
    const d = doc(box('T'), box('T', para({}), para({}), para({ alt: 'g' }, 'x', sub({})), para({ alt: 'g' })));
    expect(computeLabels(d).list.map((l) => l.citation)).toContain('Box II(3, Alt 1)(a)');
  });
});

describe('sub-paragraphs', () => {
  it('are lettered per paragraph with the same rule: (a), (b), (b bis), (c)', () => {
    const d = doc(box('T', para({ num: 2, sfx: 1 }, 'chapeau', sub({ num: 1 }), sub({ num: 2 }), sub({}), sub({ num: 3 })), para({ num: 3 }, '', sub({}))));
    const labels = computeLabels(d);
    expect(shorts(labels, 'subparagraph')).toEqual(['(a)', '(b)', '(b bis)', '(c)', '(a)']);
    expect(labels.list.map((l) => l.citation)).toContain('Box I(2bis)(b bis)');
  });

  it('cites an inserted sub-paragraph of an inserted paragraph: Box III(2bis)(b ter)', () => {
    const d = rollingText(`
      Box I.
      Box II.
      Box III. Prohibitions and requirements
      2. x
      2bis. y
         (b) one
         (b bis) two
         (b ter) three
    `);
    expect(computeLabels(d).list.map((l) => l.citation)).toContain('Box III(2bis)(b ter)');
  });
});

describe('labelRepairs', () => {
  it('stores the computed label in every paragraph and sub-paragraph that lacks it', () => {
    const d = doc(box('T', para({ num: 1 }), para({}, '', sub({})), para({ num: 2 })));
    const repairs = labelRepairs(d);
    expect(repairs).toEqual([
      { pos: computeLabels(d).list[2]!.pos, num: 1, sfx: 1 },
      { pos: computeLabels(d).list[3]!.pos, num: 1, sfx: 0 },
    ]);
    const repaired = setAttrs(d, repairs.map(({ pos, num, sfx }) => ({ pos, attrs: { num, sfx } })));
    expect(labelRepairs(repaired)).toEqual([]);
    expect(computeLabels(repaired).list.map((l) => l.citation)).toEqual(computeLabels(d).list.map((l) => l.citation));
  });

  it('gives every member of an alternative run the slot number', () => {
    const d = doc(box('T', para({ num: 4, alt: 'g' }), para({ num: 9, alt: 'g' })));
    expect(labelRepairs(d)).toEqual([{ pos: computeLabels(d).list[2]!.pos, num: 4, sfx: 0 }]);
  });

  it('finds nothing to do on a text parsed from plain text', () => {
    expect(labelRepairs(fromPlainText(GGE_TEXT))).toEqual([]);
  });
});

describe('renumber (a clean revision)', () => {
  it('numbers paragraphs 1..n per box, alternatives sharing one, sub-paragraphs (a)..; ids unchanged', () => {
    const before = fromPlainText(GGE_TEXT);
    const after = renumber(before);
    const labels = computeLabels(after);
    expect(shorts(labels, 'paragraph')).toEqual(['1', '2', '3', '1', '2 Alt 1', '2 Alt 2', '1', '2', '1', '1']);
    expect(shorts(labels, 'subparagraph')).toEqual(['(a)', '(b)', '(a)', '(b)', '(c)']);
    expect(labels.list.map((l) => l.id)).toEqual(computeLabels(before).list.map((l) => l.id));
    expect(after.textContent).toBe(before.textContent);
    after.descendants((node) => {
      if (node.type.name === 'paragraph' || node.type.name === 'subparagraph') expect(node.attrs.sfx).toBe(0);
    });
    expect(labelRepairs(after)).toEqual([]);
  });

  it('leaves the original document untouched', () => {
    const before = fromPlainText(GGE_TEXT);
    const json = JSON.stringify(before.toJSON());
    renumber(before);
    expect(JSON.stringify(before.toJSON())).toBe(json);
  });
});
