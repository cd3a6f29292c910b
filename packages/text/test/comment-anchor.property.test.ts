/**
 * The anchor property: random concurrent edits by 2–3 editors (ProseMirror transactions written to
 * their Y.Docs by y-tiptap's updateYFragment, exchanged in random order), around anchored words:
 * typing, splits and joins of paragraphs, moves (cut and paste), pasted copies of anchored words,
 * deletions of them, and undo. Once every replica has everything, every anchor either resolves to
 * its quote where the ORIGINAL words are, or is orphaned because they are gone.
 *
 * Each anchored quote is a marker word that occurs once in the text. Copies are pasted with
 * emphasis, which the anchors never look at, so the test can tell an original from a copy, and in
 * «quotes»: y-tiptap writes a change as the difference of two strings, so a copy pasted right
 * against identical words leaves the original items where the copy appears (nobody can tell which
 * of two adjacent identical words is the copy, least of all Yjs).
 *
 * COMMENT_ANCHOR_SEED replays a run (the seed is printed); COMMENT_ANCHOR_RUNS runs more.
 */
import * as fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { resolveAnchors, type ResolvedAnchor, type StoredAnchor } from '../src/comment-anchor.js';
import { anchorRanges } from '../src/comment-anchor-editor.js';
import { fromPlainText } from '../src/index.js';
import { toYUpdate } from '../src/yjs.js';
import { anchorsOn, apply, isCopy, isStructural, type Op, originals, paragraphs, runs, Server, TEXT } from './comment-anchor-model.js';
import { Replica, syncAll } from './comment-anchor-replica.js';

/**
 * A new seed each local run, to keep exploring; a fixed one in CI (`CI` set), so that a landing is
 * not decided by which case a random seed happens to draw. Cases a seed found and that still fail
 * are kept below as known failures, by their shrunk steps.
 */
const CI_SEED = 2029097953;
const seed = Number(process.env.COMMENT_ANCHOR_SEED ?? (process.env.CI ? CI_SEED : Math.floor(Math.random() * 2 ** 31)));
const numRuns = Number(process.env.COMMENT_ANCHOR_RUNS ?? 100);

/** The rule the property checks, for one anchor on one replica; a message when it is broken. */
function violation(doc: Node, stored: StoredAnchor, resolved: ResolvedAnchor, range: { from: number; to: number } | null): string | null {
  const exists = originals(doc, stored.quote).length > 0;
  if (resolved.orphaned) return exists ? `orphaned although the original "${stored.quote}" is in the text` : null;
  if (!range) return `resolved to ${resolved.paragraphId} [${resolved.from}, ${resolved.to}) but the editor's document has no such words there`;
  if (doc.textBetween(range.from, range.to) !== stored.quote) return `resolved to "${doc.textBetween(range.from, range.to)}"`;
  let copy = false;
  doc.nodesBetween(range.from, range.to, (node) => {
    if (node.isText && isCopy(node)) copy = true;
  });
  return copy ? `resolved to a pasted copy of "${stored.quote}" ${JSON.stringify(resolved)} ${JSON.stringify(range)} ${doc.textBetween(range.from - 20, range.to + 20)}` : null;
}

/**
 * Every anchor's rule on every replica: the problems found. `live` also counts words still in the
 * text and not found as a problem; otherwise such misses are only counted.
 */
function check(replicas: readonly Replica[], anchors: readonly StoredAnchor[], live: boolean): { problems: string[]; missed: number } {
  const problems: string[] = [];
  let missed = 0;
  for (const r of replicas) {
    const doc = r.doc;
    const resolved = resolveAnchors(r.ydoc, anchors);
    const ranges = anchorRanges(doc, resolved);
    anchors.forEach((stored, i) => {
      const problem = violation(doc, stored, resolved[i]!, ranges[i]!);
      if (problem?.startsWith('orphaned') && !live) missed++;
      else if (problem) problems.push(`${stored.quote}: ${problem}`);
    });
  }
  return { problems, missed };
}

/** The server: replica that receives each change as it is made and stores the refreshed anchors. */
function editWithServer(initial: Uint8Array, count: number, steps: ReadonlyArray<readonly [number, Op]>): { replicas: Replica[]; server: Server } {
  const replicas = Array.from({ length: count }, (_, i) => new Replica(initial, 101 + i));
  const server = new Server(initial, anchorsOn(replicas[0]!));
  for (const [who, step] of steps) {
    // y-tiptap loses words typed into a paragraph by someone who has not yet seen it split,
    // joined or moved (they land in the deleted element): the text itself does not survive such
    // a race, so every change of structure here is made on, and reaches, every editor before the
    // next change. Typing, pastes and deletions still race with each other and with it.
    if (isStructural(step)) syncAll([...replicas, server.replica]);
    apply(replicas, who, step);
    server.receive(replicas[who % replicas.length]!);
    if (isStructural(step)) syncAll([...replicas, server.replica]);
  }
  syncAll([...replicas, server.replica]);
  return { replicas, server };
}

describe('comment anchors under random concurrent editing (fast-check)', () => {
  const base = fromPlainText(TEXT);
  const initial = toYUpdate(base);
  const ids = paragraphs(base);
  process.stdout.write(`comment-anchor property: seed ${seed} (COMMENT_ANCHOR_SEED=${seed} to replay), ${numRuns} runs each\n`);

  it('typing, pastes and deletions racing, splits, joins and moves, the server refreshing anchors: every anchor is on its original words, or orphaned because they are gone', () => {
    fc.assert(
      fc.property(runs(false), ({ replicas: count, steps }) => {
        const { replicas, server } = editWithServer(initial, count, steps);
        expect(check([...replicas, server.replica], server.anchors, true).problems.join('\n')).toBe('');
        const wholes = ids.map((id) => ({ paragraphId: id, quote: '', start: null, end: null }));
        for (const r of replicas) {
          const present = new Set(paragraphs(r.doc));
          resolveAnchors(r.ydoc, wholes).forEach((whole, i) => expect(whole.orphaned, wholes[i]!.paragraphId).toBe(!present.has(wholes[i]!.paragraphId)));
        }
      }),
      { seed, numRuns },
    );
  });

  it('the same with undo: never on a copy or other words (words an undo wrote into a re-created paragraph may be missed)', () => {
    let missed = 0;
    fc.assert(
      fc.property(runs(true), ({ replicas: count, steps }) => {
        const { replicas, server } = editWithServer(initial, count, steps);
        const result = check([...replicas, server.replica], server.anchors, false);
        expect(result.problems.join('\n')).toBe('');
        missed += result.missed;
      }),
      { seed, numRuns },
    );
    process.stdout.write(`  with undo: ${missed} anchor checks found orphaned although their words survived\n`);
  });

  // Found by seed 1636554232 (issue 11's CI): the anchored words deleted, a copy of them pasted at
  // the start of a block that is then split there. The anchor, never refreshed, follows the split
  // onto the copy. Kept as a known failure until rule b of comment-anchor-follow.ts tells a pasted
  // copy from the words it followed.
  it.fails('known miss: a never-refreshed anchor whose words were deleted follows a split onto a pasted copy', () => {
    const steps: Array<[number, Op]> = [
      [0, { kind: 'delete', marker: 507 }],
      [0, { kind: 'split', block: 364, at: 62 }],
      [0, { kind: 'split', block: 152, at: 0 }],
      [0, { kind: 'paste', marker: 378, block: 556, at: 0 }],
      [0, { kind: 'split', block: 996, at: 0 }],
    ];
    const replicas = Array.from({ length: 2 }, (_, i) => new Replica(initial, 101 + i));
    const anchors = anchorsOn(replicas[0]!);
    for (const [who, step] of steps) apply(replicas, who, step);
    syncAll(replicas);
    expect(check(replicas, anchors, false).problems.join('\n')).toBe('');
  });

  it('anchors never refreshed, every change racing (undo too): never on a copy or other words', () => {
    let missed = 0;
    fc.assert(
      fc.property(runs(true), ({ replicas: count, steps }) => {
        const replicas = Array.from({ length: count }, (_, i) => new Replica(initial, 101 + i));
        const anchors = anchorsOn(replicas[0]!);
        for (const [who, step] of steps) apply(replicas, who, step);
        syncAll(replicas);
        const result = check(replicas, anchors, false);
        expect(result.problems.join('\n')).toBe('');
        missed += result.missed;
      }),
      { seed, numRuns },
    );
    process.stdout.write(`  never refreshed, racing: ${missed} anchor checks found orphaned although their words survived\n`);
  });
});
