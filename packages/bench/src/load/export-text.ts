/**
 * D1's text: a long rolling text with everything an export has to print, and a later version of it
 * with edits scattered over it, for the redline.
 *
 * The text is written in the plain-text format of @accord/text and parsed by fromPlainText, as the
 * server's own import would: five boxes with the CCW titles, `paragraphs` paragraph nodes spread
 * over them (alternatives count one each), about 30 words each. One number in three has a bracket
 * pair with sponsors (one in nine two pairs, one with two sponsors), one in four three
 * sub-paragraphs (one with a bracket), one in eight a footnote (one in 24 a footnote inside a
 * bracket), one in ten an Alt 1 / Alt 2 pair; about 6% agreed and 8% agreed ad ref (the table
 * prints the counts).
 *
 * The later version is made on the model's JSON, so every paragraph keeps its permanent id and the
 * redline aligns them as the server's would: words typed and deleted, statuses changed, a sponsor
 * joining or leaving a bracket, paragraphs inserted (bis) and deleted, some moved to another box.
 */
import { CCW_BOX_TITLES, fromJSON, fromPlainText, newId, toJSON, validateDocument, type RollingTextJSON, type RollingTextNodeJSON } from '@accord/text';
import type { Node } from 'prosemirror-model';
import { seededRandom } from './typist.js';

const WORDS = (
  'states shall ensure that weapons systems remain under meaningful human control throughout their life cycle ' +
  'in accordance with international humanitarian law including the principles of distinction proportionality ' +
  'and precautions in attack the high contracting parties should consider legal reviews of new weapons means ' +
  'and methods of warfare taking into account the specific characteristics of autonomy in critical functions ' +
  'operators must be able to understand predict and explain the effects of a system in its operational context'
).split(' ');
const ROMAN = ['I', 'II', 'III', 'IV', 'V'];
const DELEGATIONS = ['Arandia', 'Veloria', 'Kestria', 'Solmar', 'Ostrava', 'Civil society'];
/** Words the later version types in: none of them is in WORDS, so each insertion is a visible change. */
const TYPED = ['effectively', 'appropriate', 'relevant', 'consistently', 'national', 'verifiable'];

export interface ExportTexts {
  older: Node;
  newer: Node;
  /** What the text holds, counted as written. */
  counts: ExportTextCounts;
  /** The edits that make `newer` from `older`, by kind. */
  edits: Record<EditKind, number>;
}

export interface ExportTextCounts {
  paragraphs: number;
  subparagraphs: number;
  brackets: number;
  footnotes: number;
  alternatives: number;
  agreed: number;
  agreedAdRef: number;
}

export type EditKind = 'word typed' | 'word deleted' | 'status changed' | 'sponsors changed' | 'paragraph inserted' | 'paragraph deleted' | 'paragraph moved';

export function exportTexts(paragraphs: number, edits: number): ExportTexts {
  const random = seededRandom(5555);
  const { text, counts } = writtenText(paragraphs, random);
  const older = fromPlainText(text);
  const written = countParagraphs(older);
  if (written !== paragraphs) throw new Error(`D1: ${written} paragraphs parsed where ${paragraphs} were written`);
  // ProseMirror's toJSON hands out the nodes' own attrs objects: edit a copy, never the older text.
  const json = structuredClone(toJSON(older));
  const made = editJson(json, edits, random);
  const validation = validateDocument(json);
  if (!validation.ok) throw new Error(`D1: the edited text does not validate: ${JSON.stringify(validation.problems.slice(0, 3))}`);
  return { older, newer: fromJSON(json), counts, edits: made };
}

// -- the text ----------------------------------------------------------------------------------------

function words(random: () => number, count: number): string {
  const picked: string[] = [];
  for (let i = 0; i < count; i++) picked.push(WORDS[Math.floor(random() * WORDS.length)]!);
  return picked.join(' ');
}

const sponsor = (random: () => number) => DELEGATIONS[Math.floor(random() * DELEGATIONS.length)]!;

function twoSponsors(random: () => number): string {
  const first = sponsor(random);
  const others = DELEGATIONS.filter((name) => name !== first);
  return `${first}, ${others[Math.floor(random() * others.length)]!}`;
}

function writtenText(paragraphs: number, random: () => number): { text: string; counts: ExportTextCounts } {
  const counts: ExportTextCounts = { paragraphs: 0, subparagraphs: 0, brackets: 0, footnotes: 0, alternatives: 0, agreed: 0, agreedAdRef: 0 };
  const bracketPair = (sponsors: string) => {
    counts.brackets += 2;
    return `[${words(random, 2)}][${words(random, 3)}]{${sponsors}}`;
  };
  const footnote = () => {
    counts.footnotes++;
    return `^[${words(random, 8)}.]`;
  };
  const lines: string[] = [];
  for (let b = 0; b < ROMAN.length; b++) {
    lines.push(`Box ${ROMAN[b]}. ${CCW_BOX_TITLES[b]}`, '');
    const inBox = Math.floor(paragraphs / ROMAN.length) + (b < paragraphs % ROMAN.length ? 1 : 0);
    let written = 0;
    for (let num = 1; written < inBox; num++) {
      if (num % 10 === 5 && inBox - written >= 2) {
        // An alternative pair: two paragraph nodes under one number.
        lines.push(`${num} Alt 1. ${words(random, 24)}.`, `${num} Alt 2. ${words(random, 10)} ${bracketPair(sponsor(random))} ${words(random, 10)}.`);
        counts.alternatives += 2;
        written += 2;
        continue;
      }
      let line = '';
      if (num % 9 === 0) line = `${words(random, 8)} ${bracketPair(sponsor(random))} ${words(random, 8)} ${bracketPair(twoSponsors(random))} ${words(random, 6)}`;
      else if (num % 3 === 0) line = `${words(random, 12)} ${bracketPair(sponsor(random))} ${words(random, 12)}`;
      else line = words(random, 30);
      if (num % 24 === 0) {
        counts.brackets++;
        counts.footnotes++;
        line += ` [${words(random, 3)}^[${words(random, 6)}.]]{${sponsor(random)}}`;
      }
      line += '.';
      if (num % 8 === 0) line += footnote();
      const agreed = num % 10 === 7 && num % 3 !== 0;
      const adRef = !agreed && num % 12 === 2;
      if (agreed) counts.agreed++;
      if (adRef) counts.agreedAdRef++;
      lines.push(`${num}. ${line}${agreed ? ' {agreed}' : adRef ? ' {agreed ad ref}' : ''}`);
      if (num % 4 === 0) {
        lines.push(`   (a) ${words(random, 12)};`, `   (b) ${words(random, 5)} ${bracketPair(sponsor(random))} ${words(random, 5)};`, `   (c) ${words(random, 10)}.`);
        counts.subparagraphs += 3;
      }
      written++;
    }
    lines.push('');
  }
  counts.paragraphs = paragraphs;
  return { text: lines.join('\n'), counts };
}

function countParagraphs(doc: Node): number {
  let count = 0;
  doc.descendants((node) => {
    if (node.type.name === 'paragraph') count++;
    return node.type.name === 'doc' || node.type.name === 'box';
  });
  return count;
}

// -- the later version -------------------------------------------------------------------------------

type JsonNode = RollingTextNodeJSON;

interface Located {
  box: JsonNode;
  paragraph: JsonNode;
}

/** The edits of every ten, in this order: six words typed, one deleted, a status, a sponsor, a structural edit. */
const EDIT_CYCLE = ['type', 'type', 'type', 'type', 'type', 'type', 'delete word', 'status', 'sponsor', 'structure'] as const;
const STRUCTURE_CYCLE = ['insert', 'delete', 'move', 'insert', 'delete'] as const;

/**
 * `count` edits, each on a paragraph of its own picked at random over the whole text (one that can
 * take it: a sponsored bracket for a sponsor, no alternative for a structural edit). Structural edits
 * in turn: a bis paragraph inserted after one, a paragraph deleted, one moved to the end of the next box.
 */
function editJson(json: RollingTextJSON, count: number, random: () => number): Record<EditKind, number> {
  const made: Record<EditKind, number> = {
    'word typed': 0,
    'word deleted': 0,
    'status changed': 0,
    'sponsors changed': 0,
    'paragraph inserted': 0,
    'paragraph deleted': 0,
    'paragraph moved': 0,
  };
  const pool: Located[] = [];
  for (const box of json.content) for (const paragraph of box.content ?? []) if (paragraph.type === 'paragraph') pool.push({ box, paragraph });
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const take = (fits: (paragraph: JsonNode) => boolean): Located => {
    const index = pool.findIndex((at) => fits(at.paragraph));
    if (index < 0) throw new Error('D1: no paragraph left to edit');
    return pool.splice(index, 1)[0]!;
  };
  const structural: Array<{ at: Located; kind: (typeof STRUCTURE_CYCLE)[number] }> = [];
  for (let k = 0; k < count; k++) {
    const kind = EDIT_CYCLE[k % EDIT_CYCLE.length]!;
    if (kind === 'structure') {
      structural.push({ at: take((p) => (p.attrs?.alt ?? null) === null), kind: STRUCTURE_CYCLE[structural.length % STRUCTURE_CYCLE.length]! });
    } else if (kind === 'delete word') {
      deleteWord(take((p) => plainText(p) !== undefined).paragraph);
      made['word deleted']++;
    } else if (kind === 'status') {
      const attrs = take(() => true).paragraph.attrs!;
      attrs.status = attrs.status === 'under_negotiation' ? 'agreed_ad_ref' : 'under_negotiation';
      made['status changed']++;
    } else if (kind === 'sponsor') {
      toggleSolmar(take((p) => sponsoredBracket(p) !== undefined).paragraph);
      made['sponsors changed']++;
    } else {
      typeWord(take((p) => plainText(p) !== undefined).paragraph, TYPED[k % TYPED.length]!);
      made['word typed']++;
    }
  }
  // Structural edits last, each finding its paragraph where it is now.
  for (const { at, kind } of structural) {
    const siblings = at.box.content!;
    const index = siblings.indexOf(at.paragraph);
    if (kind === 'insert') {
      const paragraph: JsonNode = {
        type: 'paragraph',
        attrs: { id: newId(), num: at.paragraph.attrs!.num, sfx: 1, status: 'under_negotiation', alt: null },
        content: [{ type: 'paragraphText', content: [{ type: 'text', text: `${words(random, 20)}.` }] }],
      };
      siblings.splice(index + 1, 0, paragraph);
      made['paragraph inserted']++;
    } else if (kind === 'delete') {
      siblings.splice(index, 1);
      made['paragraph deleted']++;
    } else {
      const boxes = json.content;
      const target = boxes[(boxes.indexOf(at.box) + 1) % boxes.length]!;
      siblings.splice(index, 1);
      const nums = (target.content ?? []).filter((node) => node.type === 'paragraph').map((node) => Number(node.attrs!.num));
      at.paragraph.attrs = { ...at.paragraph.attrs, num: Math.max(0, ...nums) + 1, sfx: 0 };
      target.content!.push(at.paragraph);
      made['paragraph moved']++;
    }
  }
  return made;
}

/** The paragraph's first text outside any bracket, where a word is typed or deleted. */
function plainText(paragraph: JsonNode): JsonNode | undefined {
  const line = paragraph.content?.find((node) => node.type === 'paragraphText');
  return line?.content?.find((node) => node.type === 'text' && (node.marks ?? []).length === 0 && (node.text ?? '').split(' ').length >= 3);
}

function typeWord(paragraph: JsonNode, word: string): void {
  const text = plainText(paragraph);
  if (!text) throw new Error('D1: a paragraph without plain words to type into');
  const space = text.text!.indexOf(' ');
  text.text = `${text.text!.slice(0, space)} ${word}${text.text!.slice(space)}`;
}

function deleteWord(paragraph: JsonNode): boolean {
  const text = plainText(paragraph);
  if (!text) return false;
  const parts = text.text!.split(' ');
  parts.splice(1, 1);
  text.text = parts.join(' ');
  return true;
}

/** The paragraph's text nodes: its text line's and its sub-paragraphs'. */
const textsOf = (paragraph: JsonNode) => (paragraph.content ?? []).flatMap((node) => node.content ?? []);

/** The id of the paragraph's first bracket with sponsors. */
function sponsoredBracket(paragraph: JsonNode): unknown {
  const mark = textsOf(paragraph)
    .flatMap((node) => node.marks ?? [])
    .find((m) => m.type === 'bracket' && Array.isArray(m.attrs?.sponsors) && (m.attrs.sponsors as unknown[]).length > 0);
  return mark?.attrs?.id;
}

/** Solmar joins the sponsors of the paragraph's first sponsored bracket, or leaves them where it was one, on every text node of it. */
function toggleSolmar(paragraph: JsonNode): void {
  const id = sponsoredBracket(paragraph);
  for (const node of textsOf(paragraph)) {
    node.marks = node.marks?.map((mark) => {
      if (mark.type !== 'bracket' || !mark.attrs || mark.attrs.id !== id) return mark;
      const names = mark.attrs.sponsors as string[];
      return { ...mark, attrs: { ...mark.attrs, sponsors: names.includes('Solmar') ? names.filter((name) => name !== 'Solmar') : [...names, 'Solmar'] } };
    });
  }
}
