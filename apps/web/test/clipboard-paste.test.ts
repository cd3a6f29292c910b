import { idsIn, pastedIdentities, toPlainText } from '@accord/text';
import { linesFromPlainText, type SourceLine } from '@accord/text/recognize';
import { Node, Slice } from '@tiptap/pm/model';
import { TextSelection } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { linesFromDom } from '../src/editor/clipboard-html-lines';
import { pasteLines, pasteSlice } from '../src/editor/clipboard-paste';
import { parseHtml } from './support/html-dom';
import { box, documentOf, editing, paragraph, positionOf, subparagraph, textStart } from './support/rolling-text';

function threeParagraphs() {
  return documentOf(box('b1', 'Prohibitions', [paragraph('p1', 1, 'First.'), paragraph('p2', 2, 'Second.', {}, [subparagraph('s1', 1, 'one;'), subparagraph('s2', 2, 'two.')]), paragraph('p3', 3, 'Third.')]));
}

function paste(session: ReturnType<typeof editing>, lines: SourceLine[]): boolean {
  return session.run((state, dispatch) => {
    const tr = pasteLines(state, lines);
    if (tr) dispatch?.(tr);
    return !!tr;
  });
}

/** The text as the plain-text format prints it, without the box heading. */
function body(doc: Node): string {
  return toPlainText(Node.fromJSON(doc.type.schema, doc.toJSON())).split('\n').slice(2).join('\n').trimEnd();
}

const structured = '5. States [shall][should]{Arandia} not deploy such systems.^[Proposed by the Chair.]\n(a) first item;\n(b) second item.';

describe('pasting text in the rolling-text format', () => {
  it('the issue’s example, into the middle of paragraph 1: a new paragraph after it, labelled as new (1bis), with its sub-paragraphs, brackets, sponsors and footnote; no literal "5."', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'Fir', true));
    expect(paste(session, linesFromPlainText(structured))).toBe(true);
    expect(body(session.state.doc)).toBe(
      [
        '1. First.',
        '1bis. States [shall][should]{Arandia} not deploy such systems.^[Proposed by the Chair.]',
        '   (a) first item;',
        '   (b) second item.',
        '2. Second.',
        '   (a) one;',
        '   (b) two.',
        '3. Third.',
      ].join('\n'),
    );
  });

  it('at the end of the box: the next number', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'Third.', true));
    paste(session, linesFromPlainText(structured));
    expect(session.labels()).toEqual(['Box I', '1', '2', '(a)', '(b)', '3', '4', '(a)', '(b)']);
  });

  it('at the very start of a paragraph: before it', () => {
    const doc = threeParagraphs();
    const session = editing(doc, textStart(doc, 'p3'));
    paste(session, linesFromPlainText('7. Inserted.'));
    expect(body(session.state.doc).split('\n').slice(-2)).toEqual(['2bis. Inserted.', '3. Third.']);
  });

  it('into an empty paragraph: it becomes the pasted one, keeping its id and label; the rest follow', () => {
    const doc = documentOf(box('b1', 'T', [paragraph('p1', 1, 'First.'), paragraph('p2', 2, '')]));
    const session = editing(doc, textStart(doc, 'p2'));
    paste(session, linesFromPlainText('9. Pasted [text]{Veloria}. {agreed ad ref}\n10. Another.'));
    expect(body(session.state.doc)).toBe('1. First.\n2. Pasted [text]{Veloria}. {agreed ad ref}\n3. Another.');
    expect(session.state.doc.child(0).child(2).attrs.id).toBe('p2');
  });

  it('sub-paragraphs alone go into the paragraph at the cursor, after the sub-paragraph it is in', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'one;', true));
    paste(session, linesFromPlainText('(a) new one;\n(b) new two;'));
    expect(body(session.state.doc).split('\n').slice(1, 6)).toEqual(['2. Second.', '   (a) one;', '   (a bis) new one;', '   (a ter) new two;', '   (b) two.']);
  });

  it('an Alt group is not split: paragraphs pasted in Alt 1 go after Alt 2', () => {
    const doc = documentOf(box('b1', 'T', [paragraph('p1', 1, 'One alt.', { alt: 'g1' }), paragraph('p2', 1, 'Other alt.', { alt: 'g1' })]));
    const session = editing(doc, positionOf(doc, 'One', true));
    paste(session, linesFromPlainText('1. New.'));
    expect(body(session.state.doc)).toBe('1 Alt 1. One alt.\n1 Alt 2. Other alt.\n2. New.');
  });
});

describe('pasting words', () => {
  it('one line of words stays words in the paragraph, its brackets read as brackets', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'Second', true));
    paste(session, linesFromPlainText(' may [engage][target]{Kestria}'));
    expect(body(session.state.doc).split('\n')[1]).toBe('2. Second may [engage][target]{Kestria}.');
    expect(session.labels()).toEqual(['Box I', '1', '2', '(a)', '(b)', '3']);
  });

  it('anything else gives plain paragraphs, never a mangled structure', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'Third.', true));
    paste(session, linesFromPlainText('Dear colleagues,\n\nplease find [attached the text\n   which follows.'));
    expect(body(session.state.doc).split('\n').slice(-4)).toEqual(['3. Third.', '4. Dear colleagues,', '5. please find \\[attached the text', '6. which follows.']);
  });

  it('in a box title, words only', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'Prohibitions', true));
    paste(session, linesFromPlainText(' and [requirements]'));
    expect(session.state.doc.child(0).firstChild!.textContent).toBe('Prohibitions and requirements');
  });
});

const wordHtml = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta charset="utf-8"><style><!-- p.MsoNormal {margin:0cm;} --></style></head>
<body lang=EN-GB style='tab-interval:36.0pt'>
<!--StartFragment-->
<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>5.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>States [shall][should]{Arandia} <i>not</i> deploy
such systems.<a style='mso-footnote-id:ftn1' href="#_ftn1" name="_ftnref1" title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><![if !supportFootnotes]><span class=MsoFootnoteReference>[1]</span><![endif]></span></span></a><o:p></o:p></p>
<p class=MsoListParagraph style='margin-left:72.0pt;text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>(a)<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>first item;<o:p></o:p></p>
<p class=MsoNormal>(b)&nbsp;&nbsp;second item.<o:p></o:p></p>
<!--EndFragment-->
<div style='mso-element:footnote-list'><![if !supportFootnotes]><br clear=all><hr align=left size=1 width="33%"><![endif]>
<div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText><a style='mso-footnote-id:ftn1' href="#_ftnref1" name="_ftn1" title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><![if !supportFootnotes]><span class=MsoFootnoteReference>[1]</span><![endif]></span></span></a> Proposed by the Chair.<o:p></o:p></p></div></div>
</body></html>`;

describe("Word's HTML", () => {
  it('as lines: the automatic numbers apart, emphasis, the footnote with its words from the note, the notes themselves not lines', () => {
    const lines = linesFromDom(parseHtml(wordHtml));
    expect(lines).toEqual([
      {
        line: 1,
        numbering: '5.',
        runs: [{ text: 'States [shall][should]{Arandia} ' }, { text: 'not', em: true }, { text: ' deploy such systems.' }, { footnote: 'Proposed by the Chair.' }],
      },
      { line: 2, numbering: '(a)', runs: [{ text: 'first item;' }] },
      { line: 3, runs: [{ text: '(b) second item.' }] },
    ]);
  });

  it('pasted: a paragraph with its sub-paragraphs, brackets, sponsors and footnote', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'Third.', true));
    paste(session, linesFromDom(parseHtml(wordHtml)));
    expect(body(session.state.doc).split('\n').slice(-4)).toEqual([
      '3. Third.',
      '4. States [shall][should]{Arandia} not deploy such systems.^[Proposed by the Chair.]',
      '   (a) first item;',
      '   (b) second item.',
    ]);
  });
});

describe('other HTML', () => {
  it("Google Docs' numbered list: each item a line with its number", () => {
    const html =
      '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1"><ol style="margin-top:0" start="4"><li dir="ltr" style="list-style-type:decimal;" aria-level="1"><p dir="ltr" role="presentation"><span style="font-weight:400;">States [shall] act.</span></p></li></ol><ol><li style="list-style-type:lower-alpha;"><p><span style="font-weight:700">first</span> item;</p></li></ol><p dir="ltr"><span style="font-weight:400;font-style:italic">A plain line</span></p></b>';
    expect(linesFromDom(parseHtml(html))).toEqual([
      { line: 1, numbering: '4.', runs: [{ text: 'States [shall] act.' }] },
      { line: 2, numbering: '(a)', runs: [{ text: 'first', strong: true }, { text: ' item;' }] },
      { line: 3, runs: [{ text: 'A plain line', em: true }] },
    ]);
  });

  it('a web page: block elements and <br> are lines; scripts, styles and hidden text are not', () => {
    const html = '<style>p{}</style><div>One <b>bold</b><br>Two</div><script>x()</script><span style="display:none">hidden</span><table><tr><td>a</td><td>b</td></tr></table>';
    expect(linesFromDom(parseHtml(html)).map((l) => l.runs.map((r) => ('text' in r ? r.text : '^')).join(''))).toEqual(['One bold', 'Two', 'a b']);
  });
});

function copyAndPaste(doc: Node, from: number, to: number, at: number): ReturnType<typeof editing> {
  // As ProseMirror hands it over: read from the HTML, then given new ids by pastePlugin where they are copies.
  const copied = TextSelection.create(doc, from, to).content();
  const slice = new Slice(pastedIdentities(copied.content, idsIn(doc)), copied.openStart, copied.openEnd);
  const session = editing(doc, at);
  session.run((state, dispatch) => {
    const tr = pasteSlice(state, slice);
    if (tr) dispatch?.(tr);
    return !!tr;
  });
  return session;
}

describe("pasting Accord's own copy of whole paragraphs", () => {
  it('a paragraph with its sub-paragraphs is placed whole after the paragraph at the cursor, not poured into it', () => {
    const doc = threeParagraphs();
    const session = copyAndPaste(doc, textStart(doc, 'p2'), positionOf(doc, 'two.', true), positionOf(doc, 'First.', true));
    expect(body(session.state.doc)).toBe(['1. First.', '1bis. Second.', '   (a) one;', '   (b) two.', '2. Second.', '   (a) one;', '   (b) two.', '3. Third.'].join('\n'));
  });

  it('paragraphs across a box, partial at the ends, each placed whole', () => {
    const doc = threeParagraphs();
    const session = copyAndPaste(doc, positionOf(doc, 'First'), positionOf(doc, 'one;', true), positionOf(doc, 'Third.', true));
    expect(body(session.state.doc).split('\n').slice(-4)).toEqual(['3. Third.', '4. First.', '5. Second.', '   (a) one;']);
  });

  it('words from inside one paragraph are left to ProseMirror, which pastes them as words', () => {
    const doc = threeParagraphs();
    const slice = TextSelection.create(doc, positionOf(doc, 'Fir'), positionOf(doc, 'First', true)).content();
    expect(pasteSlice(editing(doc, positionOf(doc, 'Third')).state, slice)).toBeNull();
  });

  it('a paragraph cut and pasted back where its label reads in order keeps its id and label (a move)', () => {
    const { session, slice } = cutThird();
    expect(body(session.state.doc)).toBe('1. First.\n2. Second.\n   (a) one;\n   (b) two.');
    pasteSliceAt(session, slice, positionOf(session.state.doc, 'two.', true));
    expect(body(session.state.doc)).toBe('1. First.\n2. Second.\n   (a) one;\n   (b) two.\n3. Third.');
    expect(session.state.doc.child(0).child(3).attrs.id).toBe('p3');
  });

  it('moved above paragraph 1, paragraph 3 is labelled as new instead of reading "3, 1, 2"', () => {
    const { session, slice } = cutThird();
    pasteSliceAt(session, slice, textStart(session.state.doc, 'p1'));
    expect(session.labels()).toEqual(['Box I', '0bis', '1', '2', '(a)', '(b)']);
    expect(session.state.doc.child(0).child(1).attrs.id).toBe('p3');
  });
});

/** Paragraph 3 cut (from the end of paragraph 2's last sub-paragraph to the end of its text): the session and what was cut. */
function cutThird(): { session: ReturnType<typeof editing>; slice: Slice } {
  const doc = threeParagraphs();
  const session = editing(doc, 1);
  const from = positionOf(doc, 'two.', true);
  const to = positionOf(doc, 'Third.', true);
  const slice = TextSelection.create(doc, from, to).content();
  session.select(from, to);
  session.run((state, dispatch) => {
    dispatch?.(state.tr.deleteSelection());
    return true;
  });
  return { session, slice };
}

function pasteSliceAt(session: ReturnType<typeof editing>, slice: Slice, at: number): void {
  session.select(at);
  session.run((state, dispatch) => {
    const tr = pasteSlice(state, slice);
    if (tr) dispatch?.(tr);
    return !!tr;
  });
}
