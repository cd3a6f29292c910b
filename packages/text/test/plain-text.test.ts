import { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { computeLabels, fromPlainText, openBrackets, schema, TextFormatError, toPlainText } from '../src/index.js';
import { box, bracketed, bracketMark, doc, footnote, para, styled, sub } from './support/build.js';
import { dedent, GGE_TEXT } from './support/fixtures.js';

function formatError(text: string): TextFormatError {
  try {
    fromPlainText(dedent(text));
  } catch (error) {
    if (error instanceof TextFormatError) return error;
    throw error;
  }
  throw new Error('expected a TextFormatError');
}

describe('fromPlainText reads the e-mail format', () => {
  const d = fromPlainText(GGE_TEXT);
  const labels = computeLabels(d);

  it('reads boxes, titles, paragraphs and sub-paragraphs with their labels', () => {
    expect(d.childCount).toBe(5);
    expect(d.child(1).firstChild!.textContent).toBe('Application of international humanitarian law and the human element needed to comply with it');
    expect(labels.list.filter((l) => l.boxId === labels.list[0]!.id).map((l) => l.short)).toEqual(['I', '1', '2', '(a)', '(b)', '2bis']);
  });

  it('reads labels into num/sfx claims, so the labels survive any later insertion', () => {
    const twoBis = labels.list.find((l) => l.citation === 'Box I(2bis)')!;
    expect(d.nodeAt(twoBis.pos)!.attrs).toMatchObject({ num: 2, sfx: 1 });
    const bBis = labels.list.find((l) => l.citation === 'Box III(2)(b bis)')!;
    expect(d.nodeAt(bBis.pos)!.attrs).toMatchObject({ num: 2, sfx: 1 });
  });

  it('reads statuses from the trailing marker; none means under negotiation', () => {
    const statuses = labels.list.filter((l) => l.kind === 'paragraph').map((l) => `${l.citation} ${d.nodeAt(l.pos)!.attrs.status}`);
    expect(statuses).toContain('Box I(1) agreed_ad_ref');
    expect(statuses).toContain('Box I(2bis) agreed');
    expect(statuses).toContain('Box I(2) under_negotiation');
    expect(d.textContent).not.toContain('{agreed');
  });

  it('gives a run of "N Alt k" lines one fresh alternative group', () => {
    const alts = labels.list.filter((l) => l.alt !== null);
    expect(alts.map((l) => l.short)).toEqual(['2 Alt 1', '2 Alt 2']);
    expect(alts[0]!.alt!.group).toBe(alts[1]!.alt!.group);
    expect(alts[0]!.alt!.group).toMatch(/^[\w-]{12}$/);
  });

  it('reads brackets with their sponsors, and footnotes, with fresh ids', () => {
    const boxI = openBrackets(d)[0]!;
    expect(boxI.brackets.map((b) => [b.text, b.sponsors])).toEqual([
      ['can', []],
      [', once activated,', ['Arandia', 'Veloria']],
    ]);
    expect(new Set(boxI.brackets.map((b) => b.id)).size).toBe(2);
    const notes: string[] = [];
    d.descendants((n) => {
      if (n.type.name === 'footnote') notes.push(n.attrs.text as string);
    });
    expect(notes).toEqual(['Without prejudice to future characterisations.']);
  });

  it('gives every box, paragraph and sub-paragraph a distinct fresh id', () => {
    const ids = labels.list.map((l) => l.id);
    expect(ids.every((id) => typeof id === 'string' && id.length === 12)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(computeLabels(fromPlainText(GGE_TEXT)).list[0]!.id).not.toBe(ids[0]);
  });

  it('reads backslash escapes as the characters themselves', () => {
    const e = fromPlainText('Box I. T\n1. a \\[note\\] \\{x\\} 2\\^3 c:\\\\ and \\^[a bracket, not a footnote]\n');
    expect(e.child(0).child(1).textContent).toBe('a [note] {x} 2^3 c:\\ and ^a bracket, not a footnote');
    expect(openBrackets(e)[0]!.brackets.map((b) => b.text)).toEqual(['a bracket, not a footnote']);
  });

  it('ignores blank lines and accepts Windows line ends and empty paragraphs', () => {
    const e = fromPlainText('Box I. T\r\n\r\n1.\r\n2. {agreed}\r\n');
    const ps = computeLabels(e).list.filter((l) => l.kind === 'paragraph');
    expect(ps.map((l) => l.short)).toEqual(['1', '2']);
    expect(e.nodeAt(ps[1]!.pos)!.attrs.status).toBe('agreed');
    expect(e.textContent).toBe('T');
  });
});

describe('fromPlainText names the line of every mistake', () => {
  const cases: Array<[string, string, number, RegExp]> = [
    ['text before the first box', '1. orphan\nBox I. T', 1, /before the first box/],
    ['a box out of sequence', 'Box I. A\nBox III. C', 2, /expected "Box II\."/],
    ['a malformed paragraph label', 'Box I. T\n1bus. x', 2, /expected "Box <Roman>/],
    ['a missing space after the label', 'Box I. T\n1.x', 2, /space must follow/],
    ['a repeated label', 'Box I. T\n1. a\n2. b\n1. c', 4, /paragraph 1 appears twice/],
    ['an unclosed bracket', 'Box I. T\n1. a [shall b', 2, /column 6: a "\[" that is never closed/],
    ['a stray closing bracket', 'Box I. T\n1. a ] b', 2, /column 6: a "\]" with no "\["/],
    ['nested brackets', 'Box I. T\n1. [a [b]]', 2, /do not nest/],
    ['empty brackets', 'Box I. T\n1. a [] b', 2, /must hold some text/],
    ['an unclosed sponsor list', 'Box I. T\n1. [a]{Arandia', 2, /sponsor list .* is not closed/],
    ['an empty sponsor name', 'Box I. T\n1. [a]{Arandia, }', 2, /empty name/],
    ['an unclosed footnote', 'Box I. T\n1. a^[note', 2, /footnote .* is not closed/],
    ['a bare caret', 'Box I. T\n1. x^2', 2, /write \\\^/],
    ['a bare brace', 'Box I. T\n1. a { b', 2, /unexpected "\{"/],
    ['an unknown status', 'Box I. T\n1. a {agred}', 2, /neither a status/],
    ['an unknown escape', 'Box I. T\n1. a \\n b', 2, /not an escape/],
    ['a lone alternative', 'Box I. T\n1 Alt 1. a\n2. b', 2, /"1 Alt 1" has no "1 Alt 2"/],
    ['an alternative out of order', 'Box I. T\n1 Alt 1. a\n1 Alt 3. b', 3, /must directly follow "1 Alt 2"/],
    ['a second alternative without a first', 'Box I. T\n1 Alt 2. a', 2, /must directly follow "1 Alt 1"/],
    ['a sub-paragraph before any paragraph', 'Box I. T\n   (a) x', 2, /before the first paragraph/],
    ['a bad sub-paragraph letter', 'Box I. T\n1. x\n   (ab) y', 3, /not a sub-paragraph letter/],
    ['a repeated sub-paragraph', 'Box I. T\n1. x\n   (a) y\n   (a) z', 4, /appears twice/],
    ['an indented line that is no sub-paragraph', 'Box I. T\n1. x\n   continued', 3, /must be a sub-paragraph/],
    ['a status on a sub-paragraph', 'Box I. T\n1. x\n   (a) y {agreed}', 3, /unexpected "\{"/],
    ['a status named like an Object property', 'Box I. T\n1. a {constructor}', 2, /neither a status/],
    ['another status named like an Object property', 'Box I. T\n1. a {__proto__}', 2, /neither a status/],
    ['a paragraph number beyond 9999', 'Box I. T\n10000. x', 2, /paragraph number 10000 is too large/],
    ['a suffix beyond 9999', 'Box I. T\n1-10001. x', 2, /suffix "-10001" is too large/],
    ['a sub-paragraph letter beyond 9999', `Box I. T\n1. x\n   (${'a'.repeat(400)}) y`, 3, /too far into the alphabet/],
    ['a sub-paragraph suffix beyond 9999', 'Box I. T\n1. x\n   (a-10001) y', 3, /suffix "-10001" is too large/],
  ];

  it.each(cases)('%s', (_name, text, line, message) => {
    const error = formatError(text);
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(new RegExp(`^line ${line}: `));
  });

  it('rejects an empty text', () => {
    expect(formatError('\n\n').message).toMatch(/no box/);
  });
});

describe('toPlainText', () => {
  it('writes the fixture back exactly as it was written', () => {
    expect(toPlainText(fromPlainText(GGE_TEXT))).toBe(GGE_TEXT);
  });

  it('writes computed labels for paragraphs that have no claim yet', () => {
    const d = doc(box('Prohibitions', para({ num: 1 }, 'a'), para({}, 'new', sub({}, 'x')), para({ num: 2 }, 'b', sub({ num: 1 }), sub({}))));
    expect(toPlainText(d)).toBe('Box I. Prohibitions\n\n1. a\n1bis. new\n   (a) x\n2. b\n   (a)\n   (b)\n');
  });

  it('escapes the characters that carry syntax, in text, footnotes and sponsors', () => {
    const d = doc(box('T', para({}, ['x [y] {z} ^ \\', footnote('see [1]'), bracketed('b', bracketMark(['Côte, d}Ivoire']))])));
    const text = toPlainText(d);
    expect(text).toBe('Box I. T\n\n1. x \\[y\\] \\{z\\} \\^ \\\\^[see \\[1\\]][b]{Côte\\, d\\}Ivoire}\n');
    const back = fromPlainText(text);
    expect(back.child(0).child(1).textContent).toBe('x [y] {z} ^ \\b');
    expect(openBrackets(back)[0]!.brackets[0]!.sponsors).toEqual(['Côte, d}Ivoire']);
  });

  it('keeps a bracket split by a footnote as one bracket', () => {
    const mark = bracketMark(['Veloria']);
    const d = doc(box('T', para({}, [bracketed('shall', mark), footnote('note'), bracketed(' not', mark), ' rest'])));
    expect(toPlainText(d)).toContain('1. [shall^[note] not]{Veloria} rest');
    expect(openBrackets(fromPlainText(toPlainText(d)))[0]!.brackets.map((b) => b.text)).toEqual(['shall not']);
  });

  it('writes adjacent alternatives in brackets as two brackets: [shall][should]', () => {
    const d = doc(box('T', para({}, [bracketed('shall', bracketMark()), bracketed('should', bracketMark(['Arandia']))])));
    expect(toPlainText(d)).toBe('Box I. T\n\n1. [shall][should]{Arandia}\n');
  });

  it('writes every line break inside text as a space (CR, LF, U+2028, U+2029), so what it writes reads back', () => {
    const d = doc(
      box('Title\r\u2028one line', para({}, ['a\rb\u2028c\u2029d\r\ne', footnote('note\rsplit'), bracketed('x', bracketMark(['Côte\u2028d’Ivoire']))], sub({}, 'sub\r\rtext'))),
    );
    const written = toPlainText(d);
    expect(written).toBe('Box I. Title  one line\n\n1. a b c d e^[note split][x]{Côte d’Ivoire}\n   (a) sub  text\n');
    expect(toPlainText(fromPlainText(written))).toBe(written);
  });

  it('writes a paragraph with thousands of footnotes in linear time (a writer can make one)', { timeout: 15_000 }, () => {
    const note = footnote('');
    const inline = Array.from({ length: 60_000 }, (_, i) => (i % 2 === 0 ? 'x' : note));
    // Quadratic, this took about a minute; linear, well under a second.
    expect(toPlainText(doc(box('T', para({}, inline))))).toHaveLength('Box I. T\n\n1. \n'.length + 30_000 * 'x^[]'.length);
  });

  it('writes what concurrent edits can leave outside the schema instead of failing: what has no label is left out', () => {
    const unchecked = Node.fromJSON(schema, {
      type: 'doc',
      content: [
        { type: 'paragraph', attrs: { id: 'stray', num: 1 }, content: [{ type: 'paragraphText', content: [{ type: 'text', text: 'outside any box' }] }] },
        {
          type: 'box',
          attrs: { id: 'b1' },
          content: [
            { type: 'boxTitle', content: [{ type: 'text', text: 'T' }] },
            { type: 'paragraph', attrs: { id: 'p1', num: 1 } },
            { type: 'paragraph', attrs: { id: 'p2', num: 2, status: 'constructor' }, content: [{ type: 'subparagraph', attrs: { id: 's1', num: 1 }, content: [{ type: 'text', text: 'only a sub' }] }] },
          ],
        },
      ],
    });
    expect(toPlainText(unchecked)).toBe('Box I. T\n\n1.\n2.\n   (a) only a sub\n');
    expect(openBrackets(unchecked).map((b) => b.boxLabel)).toEqual(['I']);
  });

  it('drops emphasis, which only JSON keeps', () => {
    const d = doc(box('T', para({}, ['plain ', styled('emphasised', 'em', 'strong'), ' end'])));
    expect(toPlainText(d)).toBe('Box I. T\n\n1. plain emphasised end\n');
  });
});
