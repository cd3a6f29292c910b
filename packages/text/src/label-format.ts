/** How numbers become the labels diplomats read: "III", "2bis", "(b ter)". */

const ROMAN: ReadonlyArray<readonly [number, string]> = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** 1 → "I", 4 → "IV", 14 → "XIV". Boxes are numbered by position, so n ≥ 1. */
export function romanNumeral(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`romanNumeral needs a positive integer, got ${n}`);
  let rest = n;
  let out = '';
  for (const [value, numeral] of ROMAN) {
    while (rest >= value) {
      out += numeral;
      rest -= value;
    }
  }
  return out;
}

/** The inverse of romanNumeral for canonical numerals; null for anything else ("IIII", "IC"). */
export function parseRomanNumeral(text: string): number | null {
  if (!/^[MDCLXVI]+$/.test(text)) return null;
  const values: Record<string, number> = { M: 1000, D: 500, C: 100, L: 50, X: 10, V: 5, I: 1 };
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const value = values[text[i]!]!;
    const next = i + 1 < text.length ? values[text[i + 1]!]! : 0;
    total += value < next ? -value : value;
  }
  return total > 0 && romanNumeral(total) === text ? total : null;
}

/** Latin multiplicative adverbs, as UN texts use them: sfx 1 is "bis" (the second paragraph 2), … */
export const LATIN_SUFFIXES = ['bis', 'ter', 'quater', 'quinquies', 'sexies', 'septies', 'octies', 'novies', 'decies'] as const;

/**
 * sfx 0 → "", 1 → "bis" … 9 → "decies". Past decies there is no word anyone recognises, so the
 * fallback names the ordinal itself ("-11" is the eleventh paragraph carrying that number), which
 * stays unique and parses back.
 */
export function formatSuffix(k: number): string {
  if (k === 0) return '';
  return LATIN_SUFFIXES[k - 1] ?? `-${k + 1}`;
}

/** "bis" → 1, "-11" → 10; null if the text is no suffix. */
export function parseSuffix(text: string): number | null {
  const latin = (LATIN_SUFFIXES as readonly string[]).indexOf(text);
  if (latin >= 0) return latin + 1;
  const numeric = /^-(\d+)$/.exec(text);
  if (!numeric) return null;
  const ordinal = Number(numeric[1]);
  return Number.isSafeInteger(ordinal) && ordinal > LATIN_SUFFIXES.length + 1 ? ordinal - 1 : null;
}

/**
 * Sub-paragraph letters: 1 → "a" … 26 → "z", then 27 → "aa", 28 → "bb", as UN texts continue.
 * 0 (the base of a sub-paragraph inserted before "(a)", labelled "(0 bis)") renders as "0".
 */
export function letter(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`letter needs a non-negative integer, got ${n}`);
  if (n === 0) return '0';
  const char = String.fromCharCode(97 + ((n - 1) % 26));
  return char.repeat(Math.floor((n - 1) / 26) + 1);
}

/** The inverse of letter: "a" → 1, "bb" → 28, "0" → 0; null for "ab" or "A". */
export function parseLetter(text: string): number | null {
  if (text === '0') return 0;
  if (!/^([a-z])\1*$/.test(text)) return null;
  return (text.length - 1) * 26 + (text.charCodeAt(0) - 96);
}

/** "2", "2bis", "2-11". */
export function paragraphNumber(num: number, sfx: number): string {
  return `${num}${formatSuffix(sfx)}`;
}

/** "a", "b bis", "b-11" (the letter and a Latin word need the space; the numeric fallback does not). */
export function subparagraphLetter(num: number, sfx: number): string {
  if (sfx === 0) return letter(num);
  const suffix = formatSuffix(sfx);
  return suffix.startsWith('-') ? `${letter(num)}${suffix}` : `${letter(num)} ${suffix}`;
}
