/**
 * A document id has one spelling. PostgreSQL reads an upper-case uuid as the same document, but the
 * engine keys rooms by the text it is given: a second spelling would load a second room, take the
 * lease again with a higher epoch, and so close the first room under every editor (found by the
 * hostile review of issue 15). The socket answers NOT_FOUND; the server's own writes use the lower case.
 */
import { encodeUpdate } from '@accord/sync/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { demoDocument } from '../src/seed/demo-data.js';
import { eventually } from './support/eventually.js';
import { RawConnection } from './support/raw-socket.js';
import { draft, paragraphTextElement } from './support/rolling-text.js';
import { demo, startTestServer, type TestServer } from './support/test-server.js';

describe('one spelling per document id', () => {
  let t: TestServer;
  let documentId: string;
  const raws: RawConnection[] = [];

  beforeAll(async () => {
    t = await startTestServer({ env: { LOG_LEVEL: 'silent' } });
    const chair = await t.login(demo.chair.email);
    const dialogueId = (await chair.get('/api/dialogues')).body.dialogues[0].id;
    const documents = (await chair.get(`/api/dialogues/${dialogueId}/documents`)).body.documents as Array<{ id: string; symbol: string }>;
    documentId = documents.find((d) => d.symbol === demoDocument.symbol)!.id;
  }, 120_000);

  afterAll(async () => {
    for (const raw of raws) raw.socket.close();
    await t?.close();
  });

  it('an upper-case id is NOT_FOUND, and the document stays open for those who have it', async () => {
    const chair = await RawConnection.connect(t.url, (await t.login(demo.chair.email)).token!, { timeoutMs: 10_000 });
    const other = await RawConnection.connect(t.url, (await t.login(demo.arandia.email)).token!, { timeoutMs: 10_000 });
    raws.push(chair, other);
    await chair.openOrThrow(documentId);
    const closedBefore = chair.received.filter((r) => r.name === 'closed').length;

    const refused = await other.open(documentId.toUpperCase());
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // The chair's room kept its lease: the chair's next edit is stored and acknowledged, not refused
    // as another room's (with a second room it was closed DOCUMENT_MOVED).
    const copy = chair.follow(documentId);
    await eventually(() => void paragraphTextElement(copy));
    const updates: Uint8Array[] = [];
    copy.on('update', (update: Uint8Array) => updates.push(update));
    draft(copy).insert(0, 'still here ');
    chair.y(documentId, 1, encodeUpdate(Y.mergeUpdates(updates.splice(0))));
    expect(await chair.answer(documentId, 1)).toEqual({ saved: true });
    expect(chair.received.filter((r) => r.name === 'closed')).toHaveLength(closedBefore);
    expect(await other.open(documentId)).toMatchObject({ ok: true });
  });
});
