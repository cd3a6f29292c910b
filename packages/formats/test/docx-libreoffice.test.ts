/**
 * LibreOffice reads our Word files (real soffice, batched: one conversion run and one UNO run).
 * - TEXT: the demo text's DOCX, as LibreOffice's text filter reads it, is the printed text line by line
 *   (labels and their tab, brackets, sponsors, statuses, footnote marks); its footnotes are the
 *   printed footnotes. Also under the Chatham House Rule, and for a compilation.
 * - ACCEPT/REJECT: a redline with Accept All is, as text, the newer revision's DOCX and the printed
 *   newer text; with Reject All the older's. On chosen edits and on random ones (fast-check, fixed seed;
 *   LO_SEED=<n> for others). LibreOffice sees every change authored by the category, at its date.
 * Skipped, saying why, without soffice; failing under CI=true.
 */
import { wordDiff, findBlock } from '@accord/text/amendments';
import * as fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import { beforeAll, describe, expect, it } from 'vitest';
import { demo, idAt, insertAfter, moveAfter, newParagraph, remove, repairLabels, replaceWords, setAttrs } from '../../text/test/history-edits.js';
import { printCompilation, printRedline, printText, toDocx, type CompilationInput, type PrintedDocument } from '../src/index.js';
import { expectedDocxLines, expectedFootnotes, textLines } from './support/docx-text.js';
import { FRONT } from './support/front.js';
import { convertToText, office, officeMissing, throughUno, unoAvailable, type UnoJob, type UnoResult } from './support/libreoffice.js';
import { applyEdit, editArbitrary } from './redline-edits.js';

const missing = officeMissing();
const BY = { author: 'Chair', date: '2026-09-01T10:00:00Z' };
const DELEGATIONS = /Arandia|Veloria|Kestria|Solmar/;
const base = demo();
const seed = Number(process.env.LO_SEED ?? 20_261_206);

function chosenEdits(): Node {
  let next = replaceWords(base, idAt(base, 'Box II(2)'), 'Decisions', 'Choices');
  next = setAttrs(next, idAt(next, 'Box II(2)'), { status: 'agreed' });
  next = repairLabels(insertAfter(next, idAt(next, 'Box I(3)'), newParagraph('A new paragraph.')));
  next = remove(next, idAt(next, 'Box I(2)'));
  next = remove(next, idAt(next, 'Box V(4)'));
  return repairLabels(moveAfter(next, idAt(next, 'Box I(1)'), idAt(next, 'Box II(1)')));
}

/** What the random edits reach rarely: a box added (the others renumbered), one retitled, a sub-paragraph moved to another paragraph, emphasis, a footnote added and one changed. */
function structuralEdits(): Node {
  let next = applyEdit(base, { kind: 'insertBox', at: 1 });
  next = applyEdit(next, { kind: 'retitle', at: 3 });
  next = repairLabels(moveAfter(next, idAt(next, 'Box III(3)(b)'), idAt(next, 'Box IV(2)(a)')));
  next = applyEdit(next, { kind: 'emphasis', at: 7 });
  next = applyEdit(next, { kind: 'footnote', at: 11, text: 'A new note.' });
  return applyEdit(next, { kind: 'footnote', at: 40, text: 'A changed note.' });
}

const randomCases = fc.sample(fc.array(editArbitrary, { minLength: 3, maxLength: 10 }), { seed, numRuns: 3 }).map((edits) => edits.reduce(applyEdit, base));
const cases: Array<{ name: string; newer: Node }> = [{ name: 'chosen', newer: chosenEdits() }, { name: 'structural', newer: structuralEdits() }, ...randomCases.map((newer, i) => ({ name: `random${i}`, newer }))];

function compilationFor(doc: Node): CompilationInput {
  const p2 = idAt(doc, 'Box I(2)');
  const block = findBlock(doc, p2)!;
  const text = 'For the purposes of this instrument, lethal autonomous weapons systems are [weapon systems that select and engage targets]{Solmar} without human intervention.^[A proposal note.]';
  return {
    boxes: [
      {
        paragraphs: [
          {
            paragraphId: p2,
            amendments: [
              {
                label: block.citation,
                kind: 'replace',
                text,
                diff: wordDiff(block.text, text),
                status: 'submitted',
                proposer: { category: 'Civil society' },
                supporters: { summary: 'supported by 2 governments' },
                justification: 'Simpler.',
                reason: null,
              },
            ],
          },
        ],
      },
    ],
    removed: [],
  };
}

describe.skipIf(missing !== null)(`LibreOffice reads the exported DOCX${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const printedDemo = printText(base, FRONT, { sponsors: true });
  const chatham = printText(base, { ...FRONT, notes: ['Sponsors are not shown: this dialogue is held under the Chatham House Rule.'] }, { sponsors: false });
  const compilation = printCompilation(base, compilationFor(base), { ...FRONT, subtitle: 'Compilation of amendments' }, { sponsors: true });
  const redlines = new Map<string, PrintedDocument>(cases.map((c) => [c.name, printRedline(base, c.newer, { ...FRONT, subtitle: 'Redline' }, { sponsors: true }, BY)]));
  let converted: Record<string, string> = {};
  let uno: Record<string, UnoResult> | null = null;

  beforeAll(async () => {
    const chosen = await toDocx(redlines.get('chosen')!);
    converted = await convertToText({ chatham: await toDocx(chatham), compilation: await toDocx(compilation), redline: chosen });
    if (!(await unoAvailable())) {
      if (office.ci) throw new Error('python3-uno is not installed, and CI=true: the Accept All / Reject All tests must run');
      return;
    }
    const jobs: UnoJob[] = [{ name: 'demo', bytes: await toDocx(printedDemo), changes: 'keep' }];
    for (const c of cases) {
      const bytes = await toDocx(redlines.get(c.name)!);
      jobs.push(
        { name: `${c.name}-accept`, bytes, changes: 'accept' },
        { name: `${c.name}-reject`, bytes, changes: 'reject' },
        { name: `${c.name}-newer`, bytes: await toDocx(printText(c.newer, { ...FRONT, subtitle: 'Redline' }, { sponsors: true })), changes: 'keep' },
      );
    }
    uno = await throughUno(jobs);
  }, 300_000);

  it('TEXT: the demo text reads as printed, footnotes included', (ctx) => {
    if (!uno) return ctx.skip('python3-uno is not installed');
    expect(textLines(uno.demo!.text)).toEqual(expectedDocxLines(printedDemo));
    expect(uno.demo!.footnotes).toEqual(expectedFootnotes(printedDemo));
    expect(uno.demo!.redlines).toBe(0);
  });

  it('TEXT: under the Chatham House Rule, the same text without sponsors', () => {
    expect(textLines(converted.chatham!)).toEqual(expectedDocxLines(chatham));
    expect(converted.chatham).not.toMatch(DELEGATIONS);
  });

  it('TEXT: a compilation reads as printed, each amendment under its paragraph', () => {
    const lines = textLines(converted.compilation!);
    expect(lines).toEqual(expectedDocxLines(compilation));
    expect(lines).toContain('Amendment 1: replace. Proposed by Civil society; supported by 2 governments. Submitted.');
  });

  it('reads both sides of every change of a redline, moves included', () => {
    expect(textLines(converted.redline!)).toEqual(expectedDocxLines(redlines.get('chosen')!));
  });

  it.for(cases.map((c) => c.name))('ACCEPT/REJECT (%s): Accept All gives the newer text, Reject All the older', (name, ctx) => {
    if (!uno) return ctx.skip('python3-uno is not installed');
    const accepted = uno[`${name}-accept`]!;
    const rejected = uno[`${name}-reject`]!;
    const newer = uno[`${name}-newer`]!;
    const redline = redlines.get(name)!;
    expect(textLines(accepted.text)).toEqual(textLines(newer.text));
    expect(textLines(accepted.text)).toEqual(expectedDocxLines(redline, 'delete'));
    expect(accepted.footnotes).toEqual(newer.footnotes);
    expect(textLines(rejected.text)).toEqual(expectedDocxLines(redline, 'insert'));
    expect(textLines(rejected.text).slice(4)).toEqual(textLines(uno.demo!.text).slice(3));
    expect(rejected.footnotes).toEqual(uno.demo!.footnotes);
    expect(accepted.redlines).toBeGreaterThan(0);
    expect(accepted).toMatchObject({ redlinesLeft: 0, authors: ['Chair'], dates: ['2026-09-01T10:00:00'] });
    expect(rejected.redlinesLeft).toBe(0);
  });
});
