/**
 * printCompilation: each block followed by its amendments — heading, wording as a redline against the
 * wording now, justification and reason — and never a proposer's name or a sponsor where attribution
 * forbids them, even when the input carries them.
 */
import { findBlock, wordDiff } from '@accord/text/amendments';
import { describe, expect, it } from 'vitest';
import { demo, idAt } from '../../text/test/history-edits.js';
import { printCompilation, printedLines, printText, REMOVED_HEADING, runsText, type CompilationAmendmentInput, type CompilationInput, type PrintedDocument } from '../src/index.js';
import { FRONT } from './support/front.js';

const doc = demo();

function amendment(id: string, kind: CompilationAmendmentInput['kind'], text: string | null, extra: Partial<CompilationAmendmentInput> = {}): CompilationAmendmentInput & { id: string } {
  const block = findBlock(doc, id)!;
  return {
    id,
    label: block.citation,
    kind,
    text,
    currentText: block.text,
    diff: wordDiff(block.text, kind === 'replace' ? text! : kind === 'delete' ? '' : block.text),
    status: 'submitted',
    proposer: { category: 'Government', name: 'Ana Example', affiliation: 'Republic of Arandia' },
    supporters: { summary: 'supported by 2 governments' },
    justification: null,
    reason: null,
    ...extra,
  };
}

function compilationOf(list: Array<CompilationAmendmentInput & { id: string }>, removed: CompilationAmendmentInput[] = []): CompilationInput {
  return { boxes: [{ paragraphs: [...new Set(list.map((a) => a.id))].map((id) => ({ paragraphId: id, amendments: list.filter((a) => a.id === id) })) }], removed };
}

function proposalsOf(printed: PrintedDocument) {
  return printed.boxes.flatMap((b) => b.blocks.flatMap((k) => (k.proposals ?? []).map((p) => ({ block: k.label, ...p }))));
}

const side = (drop: 'insert' | 'delete') => (runs: Parameters<typeof runsText>[0]) => runsText(runs, drop, (t) => `^[${t}]`);

describe('printCompilation', () => {
  const p2 = idAt(doc, 'Box I(2)');
  const sub = idAt(doc, 'Box II(3)(a)');
  const p3 = idAt(doc, 'Box I(3)');
  const list = [
    amendment(p2, 'replace', 'For the purposes of this instrument, lethal autonomous weapons systems are weapon systems that [select and engage targets]{Solmar} without human intervention.', {
      justification: 'Shorter.',
    }),
    amendment(p2, 'delete', null, { status: 'rejected', reason: 'No support.\nSee the record.', proposer: { category: 'Civil society' }, supporters: { summary: '' } }),
    amendment(sub, 'insert_after', 'a new sub-paragraph;^[A note.]'),
    amendment(p3, 'replace', 'Any characterisation should be technology-neutral.', { status: 'accepted' }),
  ];
  const removed = { ...amendment(p3, 'delete', null), label: 'Box I(9)' };

  it('prints the text as printText does, each block followed by its amendments in order, numbered through', () => {
    const printed = printCompilation(doc, compilationOf(list, [removed]), FRONT, { sponsors: true });
    expect(printed.kind).toBe('compilation');
    expect(printedLines({ ...printed, boxes: printed.boxes.slice(0, -1) })).toEqual(printedLines(printText(doc, FRONT, { sponsors: true })));
    const proposals = proposalsOf(printed);
    expect(proposals.map((p) => [p.block, p.heading])).toEqual([
      ['2', 'Amendment 1: replace. Proposed by Ana Example (Republic of Arandia); supported by 2 governments. Submitted.'],
      ['2', 'Amendment 2: delete. Proposed by Civil society. Rejected.'],
      ['3', 'Amendment 3: replace. Proposed by Ana Example (Republic of Arandia); supported by 2 governments. Accepted.'],
      ['(a)', 'Amendment 4: insert after. Proposed by Ana Example (Republic of Arandia); supported by 2 governments. Submitted.'],
      ['Box I(9)', 'Amendment 5: delete. Proposed by Ana Example (Republic of Arandia); supported by 2 governments. Submitted.'],
    ]);
    expect(proposals[0]!.notes).toEqual(['Justification: Shorter.']);
    expect(proposals[1]!.notes).toEqual(['Reason: No support. See the record.']);
    expect(printed.boxes.at(-1)!.heading).toBe(REMOVED_HEADING);
  });

  it('prints a replacement as a redline: without its insertions the wording now, without its deletions the proposal', () => {
    const [replace, del, , insert] = proposalsOf(printCompilation(doc, compilationOf(list), FRONT, { sponsors: true }));
    const now = findBlock(doc, p2)!.text.replace(/\^\[/g, '^[');
    expect(side('insert')(replace!.runs)).toBe(now);
    expect(side('delete')(replace!.runs)).toBe(list[0]!.text);
    expect(replace!.runs.filter((r) => r.kind === 'text' && r.role === 'sponsors').map((r) => [r.text, r.change])).toEqual([['{Veloria}', 'delete'], ['{Solmar}', 'insert']]);
    expect(del!.runs.every((r) => r.change === 'delete')).toBe(true);
    expect(side('delete')(del!.runs)).toBe('');
    expect(insert!.runs.every((r) => r.change === 'insert')).toBe(true);
    expect(insert!.runs.at(-1)).toMatchObject({ kind: 'footnote', text: 'A note.' });
  });

  it('names no one and prints no sponsor under the Chatham House Rule, even when the input names them', () => {
    const printed = printCompilation(doc, compilationOf(list, [removed]), FRONT, { sponsors: false });
    const all = JSON.stringify(printed);
    for (const name of ['Ana Example', 'Arandia', 'Solmar', 'Veloria', 'Kestria']) expect(all).not.toContain(name);
    expect(proposalsOf(printed)[0]!.heading).toBe('Amendment 1: replace. Proposed by Government; supported by 2 governments. Submitted.');
  });

  it('prints a wording that does not parse as its characters, sponsors taken out when they may not be printed', () => {
    const broken = { ...amendment(p3, 'insert_after', 'an [unclosed bracket]{Solmar} and [another'), id: p3 };
    const [proposal] = proposalsOf(printCompilation(doc, compilationOf([broken]), FRONT, { sponsors: false }));
    expect(side('delete')(proposal!.runs)).toBe('an [unclosed bracket] and [another');
  });
});
