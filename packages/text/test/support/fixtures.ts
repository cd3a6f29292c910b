/** A realistic piece of the GGE rolling text, in the plain-text format, used across the tests. */
import type { Node } from 'prosemirror-model';
import { fromPlainText } from '../../src/index.js';

/** Strip the common indentation of a template literal, so fixtures can be indented like code. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
  return `${lines.map((l) => l.slice(indent)).join('\n')}\n`;
}

export function rollingText(text: string): Node {
  return fromPlainText(dedent(text));
}

export const GGE_TEXT = dedent(`
  Box I. Characterisation of lethal autonomous weapons systems

  1. A lethal autonomous weapon system can be characterised as an integrated combination of one or more weapons and technological components that [can][, once activated,]{Arandia, Veloria} select and engage targets without further intervention by a human operator.^[Without prejudice to future characterisations.] {agreed ad ref}
  2. The characterisation does not prejudge the application of the following:
     (a) existing obligations under international law;
     (b) future understandings of the concept of autonomy;
  2bis. The characterisation should remain technology-neutral. {agreed}

  Box II. Application of international humanitarian law and the human element needed to comply with it

  1. International humanitarian law continues to apply fully to all weapons systems. {agreed}
  2 Alt 1. Context-appropriate human judgement and control [shall][should]{Borealis} be retained.
  2 Alt 2. Human responsibility for decisions on the use of weapons systems must be retained.

  Box III. Prohibitions and requirements

  1. States [shall]{Veloria} not develop, produce, acquire or use systems that cannot be used in compliance with IHL.
  2. States shall, in relation to other systems:
     (a) limit the types of targets;
     (b) limit the duration, geographical scope and scale of operation;
     (b bis) ensure the ability to deactivate the system.

  Box IV. Measures across the life cycle, including legal reviews

  1. Legal reviews under Article 36 of Additional Protocol I [are an essential tool]{Arandia}.

  Box V. Accountability and responsibility

  1. Accountability cannot be transferred to machines.
`);
