/**
 * Word's own moves, written over the deletions and insertions the docx library can emit: in a moved
 * paragraph, `w:del`/`w:ins` (its runs and its paragraph mark) become `w:moveFrom`/`w:moveTo`, and a
 * named range (`w:moveFromRangeStart` … `w:moveFromRangeEnd`, the same name on both sides) spans the
 * paragraph and its sub-paragraphs. A reader that knows no moves sees the deletion and the insertion.
 */
import { escapeXmlAttr } from '../xml-escape.js';
import type { DocxMove } from './docx-runs.js';

export function writeMoves(documentXml: string, moves: readonly DocxMove[], by: { author: string; date: string }): string {
  if (moves.length === 0) return documentXml;
  const moveOf = new Map<string, DocxMove>();
  for (const move of moves) for (let id = move.ids[0]; id <= move.ids[1]; id++) moveOf.set(String(id), move);
  // w:ins and w:del never nest: each closing tag closes the one opened last.
  let open: DocxMove | null = null;
  let xml = documentXml.replace(/<w:(ins|del) w:id="(\d+)"([^>]*?)(\/?)>|<\/w:(ins|del)>/g, (whole, kind?: string, id?: string, rest?: string, empty?: string) => {
    if (kind === undefined) {
      const closing = open;
      open = null;
      return closing ? `</w:${tag(closing)}>` : whole;
    }
    const move = moveOf.get(id!);
    const moved = move && (kind === 'del') === (move.kind === 'from') ? move : null;
    if (empty === '') open = moved;
    return moved ? `<w:${tag(moved)} w:id="${id}"${rest}${empty}>` : whole;
  });
  // The range around the moved paragraphs: from after the first one's properties to the last one's end.
  let rangeId = Math.max(...moves.map((m) => m.ids[1])) + 1;
  const ranges = new Map<string, number>();
  xml = xml.replace(/<w:p>(<w:pPr>(?:(?!<\/w:pPr>).)*?<w:rPr><w:(?:moveFrom|moveTo) w:id="(\d+)"[^>]*\/><\/w:rPr><\/w:pPr>)(.*?)<\/w:p>/gs, (whole, pPr: string, markId: string, body: string) => {
    const move = moveOf.get(markId);
    if (!move || String(move.ids[0]) !== markId) return whole;
    const key = `${move.kind}:${move.name}`;
    if (move.first) ranges.set(key, rangeId++);
    const id = ranges.get(key);
    if (id === undefined) return whole;
    const start = move.first ? `<w:${tag(move)}RangeStart w:id="${id}" w:author="${escapeXmlAttr(by.author)}" w:date="${escapeXmlAttr(by.date)}" w:name="${escapeXmlAttr(move.name)}"/>` : '';
    const end = move.last ? `<w:${tag(move)}RangeEnd w:id="${id}"/>` : '';
    return `<w:p>${pPr}${start}${body}${end}</w:p>`;
  });
  return xml;
}

function tag(move: DocxMove): 'moveFrom' | 'moveTo' {
  return move.kind === 'from' ? 'moveFrom' : 'moveTo';
}
