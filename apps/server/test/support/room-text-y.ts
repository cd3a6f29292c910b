/**
 * For tests that write a rolling text's Yjs structure by hand (raw socket updates): a connection
 * that answers with its `saved` or refusal, and the elements and words a citation names.
 */
import { computeLabels } from '@accord/text';
import { fromYDoc, ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import * as Y from 'yjs';
import { RawConnection } from './raw-socket.js';

/** A raw connection whose `send` answers with the server's verdict on that message. */
export class RuleProbe extends RawConnection {
  async send(documentId: string, seq: number, message: Uint8Array): Promise<{ saved: true } | { code: string; message: string }> {
    this.y(documentId, seq, message);
    const { name, args } = await this.reply(documentId, seq);
    return name === 'saved' ? { saved: true } : { code: args[2].code, message: args[2].message };
  }
}

/** The paragraph a citation names, as a Y.XmlElement. */
export function paragraphOf(doc: Y.Doc, citation: string): Y.XmlElement {
  const id = computeLabels(fromYDoc(doc)).list.find((l) => l.citation === citation)?.id;
  if (!id) throw new Error(`no ${citation}`);
  for (const box of doc.getXmlFragment(ROLLING_TEXT_FIELD).toArray()) {
    if (!(box instanceof Y.XmlElement)) continue;
    for (const paragraph of box.toArray()) {
      if (paragraph instanceof Y.XmlElement && paragraph.getAttribute('id') === id) return paragraph;
    }
  }
  throw new Error(`no paragraph ${id}`);
}

export function runsOf(element: Y.XmlElement): Y.XmlText[] {
  const runs: Y.XmlText[] = [];
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) runs.push(child);
    else if (child instanceof Y.XmlElement) runs.push(...runsOf(child));
  }
  return runs;
}

/** Where `words` are in a paragraph: its text run, their index, and the bracket they are in (if any). */
export function findWords(
  doc: Y.Doc,
  citation: string,
  words: string,
): { run: Y.XmlText; index: number; bracket: { id: string; sponsors: string[] } | null; runLength: number } {
  for (const run of runsOf(paragraphOf(doc, citation))) {
    let index = 0;
    for (const op of run.toDelta() as Array<{ insert: unknown; attributes?: { bracket?: { id: string; sponsors: string[] } } }>) {
      if (typeof op.insert === 'string') {
        const at = op.insert.indexOf(words);
        if (at >= 0) return { run, index: index + at, bracket: op.attributes?.bracket ?? null, runLength: op.insert.length };
        index += op.insert.length;
      } else index += 1;
    }
  }
  throw new Error(`no "${words}" in ${citation}`);
}
