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
  return unmarkedEdgeSpaces(pieces);
}

type TextPiece = Extract<RedlinePiece, { kind: 'text' }>;
const isText = (piece: RedlinePiece | undefined): piece is TextPiece => piece?.kind === 'text';

/**
 * The space between a kept word and an added (or removed) one belongs to neither: a redline underlines
 * "Training", not " Training". Where an insertion or deletion starts with spaces after other words (kept,
 * or removed before an insertion), or ends with spaces before kept words, those spaces are drawn
 * unmarked. A change that is only spaces stays marked, or it would not show at all.
 */
function unmarkedEdgeSpaces(pieces: readonly RedlinePiece[]): RedlinePiece[] {
  const out: RedlinePiece[] = [];
  const pushEqual = (text: string, inBracket: boolean) => {
    const last = out.at(-1);
    if (isText(last) && last.op === 'equal' && last.inBracket === inBracket) last.text += text;
    else out.push({ kind: 'text', op: 'equal', text, inBracket });
  };
  pieces.forEach((piece, i) => {
    if (!isText(piece) || piece.op === 'equal' || piece.text.trim() === '') {
      if (isText(piece) && piece.op === 'equal') pushEqual(piece.text, piece.inBracket);
      else out.push(isText(piece) ? { ...piece } : piece);
      return;
    }
    const [, lead = '', words = '', trail = ''] = /^(\s*)(.*?)(\s*)$/su.exec(piece.text) ?? [];
    const before = out.at(-1);
    const next = pieces[i + 1];
    const unmarkLead = lead !== '' && isText(before) && before.text.trim() !== '' && before.inBracket === piece.inBracket;
    const unmarkTrail = trail !== '' && isText(next) && next.op === 'equal' && next.inBracket === piece.inBracket;
    if (unmarkLead) pushEqual(lead, piece.inBracket);
    out.push({ ...piece, text: `${unmarkLead ? '' : lead}${words}${unmarkTrail ? '' : trail}` });
    if (unmarkTrail) pushEqual(trail, piece.inBracket);
  });
  return out;
}

