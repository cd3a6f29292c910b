/**
 * A hostile delegate against BOXES_STEWARDS_ONLY (issue 14), over raw sockets against a real server
 * and database: Yjs updates written by hand to change the boxes the chair gave the text.
 *   TITLE-SHADOW  a new boxTitle element written before Box I's title: the look at the update only
 *                 watched new paragraphs and boxes and letters inside an existing title, and the
 *                 content check lets a boxTitle anywhere in a box, so the update was saved and Box I
 *                 read "Arandia's box" in the text, the exports and every editor. Fixed: a new box
 *                 title is at stake, and the comparison reads every title element of a box.
 *   TITLE-EXTRA   the same, written after the box's paragraphs: a second heading inside Box I that
 *                 reads like a box of its own. Refused the same way.
 *   HOLDS         what was tried and is refused: boxes reordered, a box deleted with its paragraphs,
 *                 a box's id changed, a box title replaced by an element with other words, a box
 *                 emptied of its title; each as an update and as a step 2.
 *   ALLOW         the chair may still add a box, and a delegate still types in Box I(1).
 */
import { encodeStep2, encodeUpdate } from '@accord/sync/protocol';
import { toPlainText } from '@accord/text';
import { fromYDoc, ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { demoDocument } from '../src/seed/demo-data.js';
import { CollabFixture, type DemoName } from './support/collab.js';
import { findWords as find, RuleProbe as Raw } from './support/room-text-y.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const TIMEOUT_MS = 20_000;

const fragmentOf = (doc: Y.Doc) => doc.getXmlFragment(ROLLING_TEXT_FIELD);
const boxOf = (doc: Y.Doc, index: number) => fragmentOf(doc).get(index) as Y.XmlElement;

function boxTitle(words: string): Y.XmlElement {
  const title = new Y.XmlElement('boxTitle');
  title.insert(0, [new Y.XmlText(words)]);
  return title;
}

describe('a hostile delegate against the boxes (BOXES_STEWARDS_ONLY)', () => {
  let t: TestServer;
  let f: CollabFixture;
  let documentId: string;
  let seq = 0;
  const raws = new Map<DemoName, Raw>();

  const serverDoc = (): Y.Doc => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, f.gateway.engine.stateOf(documentId)!);
    return doc;
  };
  const updateOf = (change: (doc: Y.Doc) => void): Uint8Array => {
    const doc = serverDoc();
    doc.clientID = Math.floor(Math.random() * 2 ** 31);
    const before = Y.encodeStateVector(doc);
    doc.transact(() => change(doc));
    return Y.encodeStateAsUpdate(doc, before);
  };
  /** One change, sent again after a pause while the member's policy time is used up (each refusal costs a full comparison). */
  const send = async (who: DemoName, change: (doc: Y.Doc) => void, asStep2 = false) => {
    for (let attempt = 0; ; attempt++) {
      const update = updateOf(change);
      const answer = await raws.get(who)!.send(documentId, ++seq, asStep2 ? encodeStep2(update) : encodeUpdate(update));
      if (!('code' in answer) || answer.code !== 'RATE_LIMITED' || attempt === 10) return answer;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  };
  /** The text as the room reads it: what the exports and the editors show. */
  const textNow = () => toPlainText(fromYDoc(serverDoc()));
  const storedText = async () => (await t.client(await f.token('chair')).get(`/api/dialogues/${f.dialogueId}/documents/${documentId}/text?format=plain`)).body as unknown;

  /** Refused as an update and as a step 2, with the server's state, the room's text and the stored log as they were. */
  async function refused(who: DemoName, change: (doc: Y.Doc) => void, codes = ['BOXES_STEWARDS_ONLY']): Promise<string> {
    const state = Buffer.from(f.gateway.engine.stateOf(documentId)!).toString('base64');
    const [text, stored] = [textNow(), await storedText()];
    const answer = await send(who, change);
    expect(codes).toContain((answer as { code?: string }).code);
    expect(codes).toContain(((await send(who, change, true)) as { code?: string }).code);
    expect(Buffer.from(f.gateway.engine.stateOf(documentId)!).toString('base64')).toBe(state);
    expect(textNow()).toBe(text);
    expect(await storedText()).toBe(stored);
    return (answer as { message: string }).message;
  }

  beforeAll(async () => {
    t = await startTestServer({ env: { LOG_LEVEL: 'silent' } });
    f = new CollabFixture(t);
    const chair = t.client(await f.token('chair'));
    f.dialogueId = (await chair.get('/api/dialogues')).body.dialogues[0].id;
    const list = (await chair.get(`/api/dialogues/${f.dialogueId}/documents`)).body.documents as Array<{ id: string; symbol: string }>;
    documentId = list.find((d) => d.symbol === demoDocument.symbol)!.id;
    for (const name of ['arandia', 'chair'] as const) {
      const raw = await Raw.connect(t.url, await f.token(name), { timeoutMs: TIMEOUT_MS });
      await raw.openOrThrow(documentId);
      raws.set(name, raw);
    }
  }, 120_000);

  afterAll(async () => {
    for (const raw of raws.values()) raw.close();
    f?.close();
    await t?.close();
  });

  it('TITLE-SHADOW: a new title element written before Box I’s is refused; Box I keeps its title', async () => {
    const before = textNow();
    expect(before).toMatch(/^Box I\. Characterisation/);
    const reason = await refused('arandia', (doc) => boxOf(doc, 0).insert(0, [boxTitle('Arandia’s box')]));
    expect(reason).toMatch(/^Box I: only the chair or the secretariat may change a box title/);
    expect(textNow()).not.toContain('Arandia’s box');
    // An empty one, which would hide the title rather than rename it.
    await refused('arandia', (doc) => boxOf(doc, 0).insert(0, [new Y.XmlElement('boxTitle')]));
  });

  it('TITLE-EXTRA: a second title element after the paragraphs of a box, or between them, is refused', async () => {
    expect(await refused('arandia', (doc) => boxOf(doc, 0).insert(boxOf(doc, 0).length, [boxTitle('Box Ibis. Arandia’s proposals')]))).toMatch(/^Box I: /);
    expect(await refused('arandia', (doc) => boxOf(doc, 1).insert(2, [boxTitle('Arandia')]))).toMatch(/^Box II: /);
  });

  it('HOLDS: boxes reordered, a box deleted with its paragraphs, an id changed, a title replaced or taken away', async () => {
    // A box that holds agreed text is refused for that first; either refusal changes nothing.
    const boxOrAgreed = ['BOXES_STEWARDS_ONLY', 'PARAGRAPH_AGREED'];
    // Box V moved before Box I (a copy inserted, the original deleted: what a move is in Yjs).
    const reasons: string[] = [];
    reasons.push(await refused(
      'arandia',
      (doc) => {
        const last = fragmentOf(doc).length - 1;
        const copy = boxOf(doc, last).clone();
        fragmentOf(doc).delete(last, 1);
        fragmentOf(doc).insert(0, [copy]);
      },
      boxOrAgreed,
    ));
    reasons.push(await refused('arandia', (doc) => fragmentOf(doc).delete(fragmentOf(doc).length - 1, 1), boxOrAgreed));
    reasons.push(await refused('arandia', (doc) => boxOf(doc, 3).setAttribute('id', 'box-arandia'), boxOrAgreed));
    reasons.push(
      await refused('arandia', (doc) => {
        boxOf(doc, 2).delete(0, 1);
        boxOf(doc, 2).insert(0, [boxTitle('Prohibitions')]);
      }),
    );
    reasons.push(await refused('arandia', (doc) => boxOf(doc, 2).delete(0, 1)));
    expect(reasons.slice(-2)).toEqual(['Box III: only the chair or the secretariat may change a box title', 'Box III: only the chair or the secretariat may change a box title']);
  });

  it('ALLOW: the chair adds a box with a title; a delegate still types in a paragraph', async () => {
    expect(
      await send('chair', (doc) => {
        const box = new Y.XmlElement('box');
        box.setAttribute('id', 'box-chair-new');
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.setAttribute('id', 'p-chair-new');
        paragraph.insert(0, [new Y.XmlElement('paragraphText')]);
        box.insert(0, [boxTitle('Final provisions'), paragraph]);
        fragmentOf(doc).insert(fragmentOf(doc).length, [box]);
      }),
    ).toEqual({ saved: true });
    expect(textNow()).toContain('Final provisions');
    expect(
      await send('arandia', (doc) => {
        const at = find(doc, 'Box III(2)', 'In particular');
        at.run.insert(at.index, 'Arandia notes: ');
      }),
    ).toEqual({ saved: true });
  });
});
