/**
 * The rolling texts R1 and A1 write, in the plain-text format of @accord/text (brackets
 * `[shall][should]{Arandia}`, statuses `{agreed}`, sub-paragraphs `(a)`, footnotes `^[…]`), parsed
 * by fromPlainText as the server's own import would. Lower-case words only, no digits: A1's markers
 * (upper case and digits) then cannot be matched, even by a character diff, against any word here.
 */
import { fromPlainText, toJSON, type RollingTextJSON } from '@accord/text';
import type { RulesVariant } from '../protocol.js';
import { seededRandom } from './typist.js';

const WORDS = (
  'states shall ensure that weapons systems remain under meaningful human control throughout their life cycle ' +
  'in accordance with international humanitarian law including the principles of distinction proportionality ' +
  'and precautions in attack the high contracting parties should consider legal reviews of new weapons means ' +
  'and methods of warfare taking into account the specific characteristics of autonomy in critical functions ' +
  'operators must be able to understand predict and explain the effects of a system in its operational context'
).split(' ');

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];
const DELEGATIONS = ['Arandia', 'Veloria', 'Kestria', 'Solmar'];

function words(random: () => number, count: number): string {
  const picked: string[] = [];
  for (let i = 0; i < count; i++) picked.push(WORDS[Math.floor(random() * WORDS.length)]!);
  return picked.join(' ');
}

/** A paragraph's wording with `brackets` options in it, e.g. `… [shall][should]{Veloria} …`. */
function bracketed(random: () => number, brackets: number, length: number): string {
  const parts = [words(random, length)];
  for (let b = 0; b < brackets; b++) {
    const sponsor = DELEGATIONS[Math.floor(random() * DELEGATIONS.length)]!;
    parts.push(`[${words(random, 2)}][${words(random, 2)}]{${sponsor}}`, words(random, length));
  }
  return parts.join(' ');
}

export interface RulesText {
  text: RollingTextJSON;
  /** The paragraph typed into, and the run of '.' in its text line where the typists' slots are. */
  paragraphId: string;
  slots: string;
  paragraphs: number;
}

const R1_BOXES = 4;
const R1_PER_BOX = 6;
/** The typed paragraph: Box II(3). */
const TYPED_BOX = 1;
const TYPED_NUM = 3;

/**
 * R1's text: four boxes of six paragraphs of about 25 words (the demo text's size). `plain`: no
 * brackets, nothing agreed. `brackets` and `inside-brackets`: brackets in about half the paragraphs,
 * an alternative pair, a footnote, sub-paragraphs; the paragraph before the typed one agreed, the one
 * after it with open brackets, and the typed one with brackets of its own before and after the slots
 * (`brackets`) or around them, sponsored by Kestria, a delegation none of the writers belongs to
 * (`inside-brackets`).
 */
export function rulesText(variant: RulesVariant, slotCount: number, slotWidth: number): RulesText {
  const random = seededRandom(1111);
  const slots = '.'.repeat(slotCount * slotWidth);
  const rich = variant !== 'plain';
  const lines: string[] = [];
  for (let b = 0; b < R1_BOXES; b++) {
    lines.push(`Box ${ROMAN[b]}. ${words(random, 6)}`, '');
    for (let num = 1; num <= R1_PER_BOX; num++) {
      if (b === TYPED_BOX && num === TYPED_NUM) {
        const inside = variant === 'inside-brackets';
        const middle = inside ? `[${words(random, 3)} ${slots} ${words(random, 3)}]{Kestria}` : slots;
        lines.push(`${num}. ${rich ? bracketed(random, 1, 8) : words(random, 12)} ${middle} ${rich ? bracketed(random, 1, 6) : words(random, 12)}.`);
      } else if (rich && b === TYPED_BOX && num === TYPED_NUM - 1) {
        lines.push(`${num}. ${words(random, 25)}. {agreed}`);
      } else if (rich && num === 5) {
        lines.push(`${num} Alt 1. ${words(random, 20)}.`, `${num} Alt 2. [${words(random, 20)}]{Arandia, Solmar}.`);
      } else if (rich && num % 2 === 0) {
        lines.push(`${num}. ${bracketed(random, 2, 7)}.^[${words(random, 8)}]`);
        lines.push(`   (a) ${bracketed(random, 1, 6)};`, `   (b) ${words(random, 12)}.`);
      } else {
        lines.push(`${num}. ${words(random, 25)}.${rich && num === 1 ? ' {agreed}' : ''}`);
      }
    }
    lines.push('');
  }
  const doc = fromPlainText(lines.join('\n'));
  const typed = doc.child(TYPED_BOX).child(1 + TYPED_NUM - 1);
  if (!typed.textContent.includes(slots)) throw new Error('R1: the typed paragraph is not where the bench looks for it');
  let paragraphs = 0;
  doc.descendants((node) => {
    if (node.type.name === 'paragraph') paragraphs++;
    return node.type.name === 'doc' || node.type.name === 'box';
  });
  return { text: toJSON(doc), paragraphId: String(typed.attrs.id), slots, paragraphs };
}

export interface LongParagraph {
  id: string;
  /** Its text line in the plain-text inline format, as an amendment's `text` takes it. */
  text: string;
  agreed: boolean;
  bracketed: boolean;
}

/**
 * A1's text: `count` paragraphs over five boxes, about 30 words each; one in three with a bracket
 * pair, one in four with two sub-paragraphs, one in eight with a footnote, one in ten agreed.
 */
export function longRulesText(count: number): { text: RollingTextJSON; paragraphs: LongParagraph[] } {
  const random = seededRandom(2222);
  const boxes = 5;
  const lines: string[] = [];
  const planned: Array<Omit<LongParagraph, 'id'>> = [];
  for (let b = 0; b < boxes; b++) {
    lines.push(`Box ${ROMAN[b]}. ${words(random, 6)}`, '');
    const inBox = Math.floor(count / boxes) + (b < count % boxes ? 1 : 0);
    for (let num = 1; num <= inBox; num++) {
      const hasBrackets = num % 3 === 0;
      const line = `${hasBrackets ? bracketed(random, 1, 14) : words(random, 30)}.${num % 8 === 0 ? `^[${words(random, 6)}]` : ''}`;
      const agreed = num % 10 === 7 && !hasBrackets;
      lines.push(`${num}. ${line}${agreed ? ' {agreed}' : ''}`);
      if (num % 4 === 0) lines.push(`   (a) ${words(random, 12)};`, `   (b) ${bracketed(random, 1, 5)}.`);
      planned.push({ text: line, agreed, bracketed: hasBrackets });
    }
    lines.push('');
  }
  const doc = fromPlainText(lines.join('\n'));
  const ids: string[] = [];
  doc.descendants((node) => {
    if (node.type.name === 'paragraph') ids.push(String(node.attrs.id));
    return node.type.name === 'doc' || node.type.name === 'box';
  });
  if (ids.length !== planned.length) throw new Error(`A1: ${ids.length} paragraphs parsed where ${planned.length} were written`);
  return { text: toJSON(doc), paragraphs: planned.map((p, i) => ({ ...p, id: ids[i]! })) };
}
