/**
 * The timeline's sessions are kept in the database (history_sessions), so a restarted server answers
 * the timeline's first page from them and the log after them, not from the whole log again.
 */
import { historySessions } from '@accord/db';
import type { TestDatabase } from '@accord/db/testing';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AmendmentsFixture, closeDemoServer, openDemoServer } from './support/amendments.js';
import { eventually } from './support/eventually.js';
import { editIn, idAt, withWords } from './support/history.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { fromJSON } from '@accord/text';

let database: TestDatabase;
let t: TestServer;
let f: AmendmentsFixture;

beforeAll(async () => {
  ({ database, t, f } = await openDemoServer({ MAX_DOCUMENTS_PER_HOUR: '1000' }));
});

afterAll(() => closeDemoServer({ database, t, f }));

const kept = (documentId: string) =>
  t.db.select().from(historySessions).where(eq(historySessions.documentId, documentId)).orderBy(asc(historySessions.fromSeq));

it('keeps the sessions it grouped, grows the newest one, and a restarted server answers the same timeline from them', async () => {
  const documentId = await f.createDocument('1. One two three.\n2. Four five six.');
  const chair = await f.api('chair');
  const one = idAt(fromJSON((await chair.documents.text(f.dialogueId, documentId)).content), 'Box I(1)');
  const arandia = await f.open('arandia', documentId);
  await editIn(arandia.handle, (d) => withWords(d, one, 'One two three four.'));
  const first = await chair.history.timeline(f.dialogueId, documentId);
  await eventually(async () => expect((await kept(documentId)).map((s) => [s.fromSeq, s.toSeq])).toEqual(first.entries.map((e) => [e.fromSeq, e.toSeq]).toReversed()));

  // The same author types on: the newest session grows, in the database too.
  await editIn(arandia.handle, (d) => withWords(d, one, 'One two three four five.'));
  const grown = await chair.history.timeline(f.dialogueId, documentId);
  expect(grown.entries[0]!.updates).toBe(first.entries[0]!.updates + 1);
  await eventually(async () => expect((await kept(documentId)).at(-1)!.toSeq).toBe(grown.entries[0]!.toSeq));

  // A restarted server reads the kept sessions, not the log: the same page. (A mark on the kept row
  // shows which it read.)
  const newest = grown.entries[0]!;
  await t.db.update(historySessions).set({ updates: 999 }).where(and(eq(historySessions.documentId, documentId), eq(historySessions.fromSeq, newest.fromSeq)));
  const restarted = await startTestServer({ database });
  try {
    const again = await (await restarted.api('chair@accord.example')).history.timeline(f.dialogueId, documentId);
    expect(again).toEqual({ ...grown, entries: [{ ...newest, updates: 999 }, ...grown.entries.slice(1)] });
  } finally {
    await restarted.close();
  }
});
