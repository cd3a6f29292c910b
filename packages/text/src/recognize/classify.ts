/**
 * What one line is: a box heading, a numbered paragraph (maybe an alternative), a lettered
 * sub-paragraph, or plain text. The plain-text format's exact shapes are tried first so a text
 * written by toPlainText reads back verbatim (leading spaces in a title or text included); then
 * the looser shapes found in Word files and e-mails ("BOX II – Title", "5 bis.", "2 ter", "a)", "a.").
 */
import { parseLetter, parseRomanNumeral, parseSuffix, LATIN_SUFFIXES } from '../label-format.js';

export type LineKind =
  | { kind: 'box'; numeral: number | null; title: string; consumed: number }
  | { kind: 'paragraph'; num: number | null; sfx: number; alt: number | null; label: string; consumed: number }
  | { kind: 'subparagraph'; num: number | null; sfx: number; label: string; consumed: number }
  | { kind: 'text' };

const LATIN = LATIN_SUFFIXES.join('|');
const SUFFIX = `(?:${LATIN}|-\\d+)`;
const DASH = '.:\\u2013\\u2014-';

const BOX_STRICT = /^Box ([IVXLCDM]+)\.(?: (.*))?$/;
const BOX_LENIENT = new RegExp(`^\\s*box\\s+([ivxlcdm]+|\\d{1,4})\\s*([${DASH}]?)(?=\\s|$)\\s*(.*)$`, 'i');
const ROMAN_HEADING = new RegExp(`^\\s*([IVXLCDM]+)\\s*[${DASH}](?=\\s|$)\\s*(.*)$`);

const PARA_STRICT = new RegExp(`^(0|[1-9]\\d*)(${SUFFIX})?(?: Alt ([1-9]\\d*))?\\.( .*)?$`);
const PARA_LENIENT = new RegExp(`^(\\s*)(\\d{1,5})(?:\\s*(${LATIN})\\b|(-\\d+))?(?:\\s*,?\\s*alt(?:ernative)?\\.?\\s*(\\d{1,3}))?\\s*([.):]?)(?=\\s|$)(\\s*)`, 'i');
const ALT_ALONE = /^\s*alt(?:ernative)?\.?\s*(\d{1,3})\s*[.):]?(?=\s|$)(\s*)/i;

const SUB_STRICT = new RegExp(`^(\\s+)\\((0|[a-z]+)(?: (${LATIN})|(-\\d+))?\\)( .*)?$`);
const SUB_LENIENT = new RegExp(`^\\s*(?:\\(([a-z]{1,4}|0)(?:\\s+(${LATIN})|(-\\d+))?\\)|([a-z]{1,2})(?:\\s+(${LATIN}))?[.)](?=\\s|$))(\\s*)`);

/**
 * How much of the head a label took. A tab after the label is Word's (or Accord's DOCX) separator:
 * only it goes, so a text that starts with a space keeps it; any other spacing goes whole.
 */
function taken(match: RegExpExecArray): number {
  const space = match[match.length - 1] ?? '';
  return space.startsWith('\t') ? match[0].length - space.length + 1 : match[0].length;
}

function suffixOf(text: string | undefined): number | null {
  return text ? parseSuffix(text.toLowerCase()) : 0;
}

/**
 * Classify a line from its head (the characters before any footnote). `consumed` is how many
 * characters of the head the label took, with the one space after it.
 */
export function classifyLine(head: string, heading: boolean): LineKind {
  const strictBox = BOX_STRICT.exec(head);
  if (strictBox && parseRomanNumeral(strictBox[1]!) !== null) {
    return { kind: 'box', numeral: parseRomanNumeral(strictBox[1]!), title: strictBox[2] ?? '', consumed: head.length };
  }
  const strictPara = PARA_STRICT.exec(head);
  if (strictPara) {
    const sfx = suffixOf(strictPara[2]);
    if (sfx !== null) {
      const label = `${strictPara[1]}${strictPara[2] ?? ''}${strictPara[3] ? ` Alt ${strictPara[3]}` : ''}`;
      return { kind: 'paragraph', num: Number(strictPara[1]), sfx, alt: strictPara[3] ? Number(strictPara[3]) : null, label, consumed: label.length + 2 };
    }
  }
  const strictSub = SUB_STRICT.exec(head);
  if (strictSub) {
    const num = parseLetter(strictSub[2]!);
    const sfx = strictSub[3] ? suffixOf(strictSub[3]) : suffixOf(strictSub[4]);
    if (num !== null && sfx !== null) {
      const consumed = head.length - (strictSub[5] ?? '').length + (strictSub[5] ? 1 : 0);
      return { kind: 'subparagraph', num, sfx, label: `(${strictSub[2]}${strictSub[3] ? ` ${strictSub[3]}` : (strictSub[4] ?? '')})`, consumed };
    }
  }

  const box = BOX_LENIENT.exec(head);
  // "Box I" needs its "." (or a heading style, or nothing after it): "Box 5 holds" is a sentence.
  if (box && (box[2] !== '' || heading || box[3]!.trim() === '')) {
    const numeral = /^\d+$/.test(box[1]!) ? Number(box[1]) : parseRomanNumeral(box[1]!.toUpperCase());
    if (numeral !== null) return { kind: 'box', numeral, title: box[3]!.trim(), consumed: head.length };
  }
  const para = PARA_LENIENT.exec(head);
  if (para) {
    const [, , digits, latin, numeric, alt, sep] = para;
    // A bare number needs its "." or ")" (or a tab): "100 States" is a sentence, not paragraph 100.
    const bare = !latin && !numeric && !alt && sep === '';
    if (!bare || /^\s*\d+\t/.test(head)) {
      const sfx = latin ? suffixOf(latin) : suffixOf(numeric);
      if (sfx !== null) {
        const label = `${digits}${latin ? latin.toLowerCase() : (numeric ?? '')}${alt ? ` Alt ${Number(alt)}` : ''}`;
        return { kind: 'paragraph', num: Number(digits), sfx, alt: alt ? Number(alt) : null, label, consumed: taken(para) };
      }
    }
  }
  const altAlone = ALT_ALONE.exec(head);
  if (altAlone) {
    return { kind: 'paragraph', num: null, sfx: 0, alt: Number(altAlone[1]), label: `Alt ${Number(altAlone[1])}`, consumed: taken(altAlone) };
  }
  const sub = SUB_LENIENT.exec(head);
  if (sub) {
    const letters = sub[1] ?? sub[4]!;
    const num = parseLetter(letters);
    const sfx = sub[2] ? suffixOf(sub[2]) : sub[3] ? suffixOf(sub[3]) : suffixOf(sub[5]);
    if (num !== null && sfx !== null) {
      const suffix = sub[2] ?? sub[5];
      return { kind: 'subparagraph', num, sfx, label: `(${letters}${suffix ? ` ${suffix}` : (sub[3] ?? '')})`, consumed: taken(sub) };
    }
  }
  if (heading) {
    const roman = ROMAN_HEADING.exec(head);
    if (roman && parseRomanNumeral(roman[1]!) !== null) return { kind: 'box', numeral: parseRomanNumeral(roman[1]!), title: roman[2]!.trim(), consumed: head.length };
  }
  return { kind: 'text' };
}

const STATUS_WORDS = new Map<string, 'agreed' | 'agreed_ad_ref' | 'under_negotiation'>([
  ['agreed', 'agreed'],
  ['agreed ad ref', 'agreed_ad_ref'],
  ['agreed ad ref.', 'agreed_ad_ref'],
  ['agreed ad referendum', 'agreed_ad_ref'],
  ['under negotiation', 'under_negotiation'],
]);

/**
 * A trailing " {agreed}" or " {agreed ad ref}" (any case, spaces inside tolerated): the status and
 * how many characters of the flat line stay before it. A brace right after "]" is sponsors, as in
 * the format, so "{agreed}" must follow a space or start the text.
 */
export function trailingStatus(flat: string): { status: 'agreed' | 'agreed_ad_ref' | 'under_negotiation'; keep: number } | null {
  const marker = /(^|\s)\{([^{}\\]*)\}\s*$/.exec(flat);
  if (!marker) return null;
  const status = STATUS_WORDS.get(marker[2]!.trim().replace(/\s+/g, ' ').toLowerCase());
  if (!status) return null;
  return { status, keep: marker.index };
}
