/**
 * The DOCX redline under random edits, read as Word's rules read its XML (support/docx-accept.ts):
 * Accept All gives the newer printed text and Reject All the older, line by line (blank lines
 * counted); the XML is well-formed; every change is the category's. fast-check, fixed seed:
 * FC_SEED=<n> replays, FC_RUNS=<n> runs more (default 25: each case writes two Word files).
 */
import { XMLValidator } from 'fast-xml-parser';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demo } from '../../text/test/history-edits.js';
import { printRedline, toDocx } from '../src/index.js';
import { acceptedLines } from './support/docx-accept.js';
import { docxParts, expectedDocxLines } from './support/docx-text.js';
import { FRONT } from './support/front.js';
import { applyEdit, editArbitrary } from './redline-edits.js';

const fcParams = { numRuns: Number(process.env.FC_RUNS ?? 25), seed: Number(process.env.FC_SEED ?? 20_261_207) };

describe('the DOCX redline under random edits', () => {
  const base = demo();
  process.stdout.write(`docx redline property: seed ${fcParams.seed} (FC_SEED=${fcParams.seed} to replay), ${fcParams.numRuns} runs\n`);

  it('ACCEPT/REJECT in the XML: Accept All is the newer printed text, Reject All the older', async () => {
    expect.hasAssertions();
    await fc.assert(
      fc.asyncProperty(fc.array(editArbitrary, { minLength: 1, maxLength: 8 }), fc.array(editArbitrary, { maxLength: 3 }), fc.boolean(), async (edits, olderEdits, sponsors) => {
        const older = olderEdits.reduce(applyEdit, base);
        const newer = edits.reduce(applyEdit, older);
        for (const [a, b] of [
          [older, newer],
          [newer, older],
        ] as const) {
          const redline = printRedline(a, b, FRONT, { sponsors }, { author: 'Secretariat', date: '2026-09-02T08:30:00Z' });
          const xml = docxParts(await toDocx(redline))['word/document.xml']!;
          expect(XMLValidator.validate(xml)).toBe(true);
          expect(acceptedLines(xml, 'accept')).toEqual(expectedDocxLines(redline, 'delete'));
          expect(acceptedLines(xml, 'reject')).toEqual(expectedDocxLines(redline, 'insert'));
          expect(new Set([...xml.matchAll(/w:author="([^"]*)"/g)].map((m) => m[1]))).toEqual(new Set(redline.boxes.some((x) => x.change || x.blocks.some((k) => k.change || k.runs.some((r) => r.change))) ? ['Secretariat'] : []));
        }
      }),
      fcParams,
    );
  }, 300_000);
});
