/**
 * toDocx, read as XML (LibreOffice reads the files in docx-libreoffice.test.ts): the named styles, real
 * footnotes, tracked changes with paragraph-mark markers, a category as the only author, metadata that
 * names no one, and the same bytes for the same document.
 */
import { fromPlainText } from '@accord/text';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { demo, idAt, insertAfter, moveAfter, newParagraph, remove, repairLabels, replaceWords } from '../../text/test/history-edits.js';
import { DOCX_STYLE_NAMES } from '../src/docx/docx-styles.js';
import { printRedline, printText, toDocx } from '../src/index.js';
import { docxParts, expectedFootnotes } from './support/docx-text.js';
import { FRONT } from './support/front.js';

const base = demo();
const DELEGATIONS = ['Arandia', 'Veloria', 'Kestria', 'Solmar'];

function edited() {
  let next = replaceWords(base, idAt(base, 'Box II(2)'), 'Decisions', 'Choices');
  next = repairLabels(insertAfter(next, idAt(next, 'Box I(3)'), newParagraph('A new paragraph.')));
  next = remove(next, idAt(next, 'Box I(2)'));
  return repairLabels(moveAfter(next, idAt(next, 'Box I(1)'), idAt(next, 'Box II(1)')));
}

describe('toDocx', () => {
  it('lays the text out in named styles a secretariat can restyle, with real footnotes', async () => {
    const printed = printText(base, FRONT, { sponsors: true });
    const parts = docxParts(await toDocx(printed));
    const document = parts['word/document.xml']!;
    for (const name of DOCX_STYLE_NAMES) expect(parts['word/styles.xml']).toContain(`<w:name w:val="${name}"/>`);
    expect(parts['word/styles.xml']).toMatch(/<w:style w:type="paragraph" w:styleId="BoxHeading">.*?<w:basedOn w:val="Heading1"\/>/);
    for (const id of ['BoxHeading', 'AccordParagraph', 'AccordSubparagraph', 'AccordSymbol', 'AccordStatusDate', 'AccordTitle']) expect(document).toContain(`<w:pStyle w:val="${id}"/>`);
    for (const id of ['AccordLabel', 'AccordBracket', 'AccordSponsors', 'AccordStatus']) expect(document).toContain(`<w:rStyle w:val="${id}"/>`);
    // A label, then a tab, in the label's run.
    expect(document).toContain('<w:rStyle w:val="AccordLabel"/></w:rPr><w:t xml:space="preserve">2bis.</w:t><w:tab/>');
    const footnotes = expectedFootnotes(printed);
    expect(footnotes.length).toBeGreaterThan(1);
    expect(document.match(/<w:footnoteReference w:id="\d+"\/>/g)).toHaveLength(footnotes.length);
    for (const text of footnotes) expect(parts['word/footnotes.xml']).toContain(text.replace(/"/g, '&quot;').replace(/&(?!quot;)/g, '&amp;'));
  });

  it('writes metadata that names no one, and no delegation anywhere when sponsors may not be printed', async () => {
    const bytes = await toDocx(printRedline(base, edited(), { ...FRONT, notes: ['Sponsors are not shown: this dialogue is held under the Chatham House Rule.'] }, { sponsors: false }, { author: 'Chair', date: '2026-09-01T10:00:00Z' }));
    const parts = docxParts(bytes);
    expect(parts['docProps/core.xml']).toContain('<dc:creator>Accord</dc:creator><cp:lastModifiedBy>Accord</cp:lastModifiedBy>');
    expect(parts['docProps/core.xml']).toContain(`<dc:title>${FRONT.title}</dc:title>`);
    expect(parts['docProps/app.xml']).toContain('<Application>Accord</Application>');
    for (const [name, text] of Object.entries(parts)) for (const who of DELEGATIONS) expect(text.includes(who), `${who} in ${name}`).toBe(false);
    // Every tracked change is the category's.
    const authors = new Set([...Object.values(parts).join('').matchAll(/w:author="([^"]*)"/g)].map((m) => m[1]));
    expect([...authors]).toEqual(['Chair']);
  });

  it('writes well-formed XML whatever the text holds (control characters, lone surrogates, markup characters)', async () => {
    const hostile = fromPlainText('Box I. <Title> & "quotes"\n\n1. A \\]\\]> b \u0001\u0007c \uD800 d <w:p/> e^[Note \u0002 & <x>] f [g]{A & B}\n');
    const parts = docxParts(await toDocx(printText(hostile, { ...FRONT, title: 'T \u0003 & <T>' }, { sponsors: true })));
    for (const name of ['word/document.xml', 'word/footnotes.xml', 'docProps/core.xml']) expect(XMLValidator.validate(parts[name]!), name).toBe(true);
    expect(parts['word/document.xml']).toContain('A ]]&gt; b c  d &lt;w:p/&gt; e');
    expect(parts['docProps/core.xml']).toContain('<dc:title>T  &amp; &lt;T&gt;</dc:title>');
  });

  it('gives the same bytes for the same document', async () => {
    const printed = printRedline(base, edited(), FRONT, { sponsors: true }, { author: 'Chair', date: '2026-09-01T10:00:00Z' });
    const a = await toDocx(printed);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(Buffer.from(await toDocx(printed)).equals(Buffer.from(a))).toBe(true);
  });

  it('marks whole paragraphs in and out on their paragraph mark too, and a move as a Word move', async () => {
    const redline = printRedline(base, edited(), FRONT, { sponsors: true }, { author: 'Chair', date: '2026-09-01T10:00:00Z' });
    const parts = docxParts(await toDocx(redline));
    const paragraphs = parts['word/document.xml']!.match(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/g)!;
    const marked = (kind: 'ins|moveTo' | 'del|moveFrom') => paragraphs.filter((p) => new RegExp(`<w:pPr>.*<w:rPr><w:(${kind}) w:id="\\d+" w:author="Chair" w:date="2026-09-01T10:00:00Z"/></w:rPr></w:pPr>`).test(p));
    const wholeBlocks = (change: 'insert' | 'delete') => redline.boxes.flatMap((b) => b.blocks.filter((k) => k.change === change)).length;
    expect(marked('ins|moveTo')).toHaveLength(wholeBlocks('insert'));
    expect(marked('del|moveFrom')).toHaveLength(wholeBlocks('delete'));
    // Inside a deleted paragraph every run is deleted text; a changed word is w:del then w:ins.
    for (const p of marked('del|moveFrom')) {
      expect(p.replace(/<w:pPr>.*?<\/w:pPr>/, '').replace(/<w:(del|moveFrom) [^>]*>.*?<\/w:\1>/g, '').replace(/<w:moveFromRange(Start|End) [^>]*\/>/g, '')).toMatch(/^<w:p>\s*<\/w:p>$/);
    }
    expect(parts['word/document.xml']).toMatch(/<w:del [^>]*><w:r><w:delText xml:space="preserve">Decisions<\/w:delText><\/w:r><\/w:del><w:ins [^>]*><w:r><w:t xml:space="preserve">Choices<\/w:t><\/w:r><\/w:ins>/);
    // Box I(1) moved to Box II(1bis): a named Word move, its deletion and insertion linked by the name.
    const moved = redline.boxes.flatMap((b) => b.blocks).filter((b) => b.note);
    expect(moved.map((b) => b.note)).toEqual(['Moved to Box II(1bis)', 'Moved from Box I(1)']);
    const name = `move-${moved[0]!.id}`;
    const document = parts['word/document.xml']!;
    expect(document).toMatch(new RegExp(`<w:moveFromRangeStart w:id="(\\d+)" w:author="Chair" w:date="2026-09-01T10:00:00Z" w:name="${name}"/>.*?<w:moveFrom w:id="\\d+"[^>]*><w:r>.*?<w:delText xml:space="preserve">1.</w:delText>.*?<w:moveFromRangeEnd w:id="\\1"/>`));
    expect(document).toMatch(new RegExp(`<w:moveToRangeStart w:id="(\\d+)" w:author="Chair" w:date="2026-09-01T10:00:00Z" w:name="${name}"/>.*?<w:moveTo w:id="\\d+"[^>]*><w:r>.*?<w:t xml:space="preserve">1bis.</w:t>.*?<w:moveToRangeEnd w:id="\\1"/>`));
    // Well-formed: every move opened is closed, and no w:ins/w:del is left half renamed.
    for (const t of ['ins', 'del', 'moveFrom', 'moveTo']) expect(document.match(new RegExp(`<w:${t} [^>]*[^/]>`, 'g'))?.length ?? 0).toBe(document.match(new RegExp(`</w:${t}>`, 'g'))?.length ?? 0);
    expect(parts['word/comments.xml'] ?? '').not.toContain('<w:comment ');
  });
});
