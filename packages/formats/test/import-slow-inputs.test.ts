/**
 * Hostile inputs that are small but slow: each is read (or refused with an ImportRefusal) in well
 * under a second, since the import runs on the server's one thread and a slow read stops every
 * member's requests. Found by review: quadratic scans in the Markdown reader, and Word numbering
 * printed for a start value of millions of letters.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportRefusal, readDocx, readMarkdown } from '../src/import/index.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const CONTENT_TYPES = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

/** Well under a second on an idle machine; this one is shared, so the bound has room. */
const QUICK_MS = 1000;

function timed<T>(read: () => T): { value: T | ImportRefusal; ms: number } {
  const start = performance.now();
  try {
    const value = read();
    return { value, ms: performance.now() - start };
  } catch (error) {
    if (error instanceof ImportRefusal) return { value: error, ms: performance.now() - start };
    throw error;
  }
}

describe('Markdown: no input is read in quadratic time', () => {
  const size = 50_000;
  const cases: Record<string, string> = {
    'a heading with a long run of spaces': `# a${' '.repeat(size)}x`,
    'many "[" without "]"': '['.repeat(size),
    'many "[^" without "]"': '[^'.repeat(size / 2),
    'many "[" before one "](" and a long URL': `${'['.repeat(size / 2)}](${'a'.repeat(size / 2)}`,
    'many "`" pairs and one unmatched': `${'`'.repeat(size)}x`,
    'many "*" with words': 'a*'.repeat(size / 2),
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`${name}`, () => {
      const { ms } = timed(() => readMarkdown(text));
      process.stdout.write(`markdown ${name}: ${ms.toFixed(0)} ms for ${text.length} characters\n`);
      expect(ms).toBeLessThan(QUICK_MS);
    });
  }

  it('still reads links, footnote references and headings as before', () => {
    const notes = '[^1]: A note.\n';
    expect(readMarkdown(`# Title  #\n\n1. See [the text](http://x.example) and [kept]^[no] [^1].\n\n${notes}`)).toEqual([
      { line: 1, runs: [{ text: 'Title' }], heading: true },
      { line: 3, runs: [{ text: '1. See the text and [kept]^[no] ' }, { footnote: 'A note.' }, { text: '.' }] },
    ]);
  });
});

/** A DOCX of lettered paragraphs in one list that starts at `start`. */
function numbered(start: string, paragraphs: number): Uint8Array {
  const numbering = `<w:numbering xmlns:w="${W}"><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="${start}"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%1)"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>`;
  const p = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>';
  const doc = `<w:document xmlns:w="${W}"><w:body>${p.repeat(paragraphs)}</w:body></w:document>`;
  return zipSync({ '[Content_Types].xml': strToU8(CONTENT_TYPES), '_rels/.rels': strToU8(RELS), 'word/document.xml': strToU8(doc), 'word/numbering.xml': strToU8(numbering) });
}

describe('DOCX numbering: a hostile start value', () => {
  for (const [start, paragraphs] of [
    ['1e300', 1],
    ['2147483647', 1],
    ['26000000', 200],
  ] as const) {
    it(`w:start ${start} on ${paragraphs} lettered paragraphs is read quickly, never thrown as a RangeError, never a huge label`, () => {
      const { value, ms } = timed(() => readDocx(numbered(start, paragraphs)));
      process.stdout.write(`numbering start ${start} x ${paragraphs}: ${ms.toFixed(0)} ms\n`);
      expect(ms).toBeLessThan(QUICK_MS);
      if (!(value instanceof ImportRefusal)) for (const line of value.lines) expect((line.numbering ?? '').length).toBeLessThan(100);
    });
  }

  it('an ordinary lettered list still prints (a), (b), … (z), (aa)', () => {
    const { value } = timed(() => readDocx(numbered('1', 27)));
    expect(value).not.toBeInstanceOf(ImportRefusal);
    const labels = (value as { lines: Array<{ numbering?: string }> }).lines.map((l) => l.numbering);
    expect(labels.slice(0, 2)).toEqual(['(a)', '(b)']);
    expect(labels.at(-1)).toBe('(aa)');
  });
});
