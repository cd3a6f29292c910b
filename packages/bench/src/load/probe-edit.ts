/**
 * One edit in a scratch document, before anything is measured, to learn what a server under test
 * does with it: stored (a durable acknowledgement) or refused (none comes). The bench's probes of
 * the schema check and of the rules of the room.
 */
import type * as Y from 'yjs';
import { AccordDriver, type AccordDriverOptions } from './accord-driver.js';

/** A durable acknowledgement on loopback takes milliseconds; a refused update never gets one. */
const ACK_TIMEOUT_MS = 3_000;

export async function isEditSaved(url: string, name: string, edit: (doc: Y.Doc) => void, options: AccordDriverOptions = {}): Promise<boolean> {
  const driver = await AccordDriver.create(url, options);
  const [documentName] = await driver.createDocuments(1, name);
  const connection = await driver.connect(0);
  const document = await connection.open(documentName!);
  try {
    edit(document.doc);
    let timer: NodeJS.Timeout | undefined;
    const saved = await Promise.race([
      document.whenAcknowledged().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ACK_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    return saved;
  } finally {
    document.close();
    connection.close();
  }
}
