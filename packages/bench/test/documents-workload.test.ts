/**
 * D1's pure parts: the 500-paragraph text holds what the workload says it exports, its later version
 * differs by exactly the edits counted (as the server's comparison sees them), the text reaches a
 * server as the editor's binding writes it (part 5), the plain-paragraph peer carries the same
 * printed lines, and Chromium prints through the bench's printer as the server's does.
 */
import { existsSync } from 'node:fs';
import { printText, type FrontMatter } from '@accord/formats';
import { emptyRollingText, toJSON, validateDocument } from '@accord/text';
import { compareTexts } from '@accord/text/history';
import { checkRollingTextUpdate, fromYDoc, toYUpdate } from '@accord/text/yjs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exportTexts } from '../src/load/export-text.js';
import { findChromium } from '../src/load/editor-key-to-paint.js';
import { BLANK_PAGE, PdfPrinter, pdfPages } from '../src/load/pdf-printer.js';
import { plainDocx, plainLines } from '../src/load/plain-docx.js';
import { writeRollingText } from '../src/load/write-rolling-text.js';

const texts = exportTexts(500, 50);
/** A text's JSON without its ids (new every parse), alternative groups' included. */
const withoutIds = (json: unknown) => JSON.stringify(json).replace(/"(id|alt)":"[^"]*"/g, '');
const FRONT: FrontMatter = { symbol: 'CCW/GGE.1/2026/WP.1', title: 'Bench', statusDate: null, revisionLabel: null, subtitle: null, notes: [] };

describe("D1's text", () => {
  it('holds 500 paragraphs with sub-paragraphs, brackets, sponsors, footnotes, alternatives and statuses in five boxes', () => {
    expect(texts.older.childCount).toBe(5);
    expect(texts.counts).toMatchObject({ paragraphs: 500, subparagraphs: 330, alternatives: 90 });
    expect(texts.counts.brackets).toBeGreaterThan(600);
    expect(texts.counts.footnotes).toBeGreaterThan(60);
    expect(texts.counts.agreed).toBeGreaterThan(0);
    expect(texts.counts.agreedAdRef).toBeGreaterThan(0);
    const printed = printText(texts.older, FRONT, { sponsors: true });
    const runs = printed.boxes.flatMap((box) => box.blocks.flatMap((block) => block.runs));
    expect(runs.filter((run) => run.kind === 'footnote')).toHaveLength(texts.counts.footnotes);
    expect(runs.filter((run) => run.kind === 'text' && run.role === 'sponsors').length).toBeGreaterThan(300);
  });

  it('is the same text every run (a fixed seed), ids aside', () => {
    const again = exportTexts(500, 50);
    expect(withoutIds(toJSON(again.older))).toBe(withoutIds(toJSON(texts.older)));
  });

  it('has a later version that differs by the 50 edits counted, as compareTexts sees them', () => {
    expect(validateDocument(toJSON(texts.newer)).ok).toBe(true);
    expect(Object.values(texts.edits).reduce((a, b) => a + b, 0)).toBe(50);
    expect(texts.edits).toEqual({
      'word typed': 30,
      'word deleted': 5,
      'status changed': 5,
      'sponsors changed': 5,
      'paragraph inserted': 2,
      'paragraph deleted': 2,
      'paragraph moved': 1,
    });
    const { changes } = compareTexts(texts.older, texts.newer);
    const count = (kind: string) => changes.filter((change) => change.kind === kind && change.blockKind === 'paragraph').length;
    expect(count('inserted')).toBe(2);
    expect(count('deleted')).toBe(2);
    expect(count('moved')).toBe(1);
    expect(count('status')).toBe(5);
    // Words typed and deleted, and sponsors joining or leaving: each one block's wording (a sponsor's may be a sub-paragraph's).
    expect(changes.filter((change) => change.kind === 'modified')).toHaveLength(40);
  });

  it('reaches a server as the editor writes it: every update passes the schema check and reads back unchanged', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const template = toYUpdate(emptyRollingText());
    Y.applyUpdate(server, template);
    Y.applyUpdate(client, template);
    const refusals: string[] = [];
    client.on('update', (update: Uint8Array) => {
      const verdict = checkRollingTextUpdate(server, update);
      if (!verdict.ok) refusals.push(verdict.reason);
      Y.applyUpdate(server, update);
    });
    writeRollingText(client, toJSON(texts.older));
    expect(refusals).toEqual([]);
    expect(toJSON(fromYDoc(server))).toEqual(toJSON(texts.older));
  });
});

describe("the DOCX peer's plain paragraphs", () => {
  it('carry every printed line (front, headings, paragraphs, sub-paragraphs) with its label and no footnote text', async () => {
    const printed = printText(texts.older, FRONT, { sponsors: true });
    const lines = plainLines(printed);
    expect(lines).toHaveLength(2 + 5 + 500 + 330);
    expect(lines[2]).toBe('Box I. Characterisation of lethal autonomous weapons systems');
    expect(lines[3]).toMatch(/^1\. \S/);
    const footnote = printed.boxes.flatMap((box) => box.blocks.flatMap((block) => block.runs)).find((run) => run.kind === 'footnote')!;
    expect(lines.some((line) => line.includes(footnote.text))).toBe(false);
    const docx = await plainDocx(lines);
    // A zip (PK\x03\x04).
    expect(Buffer.from(docx.subarray(0, 4)).toString('latin1')).toBe('PK\x03\x04');
  });
});

describe.skipIf(!findChromium() || !existsSync(findChromium() ?? ''))('the PDF printer', () => {
  it('prints a blank page as one page and a long page as several, each in a fresh context of one browser', async () => {
    const printer = await PdfPrinter.launch();
    try {
      expect(pdfPages(await printer.print(BLANK_PAGE))).toBe(1);
      const long = `<html><body>${'<p>words on a page</p>'.repeat(300)}</body></html>`;
      expect(pdfPages(await printer.print(long))).toBeGreaterThan(3);
    } finally {
      await printer.close();
    }
  }, 60_000);
});
