/**
 * The rules of the room's own cost, measured in-process in CPU time, where no network, database or
 * other process adds noise: the server's policy (rollingTextPolicy, the one startServer passes to the
 * engine) on R1's updates in each of R1's texts, asked as the engine asks it (its `after()` builds a
 * copy of the document with the update applied, as the engine's does), against applying the update.
 * On R1 one incoming update is delivered to N − 1 replicas, so its share per delivered update is this
 * divided by N − 1. Also counts how many updates the policy's look at the update itself (rulesAtStake,
 * which for deletions inside brackets replays the paragraph's items) could not settle and sent on to
 * the full comparison of the text before and after, and times that comparison on the same updates:
 * what an update costs when the look cannot settle it.
 */
import { roomRuleViolation } from '@accord/text';
import { rollingTextPolicy, rulesAtStake } from '@accord/text/rules';
import { fromYDoc } from '@accord/text/yjs';
import * as Y from 'yjs';
import { rulesText } from './load/rules-texts.js';
import { plainText } from './load/rolling-text.js';
import { Overwriter, Typist, seededRandom, slotStart } from './load/typist.js';
import { paragraphTextOf, writeRollingText } from './load/write-rolling-text.js';
import type { RulesVariant } from './protocol.js';

export interface RulesPolicyInProcess {
  variant: RulesVariant;
  updates: number;
  /** Updates the look at the update could not settle, which the full comparison of before and after judged. */
  fullComparisons: number;
  /** CPU µs of one full comparison (the copy after the update, both texts read, compared), on the same updates. */
  fullComparisonUs: number;
  /** CPU µs per update, the best of several rounds: applying it, and asking the policy then applying it. */
  applyUs: number;
  policyAndApplyUs: number;
  /** policyAndApplyUs − applyUs. */
  policyUs: number;
}

const TYPISTS = 50;
const SLOT_WIDTH = 16;
const EDITS = 2_000;
/** Updates on which the full comparison is timed: it costs milliseconds. */
const FULL_COMPARISONS = 100;
const WARMUP_ROUNDS = 2;
const ROUNDS = 9;
/** As the engine knows a delegate of the demo (its seat's role and affiliation). */
const WRITER = { role: 'delegate', affiliation: 'Republic of Arandia' } as const;

export function measureRulesPolicy(variant: RulesVariant): RulesPolicyInProcess {
  const written = rulesText(variant, TYPISTS, SLOT_WIDTH);
  const author = new Y.Doc();
  writeRollingText(author, written.text);
  const base = Y.encodeStateAsUpdate(author);
  const text = paragraphTextOf(author, written.paragraphId);
  const at = plainText(text).indexOf(written.slots);
  const random = seededRandom(7);
  const typists = Array.from({ length: TYPISTS }, (_, slot) =>
    variant === 'inside-brackets' ? new Overwriter(text, at + slotStart(slot, SLOT_WIDTH), random) : new Typist(text, at + slotStart(slot, SLOT_WIDTH), random),
  );
  const updates: Uint8Array[] = [];
  author.on('update', (update: Uint8Array) => void updates.push(update));
  for (let i = 0; i < EDITS; i++) typists[i % TYPISTS]!.step();

  let fullComparisons = 0;
  const round = (ask: boolean, count = false): number => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base);
    const startedAt = process.cpuUsage();
    for (const update of updates) {
      if (ask) {
        if (count && rulesAtStake(doc, update, WRITER) !== null) fullComparisons++;
        let after: Y.Doc | null = null;
        const verdict = rollingTextPolicy({ doc, update, writer: WRITER, after: () => (after ??= docAfter(doc, update)) });
        (after as Y.Doc | null)?.destroy();
        if (!verdict.ok) throw new Error(`R1 in-process: the rules refused a typist's update (${verdict.code}: ${verdict.reason})`);
      }
      Y.applyUpdate(doc, update);
    }
    const used = process.cpuUsage(startedAt);
    return (used.user + used.system) / updates.length;
  };
  // Counted once, outside the measured rounds.
  round(true, true);
  for (let i = 0; i < WARMUP_ROUNDS; i++) round(false);
  const asked: number[] = [];
  const applied: number[] = [];
  // Alternating, so a machine that slows down meanwhile slows both alike.
  for (let i = 0; i < ROUNDS; i++) {
    asked.push(round(true));
    applied.push(round(false));
  }
  const applyUs = Math.min(...applied);
  const policyAndApplyUs = Math.min(...asked);
  return {
    variant,
    updates: updates.length,
    fullComparisons,
    fullComparisonUs: timeFullComparison(base, updates.slice(0, FULL_COMPARISONS)),
    applyUs,
    policyAndApplyUs,
    policyUs: policyAndApplyUs - applyUs,
  };
}

/** What rollingTextPolicy does when the look at the update cannot settle it, per update, in CPU µs. */
function timeFullComparison(base: Uint8Array, updates: readonly Uint8Array[]): number {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  let used = 0;
  for (const update of updates) {
    const startedAt = process.cpuUsage();
    const after = docAfter(doc, update);
    const violation = roomRuleViolation(fromYDoc(doc), fromYDoc(after), WRITER);
    after.destroy();
    const cpu = process.cpuUsage(startedAt);
    used += cpu.user + cpu.system;
    if (violation) throw new Error(`R1 in-process: the full comparison refused a typist's update (${violation.code})`);
    Y.applyUpdate(doc, update);
  }
  return used / updates.length;
}

/** As the engine builds it (packages/sync engine.ts docAfter): the whole document copied, then the update. */
function docAfter(doc: Y.Doc, update: Uint8Array): Y.Doc {
  const copy = new Y.Doc({ gc: true });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  Y.applyUpdate(copy, update);
  return copy;
}
