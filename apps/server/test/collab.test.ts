/**
 * Real-time collaboration over real sockets against a real server and database: convergence, the
 * stored log, read-only roles, and access that changes while documents are open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { INITIAL_CONTENT_CONNECTION_ID, INITIAL_CONTENT_SESSION_ID } from '../src/collab/document-log.repository.js';
import { draft, draftOf } from './support/rolling-text.js';
import { CollabFixture, eventually } from './support/collab.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let t: TestServer;
let f: CollabFixture;

beforeAll(async () => {
  t = await startTestServer();
  f = new CollabFixture(t);
});

afterAll(async () => {
  f?.close();
  await t?.close();
});

describe('convergence', () => {
  it('10 clients editing at once converge, and replaying the stored log gives the server state exactly', async () => {
    const documentId = await f.createDocument();
    const editors = ['chair', 'secretariat', 'arandia', 'veloria'] as const;
    const handles = await Promise.all(Array.from({ length: 10 }, (_, i) => f.open(editors[i % editors.length]!, documentId)));
    await Promise.all(
      handles.map(async (handle, i) => {
        // Each client types into a text run of its own in Box I(1) (concurrently made), as far as it knows.
        const text = draft(handle.doc);
        for (let n = 0; n < 30; n++) {
          if (n % 7 === 6 && text.length > 3) text.delete((i * 13 + n) % (text.length - 2), 2);
          else text.insert((i * 7 + n) % (text.length + 1), String.fromCharCode(97 + i));
          if (n % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        }
      }),
    );
    await Promise.all(handles.map((handle) => handle.whenSaved()));
    const expected = f.serverText(documentId);
    await eventually(() => {
      for (const handle of handles) expect(draftOf(handle.doc)).toBe(expected);
    });
    expect(expected.length).toBeGreaterThan(100);
    expect(await f.storedText(documentId)).toBe(expected);
    const replayed = new Y.Doc();
    for (const row of await f.log.readLog(documentId)) Y.applyUpdate(replayed, row.update);
    expect(Y.encodeStateVector(replayed)).toEqual(Y.encodeStateVector(((d) => (Y.applyUpdate(d, f.gateway.engine.stateOf(documentId)!), d))(new Y.Doc())));
    for (const handle of handles) expect(handle.status).toBe('saved');
  });

  it('stamps every stored update with the server-known user, session and connection', async () => {
    const documentId = await f.createDocument();
    const handle = await f.open('arandia', documentId);
    draft(handle.doc).insert(0, 'Box III(2)(a) [shall][should]');
    await handle.whenSaved();
    const [initial, ...rows] = await f.log.readLog(documentId);
    // The first update is the content the server wrote when the chair created the document.
    expect(initial).toMatchObject({ seq: 1, sessionId: INITIAL_CONTENT_SESSION_ID, connectionId: INITIAL_CONTENT_CONNECTION_ID });
    expect(rows.length).toBeGreaterThan(0);
    const me = (await t.client(await f.token('arandia')).get('/api/me')).body;
    for (const row of rows) {
      expect(row.userId).toBe(me.user?.id ?? me.id);
      expect(row.sessionId).toMatch(/\S/);
      expect(row.connectionId).toMatch(/\S/);
    }
    expect([initial, ...rows].map((r) => r!.seq)).toEqual([initial, ...rows].map((_, i) => i + 1));
  });
});
