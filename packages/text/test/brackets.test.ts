import { describe, expect, it } from 'vitest';
import { bracketCount, computeLabels, fromPlainText, openBrackets } from '../src/index.js';
import { box, bracketed, bracketMark, doc, footnote, para, styled, sub } from './support/build.js';
import { GGE_TEXT } from './support/fixtures.js';

describe('openBrackets', () => {
  const gge = fromPlainText(GGE_TEXT);
  const boxes = openBrackets(gge);

  it('lists every box in order with its label and title, even a box without brackets', () => {
    expect(boxes.map((b) => [b.boxLabel, b.count])).toEqual([
      ['I', 2],
      ['II', 2],
      ['III', 1],
      ['IV', 1],
      ['V', 0],
    ]);
    expect(boxes[2]!.title).toBe('Prohibitions and requirements');
    expect(boxes[0]!.boxId).toBe(computeLabels(gge).list[0]!.id);
  });

  it('gives each bracket its text, sponsors, paragraph and citation', () => {
    const [shall, should] = boxes[1]!.brackets;
    expect(shall).toMatchObject({ text: 'shall', sponsors: [], citation: 'Box II(2, Alt 1)', subparagraphId: null });
    expect(should).toMatchObject({ text: 'should', sponsors: ['Borealis'], citation: 'Box II(2, Alt 1)' });
    expect(shall!.paragraphId).toBe(computeLabels(gge).list.find((l) => l.citation === 'Box II(2, Alt 1)')!.id);
    expect(shall!.id).not.toBe(should!.id);
  });

  it('counts brackets across the whole text', () => {
    expect(bracketCount(gge)).toBe(6);
  });

  it('treats a bracket split by emphasis or a footnote as one bracket', () => {
    const mark = bracketMark(['Arandia']);
    const em = mark.type.schema.marks.em!.create();
    const d = doc(box('T', para({}, ['States ', bracketed('shall ', mark), bracketed('not', mark, em), footnote('n', mark), bracketed(' ever', mark), ' act'])));
    expect(openBrackets(d)[0]!.brackets.map((b) => [b.text, b.sponsors])).toEqual([['shall not ever', ['Arandia']]]);
  });

  it('ends a bracket at text outside it', () => {
    const mark = bracketMark();
    const d = doc(box('T', para({}, [bracketed('shall ', mark), styled('not', 'em'), bracketed(' ever', mark)])));
    expect(openBrackets(d)[0]!.brackets.map((b) => b.text)).toEqual(['shall ', ' ever']);
  });

  it('a footnote without the mark inside a bracket does not split it', () => {
    const mark = bracketMark();
    const e = doc(box('T', para({}, [bracketed('a', mark), footnote('n'), bracketed('b', mark)])));
    expect(openBrackets(e)[0]!.brackets.map((b) => b.text)).toEqual(['ab']);
  });

  it('cites a bracket in a sub-paragraph with the sub-paragraph', () => {
    const e = doc(box('T', para({ num: 2 }, 'chapeau', sub({ num: 1 }, [bracketed('limit', bracketMark(['Veloria']))]))));
    const [bracket] = openBrackets(e)[0]!.brackets;
    const labels = computeLabels(e);
    expect(bracket).toMatchObject({ citation: 'Box I(2)(a)', text: 'limit', paragraphId: labels.list[1]!.id, subparagraphId: labels.list[2]!.id });
  });
});
