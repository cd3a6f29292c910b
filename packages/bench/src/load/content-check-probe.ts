/**
 * Which Accord server the bench really measures: one that refuses a free-standing root Y.Text (its
 * schema check is on) or one that accepts it (`accord-unchecked`). The launcher turns the check off by
 * name, through startServer's dependencies; were that name to change, the "unchecked" figure would
 * silently measure the check. One edit in a scratch document, before anything is measured.
 */
import type { ContentCheckSeen } from '../protocol.js';
import { AccordDriver } from './accord-driver.js';

/** A durable acknowledgement on loopback takes milliseconds; a refused update never gets one. */
const ACK_TIMEOUT_MS = 3_000;

export async function probeContentCheck(url: string): Promise<ContentCheckSeen> {
  const driver = await AccordDriver.create(url);
  const [name] = await driver.createDocuments(1, 'content-check-probe');
  const connection = await driver.connect(0);
  const document = await connection.open(name!);
  try {
    document.doc.getText('benchProbe').insert(0, 'x');
    let timer: NodeJS.Timeout | undefined;
    const saved = await Promise.race([
      document.whenAcknowledged().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ACK_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    return saved ? 'accepts a root Y.Text' : 'refuses a root Y.Text';
  } finally {
    document.close();
    connection.close();
  }
}
