/**
 * The compilation of amendments as printed: the text as printText prints it, each paragraph and
 * sub-paragraph followed by the amendments proposed to it — a heading (number, kind, who proposed it
 * as a category, its support, its status), the proposed wording as a redline against the wording now,
 * and the justification and any reason. Amendments to blocks no longer in the text come last.
 *
 * The input is the contract's Compilation as the server serves it (CompilationInput is the part read
 * here). Names: the server passes the view the dialogue's attribution allows; here a proposer's name
 * is printed only when the input has one AND sponsors may be printed, so a Chatham House export never
 * names anyone even if handed a fuller view.
 */
import { schema, TextFormatError } from '@accord/text';
import { parseBlockText } from '@accord/text/amendments';
import type { Node } from 'prosemirror-model';
import { printInline, printText } from './printed.js';
import { diffRuns, markRuns } from './printed-diff.js';
import type { FrontMatter, PrintedBlock, PrintedBox, PrintedDocument, PrintedProposal, PrintedRun, PrintOptions } from './printed-types.js';

export interface CompilationAmendmentInput {
  /** Where it applies, as cited ("Box I(1)"): used for amendments to blocks no longer in the text. */
  label: string;
  kind: 'replace' | 'insert_after' | 'delete';
  /** The proposed wording in the plain-text format; null for a deletion. */
  text: string | null;
  /** The wording now; null once the block is gone. */
  currentText?: string | null;
  /** Word-level redline from the wording now to the proposal (the plain-text format's characters). */
  diff: ReadonlyArray<{ op: 'equal' | 'insert' | 'delete'; text: string }>;
  status: 'submitted' | 'accepted' | 'rejected' | 'withdrawn' | 'conflict';
  proposer: { category: string; name?: string; affiliation?: string };
  supporters: { summary: string };
  justification: string | null;
  reason: string | null;
}

export interface CompilationInput {
  boxes: ReadonlyArray<{ paragraphs: ReadonlyArray<{ paragraphId: string; amendments: readonly CompilationAmendmentInput[] }> }>;
  /** Amendments to paragraphs no longer in the text. */
  removed: readonly CompilationAmendmentInput[];
}

const KIND_WORDS: Record<CompilationAmendmentInput['kind'], string> = { replace: 'replace', insert_after: 'insert after', delete: 'delete' };
const STATUS_WORDS: Record<CompilationAmendmentInput['status'], string> = {
  submitted: 'Submitted',
  accepted: 'Accepted',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  conflict: 'Conflict',
};

export const REMOVED_HEADING = 'Amendments to paragraphs no longer in the text';

export function printCompilation(doc: Node, compilation: CompilationInput, front: FrontMatter, opts: PrintOptions): PrintedDocument {
  const byBlock = new Map<string, readonly CompilationAmendmentInput[]>();
  for (const box of compilation.boxes) for (const paragraph of box.paragraphs) byBlock.set(paragraph.paragraphId, paragraph.amendments);
  let number = 0;
  const proposals = (amendments: readonly CompilationAmendmentInput[]): PrintedProposal[] => amendments.map((a) => printProposal(a, ++number, opts));

  const boxes: PrintedBox[] = printText(doc, front, opts).boxes.map((box) => ({
    ...box,
    blocks: box.blocks.map((block) => {
      const amendments = byBlock.get(block.id);
      return amendments && amendments.length > 0 ? { ...block, proposals: proposals(amendments) } : block;
    }),
  }));
  if (compilation.removed.length > 0) {
    // One block per former label, in the order the server lists them.
    const blocks: PrintedBlock[] = [];
    for (const amendment of compilation.removed) {
      const last = blocks.at(-1);
      if (last?.label === amendment.label) {
        last.proposals!.push(...proposals([amendment]));
        continue;
      }
      blocks.push({
        id: `removed:${amendment.label}`,
        kind: 'paragraph',
        label: amendment.label,
        alt: null,
        status: null,
        runs: [{ kind: 'text', role: 'label', text: amendment.label, inBracket: false }],
        proposals: proposals([amendment]),
      });
    }
    boxes.push({ id: 'removed', numeral: '', heading: REMOVED_HEADING, title: REMOVED_HEADING, blocks });
  }
  return { kind: 'compilation', front, boxes };
}

function printProposal(amendment: CompilationAmendmentInput, number: number, opts: PrintOptions): PrintedProposal {
  const support = amendment.supporters.summary.trim();
  const heading = [`Amendment ${number}: ${KIND_WORDS[amendment.kind]}.`, `Proposed by ${proposerOf(amendment.proposer, opts)}${support === '' ? '' : `; ${support}`}.`, `${STATUS_WORDS[amendment.status]}.`].join(' ');
  const notes: string[] = [];
  if (amendment.justification?.trim()) notes.push(`Justification: ${oneLine(amendment.justification)}`);
  if (amendment.reason?.trim()) notes.push(`Reason: ${oneLine(amendment.reason)}`);
  return { heading, runs: proposalRuns(amendment, opts), notes };
}

/** A category ("Civil society"); a name only where the input has one and attribution allows it. */
function proposerOf(proposer: CompilationAmendmentInput['proposer'], opts: PrintOptions): string {
  if (!opts.sponsors || !proposer.name?.trim()) return proposer.category;
  const affiliation = proposer.affiliation?.trim();
  return `${oneLine(proposer.name.trim())}${affiliation ? ` (${oneLine(affiliation)})` : ''}`;
}

/**
 * The wording now and the proposal are read from the diff (its equal and deleted parts are the one,
 * its equal and inserted parts the other), parsed, printed as the text is (sponsors only where
 * allowed, footnotes as footnotes), then compared: an insertion is all inserted, a deletion all
 * deleted. A wording that does not parse prints as its characters, sponsors taken out if need be.
 */
function proposalRuns(amendment: CompilationAmendmentInput, opts: PrintOptions): PrintedRun[] {
  const current = amendment.diff.filter((p) => p.op !== 'insert').map((p) => p.text).join('') || (amendment.currentText ?? '');
  const proposed = amendment.text ?? amendment.diff.filter((p) => p.op !== 'delete').map((p) => p.text).join('');
  if (amendment.kind === 'insert_after') return markRuns(wordingRuns(proposed, opts), 'insert');
  if (amendment.kind === 'delete') return markRuns(wordingRuns(current, opts), 'delete');
  return diffRuns(wordingRuns(current, opts), wordingRuns(proposed, opts));
}

function wordingRuns(text: string, opts: PrintOptions): PrintedRun[] {
  if (text === '') return [];
  try {
    const nodes = parseBlockText(oneLine(text));
    return printInline(schema.nodes.subparagraph!.create(null, nodes), opts);
  } catch (error) {
    if (!(error instanceof TextFormatError)) throw error;
    const words = opts.sponsors ? text : text.replace(/\]\{(?:[^{}\\]|\\.)*\}/g, ']');
    return [{ kind: 'text', role: 'words', text: oneLine(words), inBracket: false }];
  }
}

function oneLine(text: string): string {
  return text.replace(/\r\n|[\n\r\u2028\u2029]/g, ' ');
}
