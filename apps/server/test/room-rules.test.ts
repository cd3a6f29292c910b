/**
 * The rules of the room, enforced by the server (issue 11), over real sockets against a real server
 * and database, on the demo's rolling text. Updates are written by hand, as a delegate's script would
 * send them, not by an editor that would have stopped them first. Rules:
 *   RULE-1  A delegate setting a paragraph's status: STATUS_STEWARDS_ONLY.
 *   RULE-2  A delegate editing or deleting an agreed paragraph: PARAGRAPH_AGREED.
 *   RULE-3  A delegate removing another delegation's bracket (or some of its words from it), or
 *           withdrawing another's sponsorship: BRACKET_NOT_YOURS.
 *   RULE-4  Anyone, the chair too, marking a paragraph with open brackets agreed: OPEN_BRACKETS,
 *           naming the brackets.
 *   RULE-5  Civil society and observers writing: READ_ONLY (before any rule).
 *   RULE-BOX A delegate renaming a box, emptying its title, adding or removing a box:
 *           BOXES_STEWARDS_ONLY; the chair renames one.
 *   Each refusal leaves the text, the server's state and the log as they were; another member's
 *   client receives nothing of it and keeps editing.
 *   ALLOW   A delegate removes their own delegation's bracket and adds their delegation as a sponsor;
 *           the chair agrees a bracket away and then marks the paragraph agreed, and reopens an
 *           agreed paragraph, which delegates then edit again.
 */
import type { DocumentHandle } from '@accord/client';
import { encodeStep2, encodeUpdate } from '@accord/sync/protocol';
import { ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { demoDocument } from '../src/seed/demo-data.js';
import { CollabFixture, type DemoName, eventually } from './support/collab.js';
import { findWords as find, paragraphOf, RuleProbe as Raw } from './support/room-text-y.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const TIMEOUT_MS = 5000;

const fragmentOf = (doc: Y.Doc) => doc.getXmlFragment(ROLLING_TEXT_FIELD);

/** Box `index`'s title, as the binding holds it: the boxTitle element's one text. */
function titleOf(doc: Y.Doc, index: number): Y.XmlText {
  const title = (fragmentOf(doc).get(index) as Y.XmlElement).get(0) as Y.XmlElement;
  expect(title.nodeName).toBe('boxTitle');
  return title.get(0) as Y.XmlText;
}

/** The words of the whole text as the server holds it, in the plain-text format. */
const plain = (text: unknown) => String(text);

describe('the rules of the room, enforced by the server', () => {
  let t: TestServer;
  let f: CollabFixture;
  let documentId: string;
  let seq = 0;
  const raws = new Map<DemoName, Raw>();
  /** Another member's client (the secretariat's), connected throughout: what it receives. */
  let other: DocumentHandle;
  let otherUpdates = 0;

  const serverDoc = (): Y.Doc => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, f.gateway.engine.stateOf(documentId)!);
    return doc;
  };
  /** The update a change to a copy of the server's document makes, under a fresh client id. */
  const updateOf = (change: (doc: Y.Doc) => void): Uint8Array => {
    const doc = serverDoc();
    doc.clientID = Math.floor(Math.random() * 2 ** 31);
    const before = Y.encodeStateVector(doc);
    doc.transact(() => change(doc));
    return Y.encodeStateAsUpdate(doc, before);
  };
  const send = (who: DemoName, change: (doc: Y.Doc) => void, asStep2 = false) => {
    const update = updateOf(change);
    return raws.get(who)!.send(documentId, ++seq, asStep2 ? encodeStep2(update) : encodeUpdate(update));
  };

  /** What a refusal must leave as it was: the text read over HTTP, the server's memory, the log. */
  const observed = async () => {
    await f.gateway.engine.flush();
    const text = await t.client(await f.token('observer')).get(`/api/dialogues/${f.dialogueId}/documents/${documentId}/text?format=plain`);
    const rows = await f.log.readLog(documentId);
    return { text: plain(text.body), rows: rows.length, memory: Buffer.from(f.gateway.engine.stateOf(documentId)!).toString('base64') };
  };

  /** Sends a change that must be refused with `code`, as an update and as a step 2, and checks that nothing moved. */
  async function refused(who: DemoName, change: (doc: Y.Doc) => void, code: string): Promise<string> {
    const before = await observed();
    const updatesBefore = otherUpdates;
    const answer = await send(who, change);
    expect(answer).toMatchObject({ code });
    expect(await send(who, change, true)).toMatchObject({ code });
    expect(await observed()).toEqual(before);
    expect(otherUpdates).toBe(updatesBefore);
    return (answer as { message: string }).message;
  }

  /** The other client still works: it types, is saved, and what it gets next is only a real edit. */
  async function othersUnaffected(): Promise<void> {
    const mark = `probe${seq}`;
    const run = find(other.doc, 'Box V(3)', 'responsible').run;
    run.insert(run.length, ` ${mark}`);
    await other.whenSaved();
    const updatesBefore = otherUpdates;
    expect(await send('chair', (doc) => find(doc, 'Box V(3)', 'responsible').run.insert(0, 'Chair '))).toEqual({ saved: true });
    await eventually(() => expect(find(other.doc, 'Box V(3)', 'Chair ').index).toBe(0));
    // Exactly the chair's update arrived: nothing refused before it was shared.
    expect(otherUpdates).toBe(updatesBefore + 1);
    expect(other.status).not.toBe('error');
  }

  beforeAll(async () => {
    t = await startTestServer({ env: { LOG_LEVEL: 'error' } });
    f = new CollabFixture(t);
    const chair = t.client(await f.token('chair'));
    f.dialogueId = (await chair.get('/api/dialogues')).body.dialogues[0].id;
    const list = (await chair.get(`/api/dialogues/${f.dialogueId}/documents`)).body.documents as Array<{ id: string; symbol: string }>;
    documentId = list.find((d) => d.symbol === demoDocument.symbol)!.id;
    for (const name of ['arandia', 'veloria', 'chair', 'observer', 'ngo'] as const) {
      const raw = await Raw.connect(t.url, await f.token(name), { timeoutMs: TIMEOUT_MS });
      await raw.openOrThrow(documentId);
      raws.set(name, raw);
    }
    other = await f.open('secretariat', documentId);
    other.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== null && typeof origin === 'object') otherUpdates++;
    });
  });

  afterAll(async () => {
    for (const raw of raws.values()) raw.close();
    f?.close();
    await t?.close();
  });

  it('RULE-1: a delegate setting a status is refused with STATUS_STEWARDS_ONLY', async () => {
    const reason = await refused('arandia', (doc) => paragraphOf(doc, 'Box III(1)').setAttribute('status', 'agreed_ad_ref'), 'STATUS_STEWARDS_ONLY');
    expect(reason).toBe("Box III(1): only the chair or the secretariat may change a paragraph's status");
    await refused('veloria', (doc) => paragraphOf(doc, 'Box I(1)').setAttribute('status', 'under_negotiation'), 'STATUS_STEWARDS_ONLY');
    await othersUnaffected();
  });

  it('RULE-2: a delegate editing or deleting an agreed paragraph is refused with PARAGRAPH_AGREED', async () => {
    const reason = await refused('veloria', (doc) => find(doc, 'Box I(1)', 'without prejudice').run.insert(0, 'Veloria says: '), 'PARAGRAPH_AGREED');
    expect(reason).toBe('Box I(1) is agreed: only the chair or the secretariat may reopen it');
    await refused('veloria', (doc) => find(doc, 'Box I(1)', 'without prejudice').run.delete(0, 4), 'PARAGRAPH_AGREED');
    await refused(
      'arandia',
      (doc) => {
        const paragraph = paragraphOf(doc, 'Box II(1)');
        const box = paragraph.parent as Y.XmlElement;
        box.delete(box.toArray().indexOf(paragraph), 1);
      },
      'PARAGRAPH_AGREED',
    );
    // A legitimate keystroke elsewhere in the same update does not carry it through.
    await refused(
      'arandia',
      (doc) => {
        find(doc, 'Box III(2)', 'In particular').run.insert(0, 'x');
        find(doc, 'Box V(2)', 'criminally').run.insert(0, 'y');
      },
      'PARAGRAPH_AGREED',
    );
    await othersUnaffected();
  });

  it('RULE-3: a delegate removing another delegation’s bracket or sponsor is refused with BRACKET_NOT_YOURS', async () => {
    // Box I(2): "[with lethal force]{Veloria}", taken away by Arandia: by its mark, then by its words.
    const reason = await refused(
      'arandia',
      (doc) => {
        const at = find(doc, 'Box I(2)', 'with lethal force');
        at.run.format(at.index, at.runLength, { bracket: null });
      },
      'BRACKET_NOT_YOURS',
    );
    expect(reason).toBe('Box I(2): the bracket [with lethal force] is sponsored by Veloria; only its sponsors alone, the chair or the secretariat may remove it');
    await refused(
      'arandia',
      (doc) => {
        const at = find(doc, 'Box I(2)', 'with lethal force');
        at.run.delete(at.index, at.runLength);
      },
      'BRACKET_NOT_YOURS',
    );
    // Some of its words taken out of it.
    const partly = await refused(
      'arandia',
      (doc) => {
        const at = find(doc, 'Box I(2)', 'with lethal force');
        at.run.format(at.index, 5, { bracket: null });
      },
      'BRACKET_NOT_YOURS',
    );
    expect(partly).toContain('may take words out of it');
    // Box II(4, Alt 2): "[Meaningful human control]{Arandia, Solmar}", Veloria withdrawing Solmar; Arandia removing it whole.
    const withdrawn = await refused(
      'veloria',
      (doc) => {
        const at = find(doc, 'Box II(4, Alt 2)', 'Meaningful human control');
        at.run.format(at.index, at.runLength, { bracket: { ...at.bracket!, sponsors: ['Arandia'] } });
      },
      'BRACKET_NOT_YOURS',
    );
    expect(withdrawn).toContain('withdraw Solmar as sponsor of [Meaningful human control]');
    await refused(
      'arandia',
      (doc) => {
        const at = find(doc, 'Box II(4, Alt 2)', 'Meaningful human control');
        at.run.format(at.index, at.runLength, { bracket: null });
      },
      'BRACKET_NOT_YOURS',
    );
    await othersUnaffected();
  });

  it('RULE-4: anyone, the chair too, marking a paragraph with open brackets agreed is refused with OPEN_BRACKETS', async () => {
    const reason = await refused('chair', (doc) => paragraphOf(doc, 'Box III(1)').setAttribute('status', 'agreed'), 'OPEN_BRACKETS');
    expect(reason).toBe('Box III(1) still has 4 open brackets: [High Contracting Parties], [States], [shall], [should]');
    await refused('chair', (doc) => paragraphOf(doc, 'Box IV(4)').setAttribute('status', 'agreed'), 'OPEN_BRACKETS');
    await othersUnaffected();
  });

  it('RULE-5: civil society and observers writing are refused with READ_ONLY', async () => {
    for (const reader of ['observer', 'ngo'] as const) {
      const before = await observed();
      const answer = await send(reader, (doc) => find(doc, 'Box III(2)', 'In particular').run.insert(0, 'x'));
      expect(answer).toMatchObject({ code: 'READ_ONLY' });
      expect(await observed()).toEqual(before);
    }
    await othersUnaffected();
  });

  it('RULE-BOX: a delegate renaming, adding or removing a box is refused with BOXES_STEWARDS_ONLY; the chair renames one', async () => {
    const reason = await refused('arandia', (doc) => titleOf(doc, 2).insert(0, 'Arandia’s '), 'BOXES_STEWARDS_ONLY');
    expect(reason).toBe('Box III: only the chair or the secretariat may change a box title');
    await refused('veloria', (doc) => titleOf(doc, 4).delete(0, titleOf(doc, 4).length), 'BOXES_STEWARDS_ONLY');
    await refused(
      'arandia',
      (doc) => {
        const box = new Y.XmlElement('box');
        box.setAttribute('id', 'box-arandia');
        const title = new Y.XmlElement('boxTitle');
        title.insert(0, [new Y.XmlText('Arandia’s own box')]);
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.setAttribute('id', 'p-arandia');
        paragraph.insert(0, [new Y.XmlElement('paragraphText')]);
        box.insert(0, [title, paragraph]);
        fragmentOf(doc).insert(fragmentOf(doc).length, [box]);
      },
      'BOXES_STEWARDS_ONLY',
    );
    await othersUnaffected();
    expect(await send('chair', (doc) => titleOf(doc, 2).insert(0, 'General '))).toEqual({ saved: true });
    await eventually(() => expect(titleOf(other.doc, 2).toString()).toMatch(/^General /));
  });

  it('ALLOW: a delegate removes their own bracket and adds their delegation as a sponsor', async () => {
    // Box II(3)(c): "[in a timely manner]{Arandia}".
    expect(
      await send('arandia', (doc) => {
        const at = find(doc, 'Box II(3)', 'in a timely manner');
        at.run.format(at.index, at.runLength, { bracket: null });
      }),
    ).toEqual({ saved: true });
    expect(find(serverDoc(), 'Box II(3)', 'in a timely manner').bracket).toBeNull();
    // Box I(2): Arandia joins Veloria's "[with lethal force]".
    expect(
      await send('arandia', (doc) => {
        const at = find(doc, 'Box I(2)', 'with lethal force');
        at.run.format(at.index, at.runLength, { bracket: { ...at.bracket!, sponsors: ['Veloria', 'Arandia'] } });
      }),
    ).toEqual({ saved: true });
    expect(find(serverDoc(), 'Box I(2)', 'with lethal force').bracket?.sponsors).toEqual(['Veloria', 'Arandia']);
    // Typing inside another delegation's bracket is editing its words.
    expect(await send('veloria', (doc) => find(doc, 'Box II(4, Alt 2)', 'Meaningful').run.insert(find(doc, 'Box II(4, Alt 2)', 'human').index, 'and effective '))).toEqual({
      saved: true,
    });
  });

  it('ALLOW: the chair agrees a bracket away, marks the paragraph agreed, and reopens an agreed paragraph', async () => {
    // Box IV(4): "[, while respecting national security and commercial confidentiality]{Veloria}".
    expect(
      await send('chair', (doc) => {
        const at = find(doc, 'Box IV(4)', 'while respecting');
        at.run.format(at.index - 2, at.runLength, { bracket: null });
      }),
    ).toEqual({ saved: true });
    expect(await send('chair', (doc) => paragraphOf(doc, 'Box IV(4)').setAttribute('status', 'agreed'))).toEqual({ saved: true });
    expect(paragraphOf(serverDoc(), 'Box IV(4)').getAttribute('status')).toBe('agreed');
    // Now locked for delegates.
    await refused('veloria', (doc) => find(doc, 'Box IV(4)', 'good practices').run.insert(0, 'x'), 'PARAGRAPH_AGREED');
    // The chair reopens Box I(1); a delegate edits it again.
    expect(await send('chair', (doc) => paragraphOf(doc, 'Box I(1)').setAttribute('status', 'under_negotiation'))).toEqual({ saved: true });
    expect(await send('arandia', (doc) => find(doc, 'Box I(1)', 'without prejudice').run.insert(0, 'Arandia: '))).toEqual({ saved: true });
    await eventually(() => expect(find(other.doc, 'Box I(1)', 'Arandia: ').index).toBe(0));
  });
});
