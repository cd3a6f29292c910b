/**
 * The server accepts only what the rolling-text schema allows (issue 9, faults 1 and 3), over real
 * sockets against a real server. Rules:
 *   SCHEMA-1  An update that puts an unknown mark on the text is refused whole with CONTENT_REFUSED,
 *             naming the mark; nothing of it is applied, stored or sent to anyone, and the text
 *             endpoint still answers with the text unchanged.
 *   SCHEMA-2  Attribute values of the wrong type (an object as a status, a string as sponsors, a
 *             footnote whose text is not a string) are refused the same way.
 *   SCHEMA-3  What the server writes (the five-box template, the demo text) and what the editor
 *             writes pass the same check.
 *   SCHEMA-4  The check is replaced only through startServer's dependencies (the benchmark measures
 *             the engine without it); a server started from configuration always checks.
 * A refusal is logged at most as a warning.
 */
import { encodeStep2, encodeUpdate } from '@accord/sync/protocol';
import { checkRollingTextUpdate, ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { demoDocument } from '../src/seed/demo-data.js';
import { CollabFixture, eventually } from './support/collab.js';
import { RawConnection } from './support/raw-socket.js';
import { draft, draftOf, paragraphTextElement } from './support/rolling-text.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { ERROR_LEVEL, type LogLine, captureLog } from './support/server-log.js';

const TIMEOUT_MS = 3000;

/** A client that speaks the wire protocol directly, as an attacker's script would. */
class Raw extends RawConnection {
  /** Sends one message and waits for its answer: saved, or refused with a code and a message. */
  async send(documentId: string, seq: number, message: Uint8Array): Promise<{ saved: true } | { code: string; message: string }> {
    this.y(documentId, seq, message);
    const { name, args } = await this.reply(documentId, seq);
    return name === 'saved' ? { saved: true } : { code: args[2].code, message: args[2].message };
  }
}

/** Every text run of box `box` (0-based), wherever it is: paragraph text and sub-paragraphs. */
function runsOf(doc: Y.Doc, box: number): Y.XmlText[] {
  const runs: Y.XmlText[] = [];
  const walk = (element: Y.XmlElement) => {
    for (const child of element.toArray()) {
      if (child instanceof Y.XmlText) runs.push(child);
      else if (child instanceof Y.XmlElement) walk(child);
    }
  };
  walk(doc.getXmlFragment(ROLLING_TEXT_FIELD).get(box) as Y.XmlElement);
  return runs;
}

/** Box `box`'s (0-based) first paragraph. */
function paragraphOf(doc: Y.Doc, box: number): Y.XmlElement {
  return (doc.getXmlFragment(ROLLING_TEXT_FIELD).get(box) as Y.XmlElement).get(1) as Y.XmlElement;
}

describe('the server accepts only what the rolling-text schema allows', () => {
  let t: TestServer;
  let f: CollabFixture;
  let log: LogLine[];
  let documentId: string;
  let attacker: Raw;
  let seq = 0;

  /** The update a change to a copy of the server's document makes. */
  const updateOf = (change: (doc: Y.Doc) => void): Uint8Array => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, f.gateway.engine.stateOf(documentId)!);
    const before = Y.encodeStateVector(doc);
    change(doc);
    return Y.encodeStateAsUpdate(doc, before);
  };

  /** What must not change: the text as the endpoint answers it, the stored log, the server's state. */
  const observed = async () => {
    const text = await t.client(await f.token('observer')).get(`/api/dialogues/${f.dialogueId}/documents/${documentId}/text?format=plain`);
    const rows = await f.log.readLog(documentId);
    return {
      status: text.status,
      text: text.body as string,
      rows: rows.length,
      log: Buffer.concat(rows.map((row) => Buffer.from(row.update))).toString('base64'),
      memory: Buffer.from(f.gateway.engine.stateOf(documentId)!).toString('base64'),
    };
  };

  beforeAll(async () => {
    t = await startTestServer({ env: { LOG_LEVEL: 'warn' } });
    log = captureLog(t);
    f = new CollabFixture(t);
    documentId = await f.createDocument();
    // Box III holds words, a bracket and a footnote, typed by the chair as the editor writes them.
    const chair = await f.open('chair', documentId);
    chair.doc.transact(() => {
      const text = draft(chair.doc, 2);
      text.insert(0, 'States shall ');
      text.insert(text.length, 'prohibit', { bracket: { id: 'brkt00000001', sponsors: ['Arandia', 'Veloria'] } });
      text.insert(text.length, ' such systems.', { bracket: null });
      const note = new Y.XmlElement('footnote');
      note.setAttribute('id', 'note00000001');
      note.setAttribute('text', 'See CCW/GGE.1/2023/2.');
      paragraphTextElement(chair.doc, 2).insert(1, [note, new Y.XmlText('After the note.')]);
    });
    await chair.whenSaved();
    attacker = await Raw.connect(t.url, await f.token('arandia'), { timeoutMs: TIMEOUT_MS });
    await attacker.openOrThrow(documentId);
  });

  afterAll(async () => {
    attacker?.close();
    f?.close();
    await t?.close();
  });

  it('SCHEMA-1: refuses an unknown mark on every run of Box III, whole, as an update and as a step 2; the text still reads', async () => {
    const before = await observed();
    expect(before.status).toBe(200);
    expect(before.text).toContain('States shall [prohibit]{Arandia, Veloria} such systems.^[See CCW/GGE.1/2023/2.]After the note.');
    const evil = updateOf((doc) => {
      for (const run of runsOf(doc, 2)) run.format(0, 1, { evil: true });
      // A legitimate edit in the same update is refused with it: nothing is applied in part.
      draft(doc, 0).insert(0, 'Harmless words. ');
    });
    for (const message of [encodeUpdate(evil), encodeStep2(evil)]) {
      const answer = await attacker.send(documentId, ++seq, message);
      expect(answer).toEqual({ code: 'CONTENT_REFUSED', message: 'unknown mark "evil"' });
    }
    // Another editor opening the text finds nothing to repair, so writes nothing.
    const reader = await f.open('veloria', documentId);
    expect(draftOf(reader.doc, 2)).toBe('States shall prohibit such systems.After the note.');
    await f.gateway.engine.flush();
    expect(await observed()).toEqual(before);
    expect(log.filter((line) => line.level >= ERROR_LEVEL)).toEqual([]);
  });

  it('SCHEMA-2: refuses attribute values of the wrong type, naming what is wrong', async () => {
    const cases: Array<[string, (doc: Y.Doc) => void, RegExp]> = [
      ['an object as a status', (doc) => paragraphOf(doc, 2).setAttribute('status', { toString: 1 } as never), /^a paragraph\.status must be one of .*, got \{"toString":1\}$/],
      ['a status outside the list', (doc) => paragraphOf(doc, 0).setAttribute('status', 'adopted'), /^a paragraph\.status must be one of/],
      ['a string as sponsors', (doc) => draft(doc, 2).format(0, 3, { bracket: { id: 'brkt00000002', sponsors: 'Arandia' } }), /^the bracket mark\.sponsors must be an array/],
      ['a number as a footnote text', (doc) => {
        const note = new Y.XmlElement('footnote');
        note.setAttribute('text', 42 as never);
        paragraphTextElement(doc, 1).insert(0, [note]);
      }, /^a footnote\.text must be a string/],
      ['a footnote id that is markup', (doc) => {
        const note = new Y.XmlElement('footnote');
        note.setAttribute('id', '"><script>' as never);
        paragraphTextElement(doc, 1).insert(0, [note]);
      }, /^a footnote\.id must be null or an id/],
      ['a huge paragraph number', (doc) => paragraphOf(doc, 3).setAttribute('num', 1e12 as never), /^a paragraph\.num must be null or an integer from 0 to 9999/],
      ['a negative sub-paragraph number', (doc) => {
        const sub = new Y.XmlElement('subparagraph');
        sub.setAttribute('num', -3 as never);
        paragraphOf(doc, 3).insert(1, [sub]);
      }, /^a subparagraph\.num must be null or an integer/],
      ['an element the schema does not know', (doc) => doc.getXmlFragment(ROLLING_TEXT_FIELD).insert(0, [new Y.XmlElement('script')]), /^"script" is not an element of the rolling text$/],
      ['a free-standing Y.Text', (doc) => doc.getText('text').insert(0, 'hello'), /^unknown root type "text"/],
    ];
    const before = await observed();
    for (const [name, change, reason] of cases) {
      const answer = await attacker.send(documentId, ++seq, encodeUpdate(updateOf(change)));
      expect(answer, name).toMatchObject({ code: 'CONTENT_REFUSED' });
      expect((answer as { message: string }).message, name).toMatch(reason);
    }
    await f.gateway.engine.flush();
    expect(await observed()).toEqual(before);
    expect(log.filter((line) => line.level >= ERROR_LEVEL)).toEqual([]);
  });

  it('SCHEMA-3: what the server writes passes the check: every stored update of a new document and of the demo text', async () => {
    const chair = t.client(await f.token('chair'));
    const list = (await chair.get(`/api/dialogues/${f.dialogueId}/documents`)).body.documents as Array<{ id: string; symbol: string }>;
    const demoId = list.find((d) => d.symbol === demoDocument.symbol)!.id;
    for (const id of [await f.createDocument(), demoId, documentId]) {
      const doc = new Y.Doc();
      for (const row of await f.log.readLog(id)) {
        expect(checkRollingTextUpdate(doc, row.update), `${id} seq ${row.seq}`).toEqual({ ok: true });
        Y.applyUpdate(doc, row.update);
      }
    }
  });

  it('SCHEMA-3: an editor types, brackets, sets a status and deletes; each is saved', async () => {
    // The chair: a delegate may not set a status (the rules of the room, room-rules.test.ts).
    const handle = await f.open('chair', documentId);
    const text = draft(handle.doc, 4);
    text.insert(0, 'Accountability rests with States.');
    await handle.whenSaved();
    text.format(0, 14, { bracket: { id: 'brkt00000003', sponsors: ['Veloria'] }, em: {} });
    await handle.whenSaved();
    ((handle.doc.getXmlFragment(ROLLING_TEXT_FIELD).get(4) as Y.XmlElement).get(1) as Y.XmlElement).setAttribute('status', 'agreed_ad_ref');
    await handle.whenSaved();
    text.delete(0, 15);
    await handle.whenSaved();
    await eventually(async () => {
      const res = await t.client(await f.token('observer')).get(`/api/dialogues/${f.dialogueId}/documents/${documentId}/text?format=plain`);
      expect(res.body).toContain('1. rests with States. {agreed ad ref}');
    });
  });
});

describe('SCHEMA-4: the check is replaced only through startServer', () => {
  it('a server given another check through its dependencies uses it; the default refuses the same update', async () => {
    for (const [contentCheck, expected] of [
      [undefined, 'CONTENT_REFUSED'],
      [() => ({ ok: true as const }), 'saved'],
    ] as const) {
      const t = await startTestServer(contentCheck ? { contentCheck } : {});
      const f = new CollabFixture(t);
      try {
        const documentId = await f.createDocument();
        const raw = await Raw.connect(t.url, await f.token('arandia'), { timeoutMs: TIMEOUT_MS });
        await raw.openOrThrow(documentId);
        const doc = new Y.Doc();
        doc.getText('benchProbe').insert(0, 'x');
        const answer = await raw.send(documentId, 1, encodeUpdate(Y.encodeStateAsUpdate(doc)));
        expect('saved' in answer ? 'saved' : answer.code).toBe(expected);
        raw.close();
      } finally {
        f.close();
        await t.close();
      }
    }
  });
});
