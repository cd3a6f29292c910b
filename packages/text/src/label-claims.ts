/**
 * The numbering rule shared by paragraphs (per box) and sub-paragraphs (per paragraph).
 *
 * Each slot may carry a claim: the (num, sfx) it was labelled with before. Labels must be stable, so
 * a valid claim that no earlier slot made is always honoured, however the slots moved. Slots without
 * a usable claim (new, or copied by a split) get the next number when nothing labelled follows them,
 * and otherwise a suffix on the number before them: "2bis", then "2ter".
 */

export interface LabelNumber {
  num: number;
  sfx: number;
}

export interface LabelClaim {
  num: unknown;
  sfx: unknown;
}

/** The label a claim names, or null if it names none (no number, a negative or fractional one, text). */
export function validClaim(claim: LabelClaim): LabelNumber | null {
  const { num, sfx } = claim;
  if (typeof num !== 'number' || !Number.isSafeInteger(num) || num < 0) return null;
  const suffix = sfx === null || sfx === undefined ? 0 : sfx;
  if (typeof suffix !== 'number' || !Number.isSafeInteger(suffix) || suffix < 0) return null;
  return { num, sfx: suffix };
}

const key = (n: LabelNumber): string => `${n.num}:${n.sfx}`;

export function assignLabelNumbers(claims: readonly LabelClaim[]): LabelNumber[] {
  const assigned: Array<LabelNumber | null> = claims.map(() => null);
  const used = new Set<string>();
  let maxNum = 0;

  claims.forEach((claim, i) => {
    const valid = validClaim(claim);
    if (valid === null || used.has(key(valid))) return;
    assigned[i] = valid;
    used.add(key(valid));
    maxNum = Math.max(maxNum, valid.num);
  });

  // Slots holding a claim, from the end: "does a labelled slot follow slot i?" is i < lastClaimed.
  let lastClaimed = -1;
  assigned.forEach((a, i) => {
    if (a !== null) lastClaimed = i;
  });

  for (let i = 0; i < assigned.length; i++) {
    if (assigned[i] !== null) continue;
    let next: LabelNumber;
    if (i > lastClaimed) {
      next = { num: maxNum + 1, sfx: 0 };
    } else {
      const base = i > 0 ? assigned[i - 1]!.num : 0;
      let sfx = 1;
      while (used.has(key({ num: base, sfx }))) sfx++;
      next = { num: base, sfx };
    }
    assigned[i] = next;
    used.add(key(next));
    maxNum = Math.max(maxNum, next.num);
  }
  return assigned as LabelNumber[];
}
