/**
 * printRedline. The rule (ACCEPT/REJECT): leaving out a redline's deleted pieces gives the newer text
 * exactly as printText prints it, leaving out its inserted pieces the older — line by line, and run
 * by run once adjacent words of one look are joined. Checked on chosen edits of the demo text and
 * under random edits (fast-check; FC_SEED=<seed> replays, FC_RUNS=<n> runs more).
 */
import * as fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { demo, idAt, insertAfter, moveAfter, newParagraph, remove, repairLabels, replaceWords, setAttrs } from '../../text/test/history-edits.js';
import { diffRuns, printedLines, printRedline, printText, type PrintedChange, type PrintedDocument, type PrintedRun, type PrintOptions } from '../src/index.js';
import { FRONT } from './support/front.js';
import { applyEdit, editArbitrary } from './redline-edits.js';

const fcParams = { numRuns: Number(process.env.FC_RUNS ?? 150), seed: Number(process.env.FC_SEED ?? 20_261_206) };
const BY = { author: 'Chair', date: '2026-09-01T10:00:00Z' };

/** The runs of every block, one side of a redline, adjacent words of one look joined. */
function runsOf(printed: PrintedDocument, drop?: PrintedChange): PrintedRun[][] {
  return printed.boxes.flatMap((box) =>
    box.blocks
      .filter((b) => b.change === undefined || b.change !== drop)
      .map((b) => {
        const out: PrintedRun[] = [];
        for (const run of b.runs) {
          if (run.change !== undefined && run.change === drop) continue;
          const { change: _change, ...plain } = run;
          const last = out.at(-1);
          if (plain.kind === 'text' && plain.role === 'words' && last?.kind === 'text' && last.role === 'words' && last.inBracket === plain.inBracket && !!last.em === !!plain.em && !!last.strong === !!plain.strong) {
            last.text += plain.text;
          } else out.push({ ...plain });
        }
        return out;
      }),
  );
}

function expectBothSides(older: Node, newer: Node, opts: PrintOptions = { sponsors: true }): PrintedDocument {
  const redline = printRedline(older, newer, FRONT, opts, BY);
  const a = printText(older, FRONT, opts);
  const b = printText(newer, FRONT, opts);
  expect(printedLines(redline, { drop: 'delete' })).toEqual(printedLines(b));
  expect(printedLines(redline, { drop: 'insert' })).toEqual(printedLines(a));
  expect(runsOf(redline, 'delete')).toEqual(runsOf(b));
  expect(runsOf(redline, 'insert')).toEqual(runsOf(a));
  for (const box of redline.boxes)
    for (const block of box.blocks) {
      // A whole block in or out carries its change on every run; a note only on such a block.
      if (block.change) expect(block.runs.every((r) => r.change === block.change)).toBe(true);
      if (block.note) expect(block.change).toBeDefined();
      expect(block.runs.every((r) => r.text !== '' || r.kind === 'footnote')).toBe(true);
    }
  return redline;
}

function changes(redline: PrintedDocument): string[] {
  return redline.boxes.flatMap((box) => [
    ...(box.change ? [`${box.change} ${box.heading}`] : []),
    ...box.blocks.flatMap((b) => [
      ...(b.change ? [`${b.change} ${b.label}${b.note ? ` (${b.note})` : ''}`] : []),
      ...(b.change ? [] : b.runs.filter((r) => r.change).map((r) => `${r.change} "${r.text}"`)),
    ]),
  ]);
}

describe('printRedline on chosen edits of the demo text', () => {
  const base = demo();

  it('has no change between a text and itself', () => {
    const redline = expectBothSides(base, base);
    expect(redline.kind).toBe('redline');
    expect(redline.changeAuthor).toBe('Chair');
    expect(redline.changeDate).toBe(BY.date);
    expect(changes(redline)).toEqual([]);
  });

  it('marks the words changed inside a paragraph, its status and a new paragraph', () => {
    let next = replaceWords(base, idAt(base, 'Box II(2)'), 'Decisions', 'Choices');
    next = setAttrs(next, idAt(next, 'Box II(2)'), { status: 'agreed' });
    next = repairLabels(insertAfter(next, idAt(next, 'Box I(3)'), newParagraph('A new paragraph.')));
    expect(changes(expectBothSides(base, next))).toEqual(['insert 4', 'delete "Decisions"', 'insert "Choices"', 'insert " {agreed}"']);
  });

  it('leaves a deleted paragraph where it stood, and shows a move as a deletion and an insertion with notes', () => {
    let next = remove(base, idAt(base, 'Box I(2)'));
    next = repairLabels(moveAfter(next, idAt(next, 'Box I(1)'), idAt(next, 'Box II(1)')));
    const redline = expectBothSides(base, next);
    expect(changes(redline)).toEqual(['delete 1 (Moved to Box II(1bis))', 'delete 2', 'insert 1bis (Moved from Box I(1))']);
    expect(redline.boxes[0]!.blocks.map((b) => b.label).slice(0, 3)).toEqual(['1', '2', '2bis']);
  });

  it('prints a renumbered box heading deleted and inserted, its blocks unchanged', () => {
    const next = applyEdit(base, { kind: 'insertBox', at: 0 });
    expect(changes(expectBothSides(base, next))).toEqual([
      'insert Box I. New box 0',
      'insert 1',
      'delete Box I. Characterisation of lethal autonomous weapons systems',
      'insert Box II. Characterisation of lethal autonomous weapons systems',
      'delete Box II. Application of international humanitarian law and the human element needed to comply with it',
      'insert Box III. Application of international humanitarian law and the human element needed to comply with it',
      'delete Box III. Prohibitions and requirements',
      'insert Box IV. Prohibitions and requirements',
      'delete Box IV. Measures across the life cycle, including legal reviews',
      'insert Box V. Measures across the life cycle, including legal reviews',
      'delete Box V. Accountability and responsibility',
      'insert Box VI. Accountability and responsibility',
    ]);
  });

  it('leaves sponsors out of both sides when attribution forbids them', () => {
    const next = replaceWords(base, idAt(base, 'Box I(2)'), 'operator', 'commander');
    const redline = expectBothSides(base, next, { sponsors: false });
    expect(JSON.stringify(redline)).not.toMatch(/Veloria|Kestria|Arandia|Solmar/);
  });
});

const words = (text: string): PrintedRun => ({ kind: 'text', role: 'words', text, inBracket: false });

describe('diffRuns', () => {

  it('reads changes with only spaces between them as one change, the old words out, then the new in', () => {
    const runs = diffRuns([words('a b c d')], [words('a x y d')]);
    expect(runs.map((r) => [r.text, r.change ?? ''])).toEqual([
      ['a ', ''],
      ['b c', 'delete'],
      ['x y', 'insert'],
      [' d', ''],
    ]);
  });

  it('keeps a change apart from the next when words stand between them', () => {
    const runs = diffRuns([words('a b c d e')], [words('a x c y e')]);
    expect(runs.map((r) => [r.text, r.change ?? ''])).toEqual([
      ['a ', ''],
      ['b', 'delete'],
      ['x', 'insert'],
      [' c ', ''],
      ['d', 'delete'],
      ['y', 'insert'],
      [' e', ''],
    ]);
  });
});

describe('printRedline under random edits', () => {
  const base = demo();
  process.stdout.write(`printed redline property: seed ${fcParams.seed} (FC_SEED=${fcParams.seed} to replay), ${fcParams.numRuns} runs\n`);

  it('ACCEPT/REJECT: without its deletions the newer text, without its insertions the older', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(fc.array(editArbitrary, { minLength: 1, maxLength: 8 }), fc.array(editArbitrary, { maxLength: 3 }), fc.boolean(), (edits, olderEdits, sponsors) => {
        let older = base;
        for (const e of olderEdits) older = applyEdit(older, e);
        let newer = older;
        for (const e of edits) newer = applyEdit(newer, e);
        expectBothSides(older, newer, { sponsors });
        expectBothSides(newer, older, { sponsors });
      }),
      fcParams,
    );
  });
});
