/**
 * Which Accord server R1 really measures: one that refuses a delegate's marking a paragraph agreed
 * (the rules of the room are on) or one that lets it through (`accord-without-rules`). The launcher
 * turns the rules off by name, through startServer's dependencies; were that name to change, or the
 * rules not be wired in, the "with the rules" figure would silently measure none. One edit in a
 * scratch document, before anything is measured.
 */
import { N } from '@accord/text';
import { ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import * as Y from 'yjs';
import type { RulesSeen } from '../protocol.js';
import { AccordDriver, DELEGATES } from './accord-driver.js';

/** A durable acknowledgement on loopback takes milliseconds; a refused update never gets one. */
const ACK_TIMEOUT_MS = 3_000;

export async function probeRules(url: string): Promise<RulesSeen> {
  const driver = await AccordDriver.create(url, { editors: DELEGATES });
  const [name] = await driver.createDocuments(1, 'rules-probe');
  const connection = await driver.connect(0);
  const document = await connection.open(name!);
  try {
    const box = document.doc.getXmlFragment(ROLLING_TEXT_FIELD).get(0);
    const paragraph = box instanceof Y.XmlElement ? box.toArray().find((node) => node instanceof Y.XmlElement && node.nodeName === N.paragraph) : undefined;
    if (!(paragraph instanceof Y.XmlElement)) throw new Error('the rules probe found no paragraph in a new document');
    paragraph.setAttribute('status', 'agreed');
    let timer: NodeJS.Timeout | undefined;
    const saved = await Promise.race([
      document.whenAcknowledged().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ACK_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    return saved ? "accepts a delegate's status change" : "refuses a delegate's status change";
  } finally {
    document.close();
    connection.close();
  }
}
