/**
 * printText: the printed layout reads like the plain-text format (labels, brackets, sponsors,
 * statuses, footnotes), runs carry their roles, and sponsors go when attribution forbids them.
 */
import { fromPlainText, toPlainText } from '@accord/text';
import { demoRollingText } from '@accord/text/demo';
import { describe, expect, it } from 'vitest';
import { printedLines, printText, type PrintedTextRun } from '../src/index.js';
import { FRONT } from './support/front.js';


/** The plain-text format's lines without blank lines, a space after the label. */
function plainLines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => l.trimStart());
}

describe('printText', () => {
  const doc = fromPlainText(demoRollingText);

  it('prints the demo text as the plain-text format writes it', () => {
    const printed = printText(doc, FRONT, { sponsors: true });
    expect(printed.kind).toBe('text');
    expect(printedLines(printed).map((l) => l.replace('\t', ' '))).toEqual(plainLines(toPlainText(doc)));
  });

  it('leaves out sponsors, and only sponsors, when attribution forbids them', () => {
    const printed = printText(doc, FRONT, { sponsors: false });
    const runs = printed.boxes.flatMap((b) => b.blocks.flatMap((k) => k.runs));
    expect(runs.some((r) => r.kind === 'text' && r.role === 'sponsors')).toBe(false);
    const expected = plainLines(toPlainText(doc)).map((l) => l.replace(/\]\{[^}]*\}/g, ']'));
    expect(printedLines(printed).map((l) => l.replace('\t', ' '))).toEqual(expected);
    expect(printedLines(printed).join('\n')).not.toMatch(/Arandia|Veloria|Kestria|Solmar/);
  });

  it('gives each run its role: label first, brackets as single characters, status last', () => {
    const text = fromPlainText('Box I. T\n\n1. A [b]{X, Y} c^[Note.] d. {agreed ad ref}\n   (a) sub [e]^[In.] [f]\n3 Alt 1. one\n3 Alt 2. two {agreed}\n');
    const printed = printText(text, FRONT, { sponsors: true });
    const [p1, sa, alt1, alt2] = printed.boxes[0]!.blocks;
    expect(p1!.runs).toEqual([
      { kind: 'text', role: 'label', text: '1.', inBracket: false },
      { kind: 'text', role: 'words', text: 'A ', inBracket: false },
      { kind: 'text', role: 'bracket', text: '[', inBracket: true },
      { kind: 'text', role: 'words', text: 'b', inBracket: true },
      { kind: 'text', role: 'bracket', text: ']', inBracket: true },
      { kind: 'text', role: 'sponsors', text: '{X, Y}', inBracket: true },
      { kind: 'text', role: 'words', text: ' c', inBracket: false },
      { kind: 'footnote', text: 'Note.', inBracket: false },
      { kind: 'text', role: 'words', text: ' d.', inBracket: false },
      { kind: 'text', role: 'status', text: ' {agreed ad ref}', inBracket: false },
    ]);
    expect(p1).toMatchObject({ kind: 'paragraph', label: '1', alt: null, status: 'agreed_ad_ref' });
    expect(sa).toMatchObject({ kind: 'subparagraph', label: '(a)', alt: null, status: null });
    // A footnote right after a bracket's words and before the next bracket stands outside both.
    expect(sa!.runs.map((r) => (r.kind === 'footnote' ? `^${r.inBracket}` : r.text))).toEqual(['(a)', 'sub ', '[', 'e', ']', '^false', ' ', '[', 'f', ']']);
    expect(alt1).toMatchObject({ label: '3', alt: 'Alt 1' });
    expect((alt1!.runs[0] as PrintedTextRun).text).toBe('3 Alt 1.');
    expect(alt2!.runs.at(-1)).toEqual({ kind: 'text', role: 'status', text: ' {agreed}', inBracket: false });
    expect(printed.boxes[0]).toMatchObject({ numeral: 'I', heading: 'Box I. T', title: 'T' });
  });

  it('keeps emphasis on words', () => {
    const base = fromPlainText('Box I. T\n\n1. plain\n');
    const para = base.child(0).child(1);
    const schema = base.type.schema;
    const line = schema.nodes.paragraphText!.create(null, [schema.text('a '), schema.text('b', [schema.marks.em!.create()]), schema.text(' c')]);
    const withEm = base.type.create(null, [base.child(0).copy(base.child(0).content.replaceChild(1, para.copy(para.content.replaceChild(0, line))))]);
    const runs = printText(withEm, FRONT, { sponsors: true }).boxes[0]!.blocks[0]!.runs;
    expect(runs.map((r) => [r.text, r.kind === 'text' ? (r.em ?? false) : null])).toEqual([['1.', false], ['a ', false], ['b', true], [' c', false]]);
  });

  it('prints what a concurrent edit can leave: a paragraph without its text line, a bracket mark without an id', () => {
    const base = fromPlainText('Box I. T\n\n1. one\n   (a) sub\n');
    const { schema } = base.type;
    const box = base.child(0);
    const bare = schema.nodes.paragraph!.create({ id: 'bare', num: 2, sfx: 0, status: 'bogus', alt: null }, [box.child(1).child(1)]);
    const odd = schema.nodes.paragraph!.create({ id: 'odd', num: 3, sfx: 0, status: 'agreed', alt: null }, [
      schema.nodes.paragraphText!.create(null, [schema.text('x', [schema.marks.bracket!.create({ id: null, sponsors: 'not a list' })]), schema.text(' y')]),
    ]);
    const odder = base.type.create(null, [box.copy(box.content.addToEnd(bare).addToEnd(odd))]);
    expect(printedLines(printText(odder, FRONT, { sponsors: true }))).toEqual(['Box I. T', '1.\tone', '(a)\tsub', '2.\t', '(a)\tsub', '3.\t[x] y {agreed}']);
  });
});
