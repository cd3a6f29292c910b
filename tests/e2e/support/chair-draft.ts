/**
 * Setting the scene as drafting is done: the chair's own client writes a text into a document over
 * the collaboration socket, and the server is checked to hold exactly that text before a test starts.
 */
import { type AccordApi, AccordClient } from '@accord/client';
import { fromPlainText, toPlainText } from '@accord/text';
import { applyDocumentChange } from '@accord/text/yjs';

export async function draftAsChair(url: string, chair: AccordApi, dialogueId: string, documentId: string, plainText: string): Promise<void> {
  const client = await AccordClient.connect({ url, token: chair.token!, transports: ['websocket'] });
  try {
    const handle = client.open(documentId);
    await handle.synced;
    applyDocumentChange(handle.doc, fromPlainText(plainText));
    await handle.whenSaved();
  } finally {
    client.close();
  }
  const written = (await chair.documents.text(dialogueId, documentId)).text;
  if (written !== toPlainText(fromPlainText(plainText))) throw new Error(`the chair's editor wrote something else:\n${written}`);
}
