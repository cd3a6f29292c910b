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

/**
 * The largest number or suffix a claim may name. Any writer can set the attributes through Yjs, and a
 * sub-paragraph letter grows with its number ("aa" is 27): a claim of 5·10⁹ would make a 200 MB label
 * on the server and in every reader's browser. No box holds ten thousand paragraphs.
 */
export const MAX_LABEL_NUMBER = 9999;

/** Whether a num or sfx value can be claimed: an integer from 0 to MAX_LABEL_NUMBER. */
export function isLabelNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_LABEL_NUMBER;
}

/** The label a claim names, or null if it names none (no number, a negative, fractional or huge one, text). */
export function validClaim(claim: LabelClaim): LabelNumber | null {
  const { num, sfx } = claim;
  if (!isLabelNumber(num)) return null;
  const suffix = sfx === null || sfx === undefined ? 0 : sfx;
  if (!isLabelNumber(suffix)) return null;
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
