/**
 * Word's automatic numbering, printed as Word prints it: each w:num instance counts per level, a
 * level's text comes from its lvlText pattern ("%1.", "(%2)") in its numFmt (decimal, lowerLetter,
 * …). Deeper levels restart when a shallower one advances. Good enough for the numbered paragraphs and
 * lettered sub-paragraphs of a rolling text; bullets give no number.
 */
import { romanNumeral } from '@accord/text';
import { child, childrenNamed, type XmlElement } from './xml.js';

/**
 * Word's own bounds on a list's start value (w:start, w:startOverride). A hostile file's start of
 * 2^31 in letters would print one label of 82 million "a"s per paragraph (and 1e300 throw).
 */
const MAX_START = 32_767;

function startValue(raw: string | undefined, fallback: number): number {
  const n = Math.trunc(Number(raw ?? fallback));
  return Number.isFinite(n) ? Math.min(Math.max(n, 0), MAX_START) : 0;
}

/** Letters repeated past this ("aaaaaaaaaa") print as the number: no text's list runs so long. */
const MAX_LETTER_REPEAT = 10;

interface Level {
  start: number;
  format: string;
  text: string;
}

export class Numbering {
  private readonly abstract = new Map<string, Map<number, Level>>();
  private readonly nums = new Map<string, { abstractId: string; starts: Map<number, number> }>();
  private readonly counters = new Map<string, number[]>();

  constructor(root: XmlElement | undefined) {
    if (!root) return;
    for (const abs of childrenNamed(root, 'w:abstractNum')) {
      const levels = new Map<number, Level>();
      for (const lvl of childrenNamed(abs, 'w:lvl')) {
        const ilvl = Number(lvl.attrs['w:ilvl'] ?? 0);
        levels.set(ilvl, {
          start: startValue(child(lvl, 'w:start')?.attrs['w:val'], 1),
          format: child(lvl, 'w:numFmt')?.attrs['w:val'] ?? 'decimal',
          text: child(lvl, 'w:lvlText')?.attrs['w:val'] ?? `%${ilvl + 1}.`,
        });
      }
      this.abstract.set(abs.attrs['w:abstractNumId'] ?? '', levels);
    }
    for (const num of childrenNamed(root, 'w:num')) {
      const starts = new Map<number, number>();
      for (const override of childrenNamed(num, 'w:lvlOverride')) {
        const start = child(override, 'w:startOverride')?.attrs['w:val'];
        if (start !== undefined) starts.set(Number(override.attrs['w:ilvl'] ?? 0), startValue(start, 1));
      }
      this.nums.set(num.attrs['w:numId'] ?? '', { abstractId: child(num, 'w:abstractNumId')?.attrs['w:val'] ?? '', starts });
    }
  }

  /** The number Word prints before this paragraph, advancing the count; undefined for none or a bullet. */
  next(numId: string, ilvl: number): string | undefined {
    const num = this.nums.get(numId);
    if (!num || numId === '0' || ilvl < 0 || ilvl > 8) return undefined;
    const levels = this.abstract.get(num.abstractId);
    if (!levels) return undefined;
    const start = (l: number): number => num.starts.get(l) ?? levels.get(l)?.start ?? 1;
    let counts = this.counters.get(numId);
    if (!counts) {
      counts = Array.from({ length: 9 }, (_, l) => start(l) - 1);
      this.counters.set(numId, counts);
    }
    counts[ilvl] = counts[ilvl]! + 1;
    for (let l = ilvl + 1; l < 9; l++) counts[l] = start(l) - 1;
    const level = levels.get(ilvl);
    if (!level || level.format === 'bullet' || level.format === 'none') return undefined;
    const printed = level.text.replace(/%([1-9])/g, (_, n: string) => {
      const l = Number(n) - 1;
      // A level not yet reached prints as its start, as Word does.
      return format(Math.max(counts[l]!, start(l)), levels.get(l)?.format ?? 'decimal');
    });
    return printed.trim() === '' ? undefined : printed;
  }
}

function format(n: number, numFmt: string): string {
  switch (numFmt) {
    case 'lowerLetter':
      return letters(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerRoman':
      return n >= 1 && n < 4000 ? romanNumeral(n).toLowerCase() : String(n);
    case 'upperRoman':
      return n >= 1 && n < 4000 ? romanNumeral(n) : String(n);
    default:
      return String(n);
  }
}

/** Word's letters: a … z, then aa, bb, … (the letter repeated), as UN texts continue too. */
function letters(n: number): string {
  if (n < 1 || n > 26 * MAX_LETTER_REPEAT) return String(n);
  return String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
}
