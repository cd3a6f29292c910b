/**
 * Content starts on the server: a new document's log begins with the five-box template, the demo
 * document's with the demo text, each written once, in the transaction that creates the document.
 * And the text endpoint reads a document as the server holds it: the open room, or else storage.
 */
import { documents } from '@accord/db';
import { createTestDatabase, type TestDatabase } from '@accord/db/testing';
import { CCW_BOX_TITLES, emptyRollingText, fromJSON, fromPlainText, toPlainText } from '@accord/text';
import { fromYDoc, ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CollabGateway } from '../src/collab/collab.gateway.js';
import { INITIAL_CONTENT_CONNECTION_ID, INITIAL_CONTENT_SESSION_ID } from '../src/collab/document-log.repository.js';
import { DemoSeeder } from '../src/seed/demo-seeder.js';
import { demoDocument } from '../src/seed/demo-data.js';
import { demoRollingText } from '@accord/text/demo';
import { CollabFixture } from './support/collab.js';
import { snapshot } from './support/snapshot.js';
import { storeLegacyUpdate } from './support/rolling-text.js';
import { type ApiClient, demo, startTestServer, type TestServer } from './support/test-server.js';

let database: TestDatabase;
let t: TestServer;
let f: CollabFixture;
let dialogueId: string;
let demoDocumentId: string;
const template = toPlainText(emptyRollingText());

beforeAll(async () => {
  database = await createTestDatabase();
  t = await startTestServer({ database });
  f = new CollabFixture(t);
  const chair = t.client(await f.token('chair'));
  dialogueId = (await chair.get('/api/dialogues')).body.dialogues[0].id;
  f.dialogueId = dialogueId;
  const list = (await chair.get(`/api/dialogues/${dialogueId}/documents`)).body.documents as Array<{ id: string; symbol: string }>;
  demoDocumentId = list.find((d) => d.symbol === demoDocument.symbol)!.id;
});

afterAll(async () => {
  f?.close();
  await t?.close();
  await database?.close();
});

const textOf = (doc: Y.Doc) => toPlainText(fromYDoc(doc));
const textPath = (documentId: string, dialogue = dialogueId) => `/api/dialogues/${dialogue}/documents/${documentId}/text`;

async function userId(name: keyof typeof demo): Promise<string> {
  return (await t.client(await f.token(name)).get('/api/me')).body.user.id;
}

async function api(name: keyof typeof demo, server: TestServer = t): Promise<ApiClient> {
  return server === t ? t.client(await f.token(name)) : server.login(demo[name].email);
}

/**
 * Drafts Box I(1) as the editor would, through the same Yjs mapping: words in the paragraph's text,
 * a bracket with its sponsor as a formatting attribute.
 */
function draftFirstParagraph(doc: Y.Doc): void {
  const box = doc.getXmlFragment(ROLLING_TEXT_FIELD).get(0) as Y.XmlElement;
  const paragraph = box.get(1) as Y.XmlElement;
  const paragraphText = paragraph.get(0) as Y.XmlElement;
  expect([box.nodeName, paragraph.nodeName, paragraphText.nodeName]).toEqual(['box', 'paragraph', 'paragraphText']);
  doc.transact(() => {
    if (!(paragraphText.get(0) instanceof Y.XmlText)) paragraphText.insert(0, [new Y.XmlText()]);
    const text = paragraphText.get(0) as Y.XmlText;
    text.insert(0, 'Each State ');
    text.insert(text.length, 'shall', { bracket: { id: 'bracket-draft-1', sponsors: ['Arandia'] } });
    text.insert(text.length, ' retain human judgement over every use of force.', { bracket: null });
  });
}
const drafted = template.replace('\n1.\n', '\n1. Each State [shall]{Arandia} retain human judgement over every use of force.\n');

describe('content starts on the server', () => {
  it('a new document holds one update, the five-box template, written by the server for its creator', async () => {
    const documentId = await f.createDocument();
    const rows = await f.log.readLog(documentId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      seq: 1,
      userId: await userId('chair'),
      sessionId: INITIAL_CONTENT_SESSION_ID,
      connectionId: INITIAL_CONTENT_CONNECTION_ID,
    });
    const replayed = new Y.Doc();
    Y.applyUpdate(replayed, rows[0]!.update);
    expect(textOf(replayed)).toBe(template);
    for (const [i, title] of CCW_BOX_TITLES.entries()) expect(template).toContain(`Box ${['I', 'II', 'III', 'IV', 'V'][i]}. ${title}\n`);
  });

  it('two clients opening a new document at once each receive the template once, and write nothing', async () => {
    const documentId = await f.createDocument();
    const [delegate, secretariat] = await Promise.all([f.open('arandia', documentId), f.open('secretariat', documentId)]);
    expect(textOf(delegate.doc)).toBe(template);
    expect(textOf(secretariat.doc)).toBe(template);
    await Promise.all([delegate.whenSaved(), secretariat.whenSaved()]);
    await f.gateway.engine.flush();
    expect(await f.log.countUpdates(documentId)).toBe(1);
    expect(textOf(delegate.doc)).toBe(template);
  });

  it("the demo document opens with the demo rolling text: the chair's Rev.1, written once by the seeder, and the room's four changes since", async () => {
    const observer = await f.open('observer', demoDocumentId);
    expect(textOf(observer.doc)).toBe(toPlainText(fromPlainText(demoRollingText)));
    const rows = await f.log.readLog(demoDocumentId);
    expect(rows.map((r) => [r.seq, r.userId, r.connectionId])).toEqual([
      [1, await userId('chair'), INITIAL_CONTENT_CONNECTION_ID],
      [2, await userId('veloria'), 'seed'],
      [3, await userId('veloria'), 'seed'],
      [4, await userId('chair'), 'seed'],
      [5, await userId('arandia'), 'seed'],
    ]);
  });

  it('seeding again, concurrently or on a restarted server, adds no content', async () => {
    const seeder = t.server.app.get(DemoSeeder);
    const again = await Promise.all([seeder.run(), seeder.run()]);
    expect(again.map((r) => r.seeded)).toEqual([false, false]);

    const restarted = await startTestServer({ database });
    try {
      expect(restarted.server.seed?.seeded).toBe(false);
      const reopened = new CollabFixture(restarted);
      try {
        const handle = await reopened.open('veloria', demoDocumentId);
        expect(textOf(handle.doc)).toBe(demoRollingText);
      } finally {
        reopened.close();
      }
    } finally {
      await restarted.close();
    }
    expect(await f.log.countUpdates(demoDocumentId)).toBe(5);
    const chair = t.client(await f.token('chair'));
    const list = (await chair.get(`/api/dialogues/${dialogueId}/documents`)).body.documents as Array<{ symbol: string }>;
    expect(list.filter((d) => d.symbol === demoDocument.symbol)).toHaveLength(1);
  });

  it('a document created before content started on the server reads as empty, and opening it writes nothing', async () => {
    const [old] = await t.db
      .insert(documents)
      .values({ dialogueId, title: 'An older text', symbol: 'T15/AWS/2025/OLD', createdBy: await userId('chair') })
      .returning();
    const reader = await api('observer');
    expect((await reader.get(textPath(old!.id))).body).toEqual({ documentId: old!.id, seq: 0, text: '', content: null });
    const plain = await reader.get(`${textPath(old!.id)}?format=plain`);
    expect([plain.status, plain.body]).toEqual([200, '']);

    const handle = await f.open('chair', old!.id);
    await handle.whenSaved();
    await f.gateway.engine.flush();
    expect(handle.doc.getXmlFragment(ROLLING_TEXT_FIELD).length).toBe(0);
    expect(await f.log.countUpdates(old!.id)).toBe(0);
  });
});

describe('GET /api/dialogues/:dialogueId/documents/:documentId/text', () => {
  it('answers a member with the text and its ProseMirror content, or with the text alone as text/plain', async () => {
    const observer = await api('observer');
    const json = await observer.get(textPath(demoDocumentId));
    expect(json.status).toBe(200);
    expect(json.body).toEqual({ documentId: demoDocumentId, seq: expect.any(Number), text: demoRollingText, content: expect.objectContaining({ type: 'doc' }) });
    expect(toPlainText(fromJSON(json.body.content))).toBe(demoRollingText);

    const plain = await observer.get(`${textPath(demoDocumentId)}?format=plain`);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(plain.body).toBe(demoRollingText);
    expect((await observer.get(`${textPath(demoDocumentId)}?format=json`)).body).toEqual(json.body);
  });

  it('reads a document nobody has open from storage, without opening it or writing anything', async () => {
    const documentId = await f.createDocument();
    const before = await snapshot(t.db);
    const res = await (await api('arandia')).get(textPath(documentId));
    expect([res.status, res.body.text]).toEqual([200, template]);
    expect(f.gateway.engine.stateOf(documentId)).toBeNull();
    expect(await snapshot(t.db)).toBe(before);
  });

  it('shows a client edit once it is acknowledged, from the open room and, after a restart, from storage', async () => {
    const documentId = await f.createDocument();
    const handle = await f.open('arandia', documentId);
    draftFirstParagraph(handle.doc);
    expect(textOf(handle.doc)).toBe(drafted);
    await handle.whenSaved();
    expect((await (await api('veloria')).get(`${textPath(documentId)}?format=plain`)).body).toBe(drafted);

    // A server that never opened the document replays the stored log.
    const restarted = await startTestServer({ database });
    try {
      const res = await (await api('ngo', restarted)).get(`${textPath(documentId)}?format=plain`);
      expect([res.status, res.body]).toEqual([200, drafted]);
      expect(restarted.server.app.get(CollabGateway).engine.stateOf(documentId)).toBeNull();
    } finally {
      await restarted.close();
    }
  });

  // Texts stored before the server checked content against the schema (issue 9, fault 3): written
  // straight into the log, as such a server would have stored them.
  it('reads a text a writer bent out of the schema: a huge label claim, a paragraph without text, one outside any box', async () => {
    const documentId = await f.createDocument();
    await storeLegacyUpdate(f.log, documentId, (doc) => {
      const fragment = doc.getXmlFragment(ROLLING_TEXT_FIELD);
      const paragraph = (fragment.get(0) as Y.XmlElement).get(1) as Y.XmlElement;
      const sub = new Y.XmlElement('subparagraph');
      // Lettered "(aaa…)": 200 million letters, if the claim were honoured. (The binding stores numbers;
      // Yjs types attributes as strings.)
      sub.setAttribute('num', (26 * 200_000_000) as unknown as string);
      paragraph.insert(1, [sub]);
      const bare = new Y.XmlElement('paragraph');
      bare.setAttribute('num', 2 as unknown as string);
      (fragment.get(1) as Y.XmlElement).insert(2, [bare]);
      fragment.insert(0, [new Y.XmlElement('paragraph')]);
    });
    const res = await (await api('observer')).get(`${textPath(documentId)}?format=plain`);
    expect(res.status).toBe(200);
    expect(res.body).toBe(template.replace('\n1.\n', '\n1.\n   (a)\n').replace(`${CCW_BOX_TITLES[1]}\n\n1.\n`, `${CCW_BOX_TITLES[1]}\n\n1.\n2.\n`));
  });

  it('answers 409 TEXT_UNREADABLE, not a 500, for an element the rolling text does not know', async () => {
    const documentId = await f.createDocument();
    await storeLegacyUpdate(f.log, documentId, (doc) => doc.getXmlFragment(ROLLING_TEXT_FIELD).insert(0, [new Y.XmlElement('script')]));
    const res = await (await api('observer')).get(textPath(documentId));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('TEXT_UNREADABLE');
    expect(res.body.error.message).toMatch(/script/);
  });

  it('answers 200, not a 500, for attribute values of any type: footnotes, statuses, sponsors, numbers, ids', async () => {
    const hostile = { toString: 1, valueOf: 1 };
    const documentId = await f.createDocument();
    await storeLegacyUpdate(f.log, documentId, (doc) => {
      const fragment = doc.getXmlFragment(ROLLING_TEXT_FIELD);
      const paragraphOf = (box: number) => (fragment.get(box) as Y.XmlElement).get(1) as Y.XmlElement;
      const notes = [hostile, 42, null, ['a'], { text: 'x' }].map((text, i) => {
        const note = new Y.XmlElement('footnote');
        note.setAttribute('id', (i === 0 ? hostile : `note${i}`) as never);
        note.setAttribute('text', text as never);
        return note;
      });
      (paragraphOf(0).get(0) as Y.XmlElement).insert(0, [new Y.XmlText('Words'), ...notes]);
      paragraphOf(0).setAttribute('status', hostile as never);
      paragraphOf(1).setAttribute('num', 'two' as never);
      paragraphOf(1).setAttribute('sfx', hostile as never);
      paragraphOf(2).setAttribute('alt', hostile as never);
      paragraphOf(2).setAttribute('id', hostile as never);
      const text = new Y.XmlText();
      (paragraphOf(3).get(0) as Y.XmlElement).insert(0, [text]);
      text.insert(0, 'bracketed', { bracket: { id: hostile, sponsors: 'Arandia' } });
      text.insert(text.length, ' more', { bracket: { id: 'b2', sponsors: [hostile, 7, 'Veloria'] } });
      text.insert(text.length, ' and', { bracket: true });
    });
    for (const format of ['json', 'plain']) {
      const res = await (await api('observer')).get(`${textPath(documentId)}?format=${format}`);
      expect([format, res.status]).toEqual([format, 200]);
      if (format === 'plain') expect(res.body).toContain('Words');
    }
  });

  it('refuses non-members, anonymous callers, documents of other dialogues and bad input, changing nothing', async () => {
    // The observer chairs a dialogue of their own, which nobody else belongs to.
    const observer = await api('observer');
    const own = (await observer.post('/api/dialogues', { title: 'A dialogue of my own' })).body.id as string;
    const ownDocument = (await observer.post(`/api/dialogues/${own}/documents`, { title: 'Draft', symbol: 'OWN/1' })).body.id as string;
    expect((await observer.get(textPath(ownDocument, own))).body.text).toBe(template);
    const delegate = await api('arandia');

    const cases: Array<[string, () => Promise<{ status: number; body: any }>, number, string, string[]]> = [
      ['a member of another dialogue', () => delegate.get(textPath(ownDocument, own)), 403, 'NOT_A_MEMBER', []],
      ['an anonymous caller', () => t.client().get(textPath(demoDocumentId)), 401, 'UNAUTHENTICATED', []],
      ["another dialogue's document through this dialogue", () => delegate.get(textPath(ownDocument)), 404, 'NOT_FOUND', []],
      ['an unknown document', () => delegate.get(textPath(crypto.randomUUID())), 404, 'NOT_FOUND', []],
      ['an unknown dialogue', () => delegate.get(textPath(demoDocumentId, crypto.randomUUID())), 404, 'NOT_FOUND', []],
      ['a document id that is not a UUID', () => delegate.get(textPath('not-a-uuid')), 400, 'VALIDATION_FAILED', ['documentId']],
      ['a dialogue id that is not a UUID', () => delegate.get(textPath(demoDocumentId, '42')), 400, 'VALIDATION_FAILED', ['dialogueId']],
      ['an unknown format', () => delegate.get(`${textPath(demoDocumentId)}?format=html`), 400, 'VALIDATION_FAILED', ['format']],
      ['a format given twice', () => delegate.get(`${textPath(demoDocumentId)}?format=plain&format=json`), 400, 'VALIDATION_FAILED', ['format']],
    ];
    for (const [name, send, status, code, fields] of cases) {
      const before = await snapshot(t.db);
      const res = await send();
      expect([res.status, res.body.error?.code], name).toEqual([status, code]);
      expect(res.body.error.fields?.map((field: { field: string }) => field.field) ?? [], name).toEqual(fields);
      expect(JSON.stringify(res.body), name).not.toContain('Each State');
      expect(await snapshot(t.db), name).toBe(before);
    }
  });
});
