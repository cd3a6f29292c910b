/**
 * Writing and reading the rolling text in a Y.Doc as the editor's binding does, for tests that need
 * "some text" in a document: the server accepts only what the rolling-text schema allows (no
 * free-standing Y.Text), so tests type into a paragraph of the five-box template every new document
 * starts with.
 */
import type { StoredUpdate } from '@accord/sync';
import { ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import * as Y from 'yjs';
import type { DocumentLogRepository } from '../../src/collab/document-log.repository.js';

/** Box `box`'s (0-based) first paragraph's text element; throws while the document has no template yet. */
export function paragraphTextElement(doc: Y.Doc, box = 0): Y.XmlElement {
  const boxElement = doc.getXmlFragment(ROLLING_TEXT_FIELD).get(box);
  const paragraph = boxElement instanceof Y.XmlElement ? boxElement.get(1) : undefined;
  const paragraphText = paragraph instanceof Y.XmlElement ? paragraph.get(0) : undefined;
  if (!(paragraphText instanceof Y.XmlElement) || paragraphText.nodeName !== 'paragraphText') {
    throw new Error(`box ${box} has no first paragraph yet: open the document and wait for its first sync`);
  }
  return paragraphText;
}

/**
 * The words of box `box`'s first paragraph, to type into: its first Y.XmlText, made if the paragraph
 * is still empty. (Two clients making it at once each make one; draftOf reads both.)
 */
export function draft(doc: Y.Doc, box = 0): Y.XmlText {
  const element = paragraphTextElement(doc, box);
  const first = element.get(0);
  if (first instanceof Y.XmlText) return first;
  element.insert(0, [new Y.XmlText()]);
  return element.get(0) as Y.XmlText;
}

/** The words of box `box`'s first paragraph as plain text ('' without a template): every text run, in order. */
export function draftOf(doc: Y.Doc, box = 0): string {
  let element: Y.XmlElement;
  try {
    element = paragraphTextElement(doc, box);
  } catch {
    return '';
  }
  let out = '';
  for (const child of element.toArray()) {
    if (!(child instanceof Y.XmlText)) continue;
    for (const op of child.toDelta() as Array<{ insert: unknown }>) if (typeof op.insert === 'string') out += op.insert;
  }
  return out;
}

/**
 * Stores an update straight into a document's log, as a server from before the schema check would
 * have stored whatever a client sent: legacy content that readers must still survive. The document
 * must not be open (the next load replays it). Returns the update stored.
 */
export async function storeLegacyUpdate(log: DocumentLogRepository, documentId: string, change: (doc: Y.Doc) => void): Promise<Uint8Array> {
  const rows = await log.readLog(documentId);
  const doc = new Y.Doc();
  for (const row of rows) Y.applyUpdate(doc, row.update);
  const before = Y.encodeStateVector(doc);
  change(doc);
  const update = Y.encodeStateAsUpdate(doc, before);
  const first = rows[0];
  if (!first) throw new Error('a legacy update needs a document with content');
  const row: StoredUpdate = {
    documentId,
    seq: rows.length + 1,
    update,
    userId: first.userId,
    sessionId: 'legacy',
    connectionId: 'legacy',
    createdAt: new Date(),
  };
  await log.append({ updates: [row], checkpoints: [] });
  return update;
}
