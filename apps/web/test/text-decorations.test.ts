import { describe, expect, it } from 'vitest';
import { decorationPlan } from '../src/editor/text-decorations';
import { box, documentOf, paragraph, subparagraph, text } from './support/rolling-text';

/**
 * Rule: what a reader needs beyond the words is drawn, never stored, and is text rather than
 * colour: labels, statuses in words, sponsors after the closing bracket, footnote numbers.
 */

const bracket = (id: string, sponsors: string[] = []) => ({ type: 'bracket', attrs: { id, sponsors } });

function sample() {
  return documentOf(
    box('b1', 'Characterisation', [paragraph('p1', 1, 'One.', { status: 'agreed' })]),
    box('b2', 'Prohibitions and requirements', [
      paragraph('p2', 2, [text('States '), text('shall', [bracket('k1', ['Arandia', 'Veloria'])]), text(' act.')], { status: 'agreed_ad_ref' }, [
        subparagraph('s1', 1, 'first;'),
      ]),
      paragraph('p3', 2, [text('Alt one', [bracket('k2')])], { alt: 'g', sfx: 1 }),
      paragraph('p4', 2, 'Alt two', { alt: 'g', sfx: 1 }),
    ]),
  );
}

describe('labels and statuses are drawn as text', () => {
  it('every box, paragraph and sub-paragraph element carries its label and citation', () => {
    const plan = decorationPlan(sample());
    expect(plan.nodes.filter((n) => n.attrs['data-label']).map((n) => [n.attrs['data-label'], n.attrs['data-citation']])).toEqual([
      ['Box I', undefined],
      ['1', 'Box I(1)'],
      ['Box II', undefined],
      ['2', 'Box II(2)'],
      ['(a)', 'Box II(2)(a)'],
      ['2bis Alt 1', 'Box II(2bis, Alt 1)'],
      ['2bis Alt 2', 'Box II(2bis, Alt 2)'],
    ]);
  });

  it('the gutter of each paragraph reads its label and its status in words', () => {
    const gutters = decorationPlan(sample()).drawn.filter((d) => d.kind === 'paragraphGutter');
    expect(gutters.map((g) => `${g.text} · ${g.status?.text}`)).toEqual([
      '1 · Agreed',
      '2 · Agreed ad referendum',
      '2bis Alt 1 · Under negotiation',
      '2bis Alt 2 · Under negotiation',
    ]);
  });

  it('a group of alternatives is outlined as one: first and last are marked', () => {
    const classes = decorationPlan(sample()).nodes.map((n) => n.attrs.class).filter(Boolean);
    expect(classes).toEqual(['rt-alt rt-alt-first', 'rt-alt rt-alt-last']);
  });
});

describe('sponsors and footnotes', () => {
  it('sponsors follow the closing bracket; a bracket without sponsors gets none', () => {
    const doc = sample();
    const sponsors = decorationPlan(doc).drawn.filter((d) => d.kind === 'sponsors');
    expect(sponsors.map((s) => s.text)).toEqual(['Arandia, Veloria']);
    // Drawn right after "shall", before " act.".
    expect(doc.textBetween(sponsors[0]!.pos - 5, sponsors[0]!.pos)).toBe('shall');
  });

  it('a footnote inside a bracket does not close it: the sponsors come after the whole bracket', () => {
    const doc = documentOf(
      box('b1', 'Box', [
        paragraph('p1', 1, [
          text('human ', [bracket('k1', ['Kestria'])]),
          { type: 'footnote', attrs: { id: 'f1', text: 'A note.' }, marks: [bracket('k1', ['Kestria'])] },
          text('control', [bracket('k1', ['Kestria'])]),
          text(' applies.'),
        ]),
      ]),
    );
    const sponsors = decorationPlan(doc).drawn.filter((d) => d.kind === 'sponsors');
    expect(sponsors).toHaveLength(1);
    expect(doc.textBetween(sponsors[0]!.pos - 7, sponsors[0]!.pos)).toBe('control');
  });

  it('footnotes are numbered in reading order and named by their text', () => {
    const doc = documentOf(
      box('b1', 'Box', [
        paragraph('p1', 1, [text('One'), { type: 'footnote', attrs: { id: 'f1', text: 'First note.' } }]),
        paragraph('p2', 2, [text('Two'), { type: 'footnote', attrs: { id: 'f2', text: 'Second note.' } }]),
      ]),
    );
    const notes = decorationPlan(doc).nodes.filter((n) => n.attrs['data-number']);
    expect(notes.map((n) => [n.attrs['data-number'], n.attrs['aria-label']])).toEqual([
      ['1', 'Footnote 1: First note.'],
      ['2', 'Footnote 2: Second note.'],
    ]);
  });
});

/**
 * Rule (issue 9, fault 3): a text stored before the server checked attribute values can hold values
 * of any type; drawing it never throws, for readers included.
 */
describe('a stored text with attribute values of the wrong type still draws', () => {
  const hostile = { toString: 1, valueOf: 1 };
  it.each([
    ['an object whose toString is not callable', hostile],
    ['a number', 42],
    ['an array', ['a', hostile]],
    ['null', null],
  ])('%s as status, sponsors, bracket id and footnote text', (_name, value) => {
    const doc = documentOf(
      box('b1', 'Box', [
        paragraph('p1', 1, [text('States ', [{ type: 'bracket', attrs: { id: value, sponsors: value } }]), { type: 'footnote', attrs: { id: 'f1', text: value } }], {
          status: value,
        }),
        paragraph('p2', 2, [text('act', [{ type: 'bracket', attrs: { id: 'k2', sponsors: [value, 'Arandia'] } }])]),
      ]),
    );
    const plan = decorationPlan(doc);
    expect(plan.drawn.filter((d) => d.kind === 'paragraphGutter').map((d) => d.text)).toEqual(['1', '2']);
    expect(plan.drawn.filter((d) => d.kind === 'sponsors').map((d) => d.text)).toContain('Arandia');
    expect(plan.nodes.find((n) => n.attrs['data-number'])?.attrs['aria-label']).toMatch(/^Footnote 1: /);
  });
});
