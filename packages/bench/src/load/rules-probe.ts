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
import { DELEGATES } from './accord-driver.js';
import { isEditSaved } from './probe-edit.js';

export async function probeRules(url: string): Promise<RulesSeen> {
  const saved = await isEditSaved(
    url,
    'rules-probe',
    (doc) => {
      const box = doc.getXmlFragment(ROLLING_TEXT_FIELD).get(0);
      const paragraph = box instanceof Y.XmlElement ? box.toArray().find((node) => node instanceof Y.XmlElement && node.nodeName === N.paragraph) : undefined;
      if (!(paragraph instanceof Y.XmlElement)) throw new Error('the rules probe found no paragraph in a new document');
      paragraph.setAttribute('status', 'agreed');
    },
    { editors: DELEGATES },
  );
  return saved ? "accepts a delegate's status change" : "refuses a delegate's status change";
}
