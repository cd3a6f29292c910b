/**
 * Labels under editing. Rules checked after every random edit (insert, split copy, delete, move of
 * paragraphs, alternatives and sub-paragraphs), with the label repairs the editor applies in between:
 *   UNIQUE   no two places share a citation;
 *   STABLE   every paragraph and sub-paragraph that existed before keeps its label (num, sfx), moved
 *            or not, unless its claim was taken in the box or paragraph it moved into;
 *   FIXED    applying labelRepairs changes no label, and then there is nothing left to repair.
 * Replay a failure with FC_SEED=<seed>.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeLabels, labelRepairs, newId } from '../src/index.js';
import { fcParams } from './support/fc-params.js';
import {
  applyLabelRepairs,
  claimKey,
  freshKey,
  labelsByKey,
  newParagraph,
  newSub,
  slotBoundaries,
  slotsOf,
  toDoc,
  type Model,
} from './support/label-model.js';
import { setAttrs } from './support/build.js';

// -- initial texts -----------------------------------------------------------------------------------

const claim: fc.Arbitrary<Claim> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ num: null as unknown, sfx: 0 as unknown }) },
  { weight: 3, arbitrary: fc.record({ num: fc.nat({ max: 6 }) as fc.Arbitrary<unknown>, sfx: fc.nat({ max: 2 }) as fc.Arbitrary<unknown> }) },
);
const oddClaim: fc.Arbitrary<Claim> = fc.oneof(
  claim,
  fc.record({
    num: fc.constantFrom<unknown>(-1, 1.5, '2', Number.MAX_SAFE_INTEGER + 2, undefined),
    sfx: fc.constantFrom<unknown>(null, -1, 0.5, 'bis', 0),
  }),
);

function paragraphSpec(claims: fc.Arbitrary<Claim>) {
  return fc.record({ claim: claims, subs: fc.array(claims, { maxLength: 3 }) });
}

function textSpec(claims: fc.Arbitrary<Claim>): fc.Arbitrary<TextSpec> {
  const slot = fc.array(paragraphSpec(claims), { minLength: 1, maxLength: 3 }).map((ps) => ({ alternatives: ps.length > 1, paragraphs: ps }));
  return fc.array(fc.array(slot, { maxLength: 5 }), { minLength: 1, maxLength: 3 });
}

interface Claim {
  num: unknown;
  sfx: unknown;
}
type TextSpec = Array<Array<{ alternatives: boolean; paragraphs: Array<{ claim: Claim; subs: Claim[] }> }>>;

function buildModel(spec: TextSpec): Model {
  return spec.map((slots) => ({
    id: newId(),
    paragraphs: slots.flatMap((slot) => {
      const group = slot.alternatives ? newId() : null;
      return slot.paragraphs.map((p) => ({ ...newParagraph(group, p.claim), subs: p.subs.map((c) => newSub(c)) }));
    }),
  }));
}

// -- edits -------------------------------------------------------------------------------------------

const n = fc.nat({ max: 50 });
type Op =
  | { kind: 'insert' | 'split' | 'delete' | 'addAlternative' | 'newAlternatives' | 'insertSub' | 'splitSub' | 'deleteSub'; box: number; a: number; b: number }
  | { kind: 'moveSlot' | 'reorderAlternative' | 'moveSub'; box: number; a: number; b: number; c: number }
  | { kind: 'moveSlotToBox' | 'moveSubToParagraph'; box: number; a: number; b: number; c: number; d: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom('insert', 'split', 'delete', 'addAlternative', 'newAlternatives', 'insertSub', 'splitSub', 'deleteSub'), box: n, a: n, b: n }),
  fc.record({ kind: fc.constantFrom('moveSlot', 'reorderAlternative', 'moveSub'), box: n, a: n, b: n, c: n }),
  fc.record({ kind: fc.constantFrom('moveSlotToBox', 'moveSubToParagraph'), box: n, a: n, b: n, c: n, d: n }),
);

interface Effect {
  /** Nodes whose claim was cleared because it was taken where they moved: they are labelled as new. */
  cleared: Set<number>;
}

const pick = <T,>(items: readonly T[], i: number): T | undefined => (items.length === 0 ? undefined : items[i % items.length]);

/** Clear the claims of moved nodes whose label is already taken where they land (the editor's rule). */
function clearTakenClaims(moved: Array<Claim & { key: number }>, taken: Claim[], effect: Effect): void {
  const keys = new Set(taken.map(claimKey));
  if (moved.some((m) => m.num !== null && keys.has(claimKey(m)))) {
    for (const m of moved) {
      m.num = null;
      m.sfx = 0;
      effect.cleared.add(m.key);
    }
  }
}

function apply(model: Model, o: Op): Effect {
  const effect: Effect = { cleared: new Set() };
  const box = pick(model, o.box)!;
  const ps = box.paragraphs;
  const slots = slotsOf(box);
  switch (o.kind) {
    case 'insert':
      ps.splice(pick(slotBoundaries(box), o.a)!, 0, newParagraph());
      break;
    case 'newAlternatives': {
      const group = newId();
      ps.splice(pick(slotBoundaries(box), o.a)!, 0, newParagraph(group), newParagraph(group));
      break;
    }
    case 'addAlternative': {
      const run = pick(slots.filter(([s, e]) => e - s > 1 || ps[s]!.alt !== null), o.a);
      if (run) ps.splice(run[0] + (o.b % (run[1] - run[0] + 1)), 0, newParagraph(ps[run[0]]!.alt));
      break;
    }
    case 'split': {
      const i = o.a % Math.max(ps.length, 1);
      const source = ps[i];
      if (source) ps.splice(i + 1, 0, { ...source, key: freshKey(), subs: [] });
      break;
    }
    case 'delete':
      if (ps.length > 0) ps.splice(o.a % ps.length, 1);
      break;
    case 'moveSlot': {
      const slot = pick(slots, o.a);
      if (!slot) break;
      const moved = ps.splice(slot[0], slot[1] - slot[0]);
      ps.splice(pick(slotBoundaries(box), o.b)!, 0, ...moved);
      break;
    }
    case 'moveSlotToBox': {
      const slot = pick(slots, o.a);
      const target = pick(model, o.b)!;
      if (!slot || target === box) break;
      const moved = ps.splice(slot[0], slot[1] - slot[0]);
      clearTakenClaims(moved, target.paragraphs, effect);
      target.paragraphs.splice(pick(slotBoundaries(target), o.c)!, 0, ...moved);
      break;
    }
    case 'reorderAlternative': {
      const run = pick(slots.filter(([s, e]) => e - s > 1), o.a);
      if (!run) break;
      const [moved] = ps.splice(run[0] + (o.b % (run[1] - run[0])), 1);
      ps.splice(run[0] + (o.c % (run[1] - run[0])), 0, moved!);
      break;
    }
    case 'insertSub':
    case 'splitSub':
    case 'deleteSub':
    case 'moveSub': {
      const p = pick(ps, o.a);
      if (!p) break;
      const subs = p.subs;
      if (o.kind === 'insertSub') subs.splice(o.b % (subs.length + 1), 0, newSub());
      else if (subs.length === 0) break;
      else if (o.kind === 'splitSub') {
        const i = o.b % subs.length;
        subs.splice(i + 1, 0, { ...subs[i]!, key: freshKey() });
      } else if (o.kind === 'deleteSub') subs.splice(o.b % subs.length, 1);
      else {
        const [moved] = subs.splice(o.b % subs.length, 1);
        subs.splice(('c' in o ? o.c : 0) % (subs.length + 1), 0, moved!);
      }
      break;
    }
    case 'moveSubToParagraph': {
      const from = pick(ps, o.a);
      const to = pick(pick(model, o.c)!.paragraphs, o.d);
      if (!from || !to || from.subs.length === 0 || from === to) break;
      const [moved] = from.subs.splice(o.b % from.subs.length, 1);
      clearTakenClaims([moved!], to.subs, effect);
      to.subs.splice(o.b % (to.subs.length + 1), 0, moved!);
      break;
    }
  }
  return effect;
}

// -- the rules ---------------------------------------------------------------------------------------

function expectUnique(model: Model): void {
  const citations = computeLabels(toDoc(model)).list.map((l) => l.citation);
  expect(new Set(citations).size).toBe(citations.length);
}

function expectFixedPoint(model: Model): void {
  const before = computeLabels(toDoc(model)).list.map((l) => l.citation);
  applyLabelRepairs(model);
  const doc = toDoc(model);
  expect(computeLabels(doc).list.map((l) => l.citation)).toEqual(before);
  expect(labelRepairs(doc)).toEqual([]);
}

describe('labels under random editing', () => {
  it('UNIQUE, STABLE and FIXED after every insertion, split, deletion and move', () => {
    fc.assert(
      fc.property(textSpec(claim), fc.array(op, { minLength: 1, maxLength: 25 }), (spec, ops) => {
        const model = buildModel(spec);
        applyLabelRepairs(model);
        for (const o of ops) {
          const before = labelsByKey(model);
          const effect = apply(model, o);
          expectUnique(model);
          const relabelled: string[] = [];
          for (const [key, label] of labelsByKey(model)) {
            const was = before.get(key);
            if (!was || effect.cleared.has(key)) continue;
            const comparable = label.kind === 'subparagraph' || (label.alt === null && was.alt === null);
            if (label.num !== was.num || label.sfx !== was.sfx || (comparable && label.short !== was.short)) relabelled.push(`${was.citation} → ${label.citation}`);
          }
          expect(relabelled, `after ${o.kind}`).toEqual([]);
          expectFixedPoint(model);
        }
      }),
      fcParams,
    );
  });

  it('UNIQUE and FIXED whatever the stored claims, even ones that are no label', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(textSpec(oddClaim), (spec) => {
        const model = buildModel(spec);
        expectUnique(model);
        expectFixedPoint(model);
      }),
      fcParams,
    );
  });

  it('FIXED through the editor path too: repairs applied by position in one transaction', () => {
    fc.assert(
      fc.property(textSpec(oddClaim), (spec) => {
        const doc = toDoc(buildModel(spec));
        const repaired = setAttrs(doc, labelRepairs(doc).map(({ pos, num, sfx }) => ({ pos, attrs: { num, sfx } })));
        expect(labelRepairs(repaired)).toEqual([]);
        expect(computeLabels(repaired).list.map((l) => l.citation)).toEqual(computeLabels(doc).list.map((l) => l.citation));
      }),
      fcParams,
    );
  });
});
