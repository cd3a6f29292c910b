/** A member writes a whole rolling text into a document over the collaboration socket, stored before this resolves. */
import { AccordClient } from '@accord/client';
import type { RollingTextJSON } from '@accord/text';
import { writeRollingText } from './write-rolling-text.js';

export async function writeDocumentAs(url: string, token: string, documentId: string, text: RollingTextJSON): Promise<void> {
  const client = await AccordClient.connect({ url, token, transports: ['websocket'] });
  try {
    const handle = client.open(documentId);
    await handle.synced;
    writeRollingText(handle.doc, text);
    await handle.whenSaved();
    handle.close();
  } finally {
    client.close();
  }
}
