/**
 * Hostile files, generated here: each is refused with the right ImportRefusal code, quickly, and
 * nothing else ever escapes readDocx (a fuzz of a valid file's bytes). The times are printed.
 */
/* oxlint-disable vitest/expect-expect -- each case asserts through expectRefused */
import * as fc from 'fast-check';
import { fromPlainText, toJSON, validateDocument } from '@accord/text';
import { demoRollingText } from '@accord/text/demo';
import { recognizeText } from '@accord/text/recognize';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toDocx } from '../src/docx/to-docx.js';
import { ImportRefusal, readDocx, type ImportRefusalCode } from '../src/import/index.js';
import { printText } from '../src/printed.js';
import { FRONT } from './support/front.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

function contentTypes(mainType = MAIN, part = '/word/document.xml'): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="${part}" ContentType="${mainType}"/></Types>`;
}
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

function documentXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`;
}
const paragraph = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

function docx(parts: Record<string, string | Uint8Array>, level: 0 | 1 | 6 | 9 = 6): Uint8Array {
  const files: Zippable = {};
  for (const [name, data] of Object.entries(parts)) files[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(files, { level });
}

function validParts(body = `${paragraph('Box I. Scope')}${paragraph('1. Text.')}`): Record<string, string | Uint8Array> {
  return { '[Content_Types].xml': contentTypes(), '_rels/.rels': RELS, 'word/document.xml': documentXml(body) };
}

function refusal(bytes: Uint8Array): { code: ImportRefusalCode | 'none'; message: string; ms: number } {
  const start = performance.now();
  try {
    readDocx(bytes);
    return { code: 'none', message: '', ms: performance.now() - start };
  } catch (error) {
    const ms = performance.now() - start;
    if (error instanceof ImportRefusal) return { code: error.code, message: error.message, ms };
    throw error;
  }
}

/** Well under a second on an idle machine; this one is shared, so the bound has room. */
const QUICK_MS = 1000;

function expectRefused(name: string, bytes: Uint8Array, code: ImportRefusalCode, message?: RegExp): void {
  const result = refusal(bytes);
  process.stdout.write(`hostile ${name}: ${result.code} in ${result.ms.toFixed(1)} ms (${bytes.length} bytes)\n`);
  expect(result.code).toBe(code);
  if (message) expect(result.message).toMatch(message);
  expect(result.ms).toBeLessThan(QUICK_MS);
}

describe('hostile files', () => {
  it('a valid minimal file is read', () => {
    expect(readDocx(docx(validParts())).lines.map((l) => l.runs)).toEqual([[{ text: 'Box I. Scope' }], [{ text: '1. Text.' }]]);
  });

  it('empty file, random bytes, a PDF: FILE_UNREADABLE', () => {
    expectRefused('empty', new Uint8Array(0), 'FILE_UNREADABLE', /empty/);
    expectRefused('random', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251), 'FILE_UNREADABLE');
    expectRefused('pdf', strToU8('%PDF-1.7\n...'), 'FILE_UNREADABLE', /PDF/);
  });

  it('truncated zips and a CRC error: FILE_UNREADABLE', () => {
    const bytes = docx(validParts());
    for (const keep of [0.9, 0.5, 0.1]) expectRefused(`truncated to ${keep}`, bytes.subarray(0, Math.floor(bytes.length * keep)), 'FILE_UNREADABLE', /truncated or damaged/);
    // Stored (not compressed), so one flipped byte of text is a CRC error and not an inflate error.
    const stored = docx(validParts(paragraph('A text whose bytes we damage.')), 0);
    const at = new TextDecoder('latin1').decode(stored).indexOf('whose');
    const damaged = stored.slice();
    damaged[at] = damaged[at]! ^ 0x20;
    expectRefused('crc error', damaged, 'FILE_UNREADABLE', /damaged/);
  });

  it('wrong content types: a renamed spreadsheet, an .odt, no document part: FILE_UNREADABLE', () => {
    expectRefused(
      'xlsx',
      docx({ '[Content_Types].xml': contentTypes('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', '/xl/workbook.xml'), 'xl/workbook.xml': '<workbook/>' }),
      'FILE_UNREADABLE',
      /spreadsheet/,
    );
    expectRefused('odt', docx({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office:document-content/>' }), 'FILE_UNREADABLE', /OpenDocument/);
    const parts = validParts();
    delete parts['word/document.xml'];
    expectRefused('no document.xml', docx(parts), 'FILE_UNREADABLE', /missing/);
    expectRefused('not xml', docx({ ...validParts(), 'word/document.xml': '<w:document><w:body><w:p>' }), 'FILE_UNREADABLE');
  });

  it('an OLE compound file (encrypted OOXML or an old .doc): FILE_ENCRYPTED', () => {
    const cfb = new Uint8Array(4096);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expectRefused('cfb', cfb, 'FILE_ENCRYPTED', /password-protected, or an old \.doc/);
  });

  it('macros: vbaProject.bin or a macro-enabled main part: FILE_HAS_MACROS', () => {
    expectRefused('vbaProject.bin', docx({ ...validParts(), 'word/vbaProject.bin': new Uint8Array([1, 2, 3]) }), 'FILE_HAS_MACROS');
    expectRefused('docm', docx({ ...validParts(), '[Content_Types].xml': contentTypes('application/vnd.ms-word.document.macroEnabled.main+xml') }), 'FILE_HAS_MACROS');
  });

  it('a zip bomb, declared or lying about its size: FILE_TOO_COMPLEX', () => {
    const huge = new Uint8Array(60 * 1024 * 1024).fill(0x20);
    const bomb = docx({ ...validParts(), 'word/media/filler.xml': huge }, 1);
    expectRefused('zip bomb (declared 60 MB)', bomb, 'FILE_TOO_COMPLEX');
    // 8 MB of one character: under the total, but a ratio no document part has.
    const ratio = docx({ ...validParts(), 'word/document.xml': documentXml(paragraph('x'.repeat(8 * 1024 * 1024))) }, 9);
    expectRefused('zip bomb (ratio)', ratio, 'FILE_TOO_COMPLEX', /compresses more than/);
    // The same entry with its headers claiming 1,000 bytes: inflating stops at the claim.
    const liar = ratio.slice();
    const view = new DataView(liar.buffer);
    for (let i = 0; i < liar.length - 4; i++) {
      if (view.getUint32(i, true) === 0x02014b50 && new TextDecoder().decode(liar.subarray(i + 46, i + 46 + 17)) === 'word/document.xml') view.setUint32(i + 24, 1000, true);
    }
    expectRefused('zip bomb (lying headers)', liar, 'FILE_TOO_COMPLEX', /beyond the size it declares/);
  });

  it('more than 2,000 entries: FILE_TOO_COMPLEX', () => {
    const parts = validParts();
    for (let i = 0; i < 2100; i++) parts[`word/media/x${i}.bin`] = new Uint8Array([i & 0xff]);
    expectRefused('2,100 entries', docx(parts, 0), 'FILE_TOO_COMPLEX');
  });

  it('10^5 paragraphs: FILE_TOO_COMPLEX, quickly', () => {
    // Varied words, so the file compresses as a real one does (no ratio refusal comes first).
    const body = Array.from({ length: 100_000 }, (_, i) => paragraph(`${i + 1}. Paragraph ${(i * 7919) % 100_003} of ${(i * 104_729) % 99_991}.`)).join('');
    expectRefused('100,000 paragraphs', docx(validParts(body)), 'FILE_TOO_COMPLEX', /100000 paragraphs/);
  });

  it('XML entity expansion (billion laughs) in document.xml or any other part: FILE_TOO_COMPLEX', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>`;
    expectRefused('billion laughs', docx({ ...validParts(), 'word/document.xml': laughs }), 'FILE_TOO_COMPLEX', /entities/);
    expectRefused('entity in styles.xml', docx({ ...validParts(), 'word/styles.xml': '<!DOCTYPE x [<!ENTITY a "b">]><w:styles/>' }), 'FILE_TOO_COMPLEX');
  });

  it('random damage to a valid file is refused with an ImportRefusal or read; nothing else escapes', () => {
    const valid = docx(validParts(`${paragraph('Box I. Scope')}${paragraph('1. [Some] text.')}`));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.nat({ max: valid.length }), (edits, cut) => {
        const bytes = valid.slice(0, Math.max(cut, valid.length - 50));
        for (const [at, value] of edits) if (at < bytes.length) bytes[at] = value;
        const start = performance.now();
        try {
          readDocx(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(ImportRefusal);
        }
        expect(performance.now() - start).toBeLessThan(QUICK_MS);
      }),
      { numRuns: 300, seed: Number(process.env.FC_SEED ?? 13) },
    );
  });
});

describe('damaged XML inside a well-formed zip', () => {
  it('random edits to an Accord DOCX\'s document.xml are read or refused with an ImportRefusal, and what is read always recognizes into a valid text', async () => {
    const demo = fromPlainText(demoRollingText);
    const parts = unzipSync(await toDocx(printText(demo, FRONT, { sponsors: true })));
    const xml = strFromU8(parts['word/document.xml']!);
    const pieces = ['<', '>', '/', '"', '&', '&amp;', '<w:p>', '</w:p>', '<w:r>', '</w:r>', '<w:t>', '</w:t>', '<w:del w:id="9">', '</w:del>', '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>', '<w:footnoteReference w:id="99"/>', '[', ']{A}', '{agreed}'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: xml.length }), fc.nat({ max: 40 }), fc.constantFrom(...pieces)), { minLength: 1, maxLength: 6 }), (edits) => {
        let damaged = xml;
        for (const [at, cut, piece] of edits) damaged = damaged.slice(0, at) + piece + damaged.slice(at + cut);
        const bytes = zipSync({ ...parts, 'word/document.xml': strToU8(damaged) });
        let lines;
        try {
          lines = readDocx(bytes, { trackedChanges: 'reject' }).lines;
        } catch (error) {
          expect(error).toBeInstanceOf(ImportRefusal);
          return;
        }
        expect(validateDocument(toJSON(recognizeText(lines).doc)).ok).toBe(true);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 150), seed: Number(process.env.FC_SEED ?? 17) },
    );
  });
});
