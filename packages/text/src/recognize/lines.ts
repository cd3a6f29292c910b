import type { SourceLine } from './types.js';

/**
 * One SourceLine per non-blank line of a text, numbered from 1. Nothing is interpreted here: the
 * inline syntax ("[…]{A}", "^[…]") stays in the text for the recognizer.
 */
export function linesFromPlainText(text: string): SourceLine[] {
  const out: SourceLine[] = [];
  text.split(/\r\n|[\n\r\u2028\u2029]/).forEach((line, index) => {
    if (line.trim() !== '') out.push({ line: index + 1, runs: [{ text: line }] });
  });
  return out;
}
