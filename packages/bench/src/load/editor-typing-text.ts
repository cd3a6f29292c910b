/**
 * E1's texts, in the plain-text format of @accord/text, parsed by fromPlainText as the server's
 * import would: `paragraphs` paragraphs of about 30 words over five boxes, `brackets` of them with one
 * open bracket each (sponsored, so the editor draws its sponsors after it), spread evenly; and the
 * short peer, five paragraphs without a bracket.
 */
import { fromPlainText, toJSON, type RollingTextJSON } from '@accord/text';

const WORDS = (
  'states shall ensure that weapons systems remain under meaningful human control throughout their life cycle ' +
  'in accordance with international humanitarian law including the principles of distinction proportionality ' +
  'and precautions in attack the high contracting parties should consider legal reviews of new weapons means'
).split(' ');
const ROMAN = ['I', 'II', 'III', 'IV', 'V'];
const DELEGATIONS = ['Arandia', 'Veloria', 'Kestria', 'Solmar'];
const BOXES = 5;

function words(random: () => number, count: number): string {
  const picked: string[] = [];
  for (let i = 0; i < count; i++) picked.push(WORDS[Math.floor(random() * WORDS.length)]!);
  return picked.join(' ');
}

export interface EditorText {
  text: RollingTextJSON;
  /** Paragraph ids in document order. */
  paragraphIds: string[];
  brackets: number;
}

export function bracketedText(paragraphs: number, brackets: number, random: () => number): EditorText {
  const lines: string[] = [];
  let index = 0;
  let placed = 0;
  for (let b = 0; b < BOXES; b++) {
    lines.push(`Box ${ROMAN[b]}. ${words(random, 5)}`, '');
    const inBox = Math.floor(paragraphs / BOXES) + (b < paragraphs % BOXES ? 1 : 0);
    for (let num = 1; num <= inBox; num++, index++) {
      // The i-th bracket goes to paragraph floor(i × paragraphs / brackets): evenly spread.
      const bracketed = placed < brackets && Math.floor((placed * paragraphs) / brackets) === index;
      if (bracketed) placed++;
      const middle = bracketed ? ` [${words(random, 3)}]{${DELEGATIONS[index % DELEGATIONS.length]}} ` : ' ';
      lines.push(`${num}. ${words(random, 14)}${middle}${words(random, 14)}.`);
    }
    lines.push('');
  }
  const doc = fromPlainText(lines.join('\n'));
  const paragraphIds: string[] = [];
  doc.descendants((node) => {
    if (node.type.name === 'paragraph') paragraphIds.push(String(node.attrs.id));
    return node.type.name === 'doc' || node.type.name === 'box';
  });
  return { text: toJSON(doc), paragraphIds, brackets: placed };
}
