import type { RedlinePart } from '@accord/contract';

type Op = RedlinePart['op'];

/** A redline ready to draw: words of one op joined, each bracket's sponsors on its closing bracket. */
export type RedlinePiece =
  | { kind: 'text'; op: Op; text: string; inBracket: boolean }
  | { kind: 'open'; op: Op }
  | { kind: 'close'; op: Op; sponsors: string[] }
  | { kind: 'footnote'; op: Op; text: string; number: number };

/**
 * Neighbouring words of one op (inside or outside a bracket alike) become one piece (a screen reader announces an insertion once, not per
 * word). The room writes a bracket's sponsors after its "]": the opening part carries them, so
 * they are handed to the closing bracket that matches it. Footnotes are numbered in reading order.
 */
export function redlinePieces(parts: readonly RedlinePart[]): RedlinePiece[] {
  const pieces: RedlinePiece[] = [];
  const open: string[][] = [];
  let footnotes = 0;
  for (const part of parts) {
    switch (part.kind) {
      case 'text': {
        if (part.text === '') break;
        const last = pieces.at(-1);
        if (last?.kind === 'text' && last.op === part.op && last.inBracket === part.inBracket) last.text += part.text;
        else pieces.push({ kind: 'text', op: part.op, text: part.text, inBracket: part.inBracket });
        break;
      }
      case 'open':
        open.push(part.sponsors ?? []);
        pieces.push({ kind: 'open', op: part.op });
        break;
      case 'close':
        pieces.push({ kind: 'close', op: part.op, sponsors: open.pop() ?? [] });
        break;
      case 'footnote':
        pieces.push({ kind: 'footnote', op: part.op, text: part.text, number: ++footnotes });
        break;
    }
  }
  return pieces;
}

