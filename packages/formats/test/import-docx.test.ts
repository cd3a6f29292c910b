/**
 * readDocx on a Word file made by the `docx` package the way a secretariat's Word would write one:
 * heading styles, Word's automatic numbering (decimal paragraphs, lettered sub-paragraphs), footnotes,
 * tracked changes (insertions, deletions, a whole inserted paragraph), and a comment whose author must
 * never come out. Then through the recognizer, as the import does.
 */
import { toPlainText } from '@accord/text';
import { recognizeText } from '@accord/text/recognize';
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  InsertedTextRun,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
} from 'docx';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDocx } from '../src/import/index.js';

const change = { author: 'Ambassador Secret Name', date: '2026-09-01T10:00:00Z' };
let wordFile: Uint8Array;

const para = (level: number, children: Array<TextRun | InsertedTextRun | DeletedTextRun | FootnoteReferenceRun | CommentRangeStart | CommentRangeEnd | TextRun>) =>
  new Paragraph({ numbering: { reference: 'rolling', level }, children });

async function handMadeDocx(): Promise<Uint8Array> {
  const doc = new Document({
    creator: 'Somebody',
    numbering: {
      config: [
        {
          reference: 'rolling',
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
            { level: 1, format: LevelFormat.LOWER_LETTER, text: '(%2)', alignment: AlignmentType.START },
          ],
        },
      ],
    },
    footnotes: { 1: { children: [new Paragraph('As defined in Protocol I.')] } },
    comments: { children: [{ id: 0, author: 'Ambassador Secret Name', date: new Date('2026-09-01'), children: [new Paragraph('Please check this wording.')] }] },
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun('CCW/GGE.1/2026/WP.2')] }),
          new Paragraph('1 September 2026'),
          new Paragraph({ children: [new TextRun({ text: 'Elements of an instrument', bold: true })] }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Box I. Scope')] }),
          para(0, [
            new TextRun('States '),
            new TextRun('[shall][should]{Arandia}'),
            new TextRun(' apply '),
            new InsertedTextRun({ text: 'international humanitarian law', id: 1, ...change }),
            new DeletedTextRun({ text: 'the law', id: 2, ...change }),
            new TextRun(' to all systems.'),
            new FootnoteReferenceRun(1),
            new TextRun(' {agreed}'),
          ]),
          para(0, [new CommentRangeStart(0), new TextRun({ text: 'The Group ', italics: true }), new TextRun('notes:'), new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] })]),
          para(1, [new TextRun('first item;')]),
          para(1, [new TextRun('second item.')]),
          para(0, [new InsertedTextRun({ text: 'A wholly new paragraph.', id: 3, ...change })]),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Box II. Definitions')] }),
          new Paragraph({ children: [new TextRun('1.\tOne.')] }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

beforeAll(async () => {
  wordFile = await handMadeDocx();
});

describe('readDocx on a hand-made Word file', () => {
  it('reads numbering, headings, footnotes and emphasis; accepting tracked changes gives the newer text', () => {
    const reading = readDocx(wordFile, { trackedChanges: 'accept' });
    const { doc, report } = recognizeText(reading.lines);
    expect(toPlainText(doc)).toBe(
      [
        'Box I. Scope',
        '',
        '1. States [shall][should]{Arandia} apply international humanitarian law to all systems.^[As defined in Protocol I.] {agreed}',
        '2. The Group notes:',
        '   (a) first item;',
        '   (b) second item.',
        '3. A wholly new paragraph.',
        '',
        'Box II. Definitions',
        '',
        '1. One.',
        '',
      ].join('\n'),
    );
    expect(report.front).toMatchObject({ symbol: 'CCW/GGE.1/2026/WP.2', statusDate: '2026-09-01', title: 'Elements of an instrument' });
    expect(reading.lines.find((l) => l.numbering === '(b)')).toBeDefined();
    expect(reading.lines.some((l) => l.runs.some((r) => 'text' in r && r.em === true))).toBe(true);
  });

  it('rejecting tracked changes gives the older text, and counts them either way', () => {
    const reading = readDocx(wordFile, { trackedChanges: 'reject' });
    const plain = toPlainText(recognizeText(reading.lines).doc);
    expect(plain).toContain('1. States [shall][should]{Arandia} apply the law to all systems.');
    expect(plain).not.toContain('wholly new');
    expect(reading.trackedChanges).toMatchObject({ insertions: 2, deletions: 1, moves: 0 });
    expect(reading.trackedChanges.examples).toContain('Deleted: "the law"');
    // Word still numbers the paragraph the rejection left empty; an empty paragraph is not imported.
    expect(plain).not.toMatch(/^3\./m);
  });

  it('with no choice reads as accepted, and counts', () => {
    const reading = readDocx(wordFile);
    expect(toPlainText(recognizeText(reading.lines).doc)).toContain('international humanitarian law');
    expect(reading.trackedChanges.insertions).toBe(2);
  });

  it('counts and quotes comments, never their authors', () => {
    const reading = readDocx(wordFile);
    expect(reading.comments).toEqual({ count: 1, examples: ['Please check this wording.'] });
    expect(JSON.stringify(reading)).not.toContain('Secret');
  });
});

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const types = `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const file = (body: string) =>
  zipSync({ '[Content_Types].xml': strToU8(types), 'word/document.xml': strToU8(`<w:document xmlns:w="${W_NS}"><w:body>${body}</w:body></w:document>`) });
const by = 'w:id="1" w:author="Someone" w:date="2026-01-01T00:00:00Z"';
const r = (text: string, tag = 'w:t') => `<w:r><${tag} xml:space="preserve">${text}</${tag}></w:r>`;
const text = (bytes: Uint8Array, choice?: 'accept' | 'reject') =>
  readDocx(bytes, { trackedChanges: choice }).lines.map((l) => l.runs.map((run) => ('text' in run ? run.text : `^[${run.footnote}]`)).join(''));


const oneParagraph = (w: string) => `<${w}p><${w}r><${w}t>1. Text.</${w}t></${w}r></${w}p>`;

describe('readDocx on hand-written XML', () => {
  it('moves: moveFrom/moveTo are counted as one move and follow the choice', () => {
    const bytes = file(`<w:p>${r('1. A ')}<w:moveFrom ${by}>${r('moved ')}</w:moveFrom>${r('text')}<w:moveTo ${by}>${r(' moved')}</w:moveTo>${r('.')}</w:p>`);
    expect(text(bytes, 'accept')).toEqual(['1. A text moved.']);
    expect(text(bytes, 'reject')).toEqual(['1. A moved text.']);
    expect(readDocx(bytes).trackedChanges).toMatchObject({ insertions: 0, deletions: 0, moves: 1 });
  });

  it('a deleted paragraph mark joins the paragraph to the next when accepted; an inserted one when rejected', () => {
    const deletedMark = file(`<w:p><w:pPr><w:rPr><w:del ${by}/></w:rPr></w:pPr>${r('1. First half')}</w:p><w:p>${r(' second half.')}</w:p>`);
    expect(text(deletedMark, 'accept')).toEqual(['1. First half second half.']);
    expect(text(deletedMark, 'reject')).toEqual(['1. First half', ' second half.']);
    const insertedParagraph = file(`<w:p>${r('1. Old.')}</w:p><w:p><w:pPr><w:rPr><w:ins ${by}/></w:rPr></w:pPr><w:ins ${by}>${r('2. New.')}</w:ins></w:p><w:p>${r('3. Last.')}</w:p>`);
    expect(text(insertedParagraph, 'accept')).toEqual(['1. Old.', '2. New.', '3. Last.']);
    expect(text(insertedParagraph, 'reject')).toEqual(['1. Old.', '3. Last.']);
  });

  it('one insertion split by Word into a w:ins per run of formatting is one change, quoted whole', () => {
    const bytes = file(`<w:p>${r('1. States ')}<w:ins ${by}>${r('[')}</w:ins><w:ins ${by}>${r('shall')}</w:ins><w:ins ${by}>${r(']')}</w:ins>${r(' act.')}<w:ins ${by}>${r(' Now.')}</w:ins></w:p>`);
    const { trackedChanges } = readDocx(bytes);
    expect(trackedChanges).toMatchObject({ insertions: 2, deletions: 0, moves: 0 });
    expect(trackedChanges.examples).toEqual(['Inserted: "[shall]"', 'Inserted: "Now."']);
  });

  it('tracked changes inside a footnote are applied and counted', () => {
    const notes = `<w:footnotes xmlns:w="${W_NS}"><w:footnote w:id="1"><w:p>${r('Old')}<w:ins ${by}>${r(' and new')}</w:ins>${r('.')}</w:p></w:footnote></w:footnotes>`;
    const bytes = zipSync({
      '[Content_Types].xml': strToU8(types),
      'word/document.xml': strToU8(`<w:document xmlns:w="${W_NS}"><w:body><w:p>${r('1. Text.')}<w:r><w:footnoteReference w:id="1"/></w:r></w:p></w:body></w:document>`),
      'word/footnotes.xml': strToU8(notes),
    });
    expect(text(bytes, 'accept')).toEqual(['1. Text.^[Old and new.]']);
    expect(text(bytes, 'reject')).toEqual(['1. Text.^[Old.]']);
    expect(readDocx(bytes).trackedChanges.insertions).toBe(1);
  });

  it('reads the namespace under any prefix, as the default, or strict OOXML\'s', () => {
    for (const [decl, prefix] of [
      [`xmlns:ns0="${W_NS}"`, 'ns0:'],
      [`xmlns="${W_NS}"`, ''],
      ['xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"', 'w:'],
    ] as const) {
      const bytes = zipSync({
        '[Content_Types].xml': strToU8(types),
        'word/document.xml': strToU8(`<${prefix}document ${decl}><${prefix}body>${oneParagraph(prefix)}</${prefix}body></${prefix}document>`),
      });
      expect(text(bytes), decl).toEqual(['1. Text.']);
    }
  });

  it('tabs, breaks, hidden text, hyperlinks and field codes', () => {
    const bytes = file(
      `<w:p>${r('1.')}<w:r><w:tab/></w:r>${r('See')}<w:r><w:br/></w:r><w:hyperlink>${r('the link')}</w:hyperlink><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>${r(' and a \\ backslash.')}</w:p>`,
    );
    const reading = readDocx(bytes);
    expect(text(bytes)).toEqual(['1.\tSee the link and a \\\\ backslash.']);
    expect(reading.warnings).toContain('Hidden text was left out.');
  });
});
