/**
 * A second reviewer's probes of issue 10 on the server: input that must be refused rather than
 * crash or half-write, authorization after a role change, and edits that race each other.
 */
import { auditEvents, commentRevisions } from '@accord/db';
import { createTestDatabase, type TestDatabase } from '@accord/db/testing';
import type { Thread } from '@accord/contract';
import { eq } from 'drizzle-orm';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, CommentsFixture, type TextParagraph } from './support/comments.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let database: TestDatabase;
let t: TestServer;
let f: CommentsFixture;
let onceActivated: TextParagraph;

beforeAll(async () => {
  database = await createTestDatabase();
  t = await startTestServer({ database });
  f = await new CommentsFixture(t).useDemo();
  onceActivated = (await f.paragraphs()).find((p) => p.kind === 'paragraph' && p.text.includes('once activated'))!;
});

afterAll(async () => {
  f?.close();
  await t?.close();
  await database?.close();
});

const valid = () => ({ paragraphId: onceActivated.id, quote: 'once activated', audience: 'everyone' as const, body: 'A fine comment.' });
const commentPath = (thread: Thread, commentId: string) => `${f.path(thread.id)}/comments/${commentId}`;

describe('bad input is refused, nothing stored, never a 500', () => {
  it('a body holding a NUL character is a 400 naming body (PostgreSQL text cannot hold it)', async () => {
    const arandia = await f.as('arandia');
    const before = await f.stored();
    const res = await arandia.post(f.path(), { ...valid(), body: 'before\u0000after' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toContainEqual(expect.objectContaining({ field: 'body' }));
    expect(await f.stored()).toBe(before);
  });

  it('a reply or an edit holding a NUL character is a 400 naming body', async () => {
    const thread = await f.createThread('arandia', valid());
    const arandia = await f.as('arandia');
    expect((await arandia.post(`${f.path(thread.id)}/replies`, { body: 'x\u0000' })).status).toBe(400);
    expect((await arandia.patch(commentPath(thread, thread.comments[0]!.id), { body: 'x\u0000' })).status).toBe(400);
  });

  it('editor positions that are valid base64 but not relative positions are not a 500', async () => {
    for (let i = 0; i < 20; i++) {
      const junk = { start: randomBytes(1 + (i % 12)).toString('base64'), end: randomBytes(1 + ((i * 7) % 12)).toString('base64') };
      const res = await (await f.as('veloria')).post(f.path(), { ...valid(), anchor: junk });
      expect([201, 400], JSON.stringify({ junk, res: res.body })).toContain(res.status);
      if (res.status === 201) expect(res.body.thread.anchor).toMatchObject({ paragraphId: onceActivated.id, quote: 'once activated', orphaned: false });
    }
    // Every thread just made still lists (a stored junk anchor would break every later read).
    expect((await (await f.as('chair')).get(f.path())).status).toBe(200);
  });
});

describe('authorization after a role change', () => {
  it('an author demoted to observer may no longer edit their comment (observers only read)', async () => {
    await f.join('demotee', { role: 'delegate', affiliation: { name: 'Republic of Demotia', kind: 'government' } });
    const thread = await f.createThread('demotee', { ...valid(), body: 'Before the demotion.' });
    const chair = await f.as('chair');
    expect((await chair.patch(`/api/dialogues/${f.dialogueId}/members/${await f.userId('demotee')}`, { role: 'observer' })).status).toBe(204);
    const res = await (await f.as('demotee')).patch(commentPath(thread, thread.comments[0]!.id), { body: 'Written as an observer.' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ROLE_FORBIDDEN');
    expect((await chair.get(f.path(thread.id))).body.thread.comments[0].body).toBe('Before the demotion.');
  });
});

describe('edits that race', () => {
  it('concurrent edits of one comment keep every replaced wording in comment_revisions', async () => {
    const thread = await f.createThread('veloria', { ...valid(), body: 'wording 0' });
    const commentId = thread.comments[0]!.id;
    const veloria = await f.as('veloria');
    const edits = await Promise.all([1, 2, 3, 4].map((n) => veloria.patch(commentPath(thread, commentId), { body: `wording ${n}` })));
    expect(edits.map((e) => e.status)).toEqual([200, 200, 200, 200]);
    const final = (await veloria.get(f.path(thread.id))).body.thread.comments[0].body as string;
    const replaced = (await t.db.select().from(commentRevisions).where(eq(commentRevisions.commentId, commentId))).map((r) => r.body);
    // Every wording the comment ever had is either the current one or kept as replaced, exactly once.
    expect([...replaced, final].toSorted()).toEqual(['wording 0', 'wording 1', 'wording 2', 'wording 3', 'wording 4']);
  });

  it('an edit racing a delete never leaves a deleted comment with a new wording', async () => {
    const thread = await f.createThread('veloria', { ...valid(), body: 'to be deleted' });
    const commentId = thread.comments[0]!.id;
    const veloria = await f.as('veloria');
    const [edit, del] = await Promise.all([veloria.patch(commentPath(thread, commentId), { body: 'edited meanwhile' }), veloria.delete(commentPath(thread, commentId))]);
    expect(del.status).toBe(200);
    expect([200, 404]).toContain(edit.status);
    const replaced = (await t.db.select().from(commentRevisions).where(eq(commentRevisions.commentId, commentId))).map((r) => r.body);
    // The deleted comment's last wording is in the trail: if the edit landed first, its wording too.
    if (edit.status === 200) expect(replaced.toSorted()).toEqual(['edited meanwhile', 'to be deleted']);
    else expect(replaced).toEqual(['to be deleted']);
  });

  it('of concurrent resolutions only one resolves: one audit record, one live event', async () => {
    const thread = await f.createThread('veloria', { ...valid(), body: 'Resolve me, all at once.' });
    const watcher = await f.watch('observer');
    const resolvers = await Promise.all(['chair', 'secretariat', 'veloria'].flatMap((name) => Array.from({ length: 4 }, () => name)).map((name) => f.as(name)));
    const answers = await Promise.all(resolvers.map((client) => client.post(`${f.path(thread.id)}/resolve`)));
    expect(answers.map((a) => [a.status, a.body.thread.status])).toEqual(Array.from({ length: 12 }, () => [200, 'resolved']));
    const records = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, thread.id));
    expect(records.filter((r) => r.action === 'comment.thread_resolved')).toHaveLength(1);
    const control = await f.createThread('veloria', { ...valid(), body: 'Control: sent after the resolutions.' });
    const heard = (await watcher.before(control.id)).filter((e) => e.name === 'comments.thread_updated' && e.data.thread.id === thread.id);
    expect(heard).toHaveLength(1);
  });
});

describe('ids from another dialogue', () => {
  it("a chair of their own dialogue cannot reach the demo's threads, nor write on the demo's document, through it", async () => {
    // The demo's observer reads the demo's comments; in a dialogue of their own they are the chair.
    const observer = await f.as('observer');
    const own = (await observer.post('/api/dialogues', { title: 'Side event on verification' })).body.id as string;
    const ownDocument = (await observer.post(`/api/dialogues/${own}/documents`, { title: 'Side notes', symbol: 'SIDE/REV/1' })).body.id as string;
    const demoThread = await f.createThread('chair', { ...valid(), audience: 'stewards', body: 'For the chair and the secretariat only.' });
    const before = await f.stored();
    const missing = answer(await observer.get(f.path(randomUUID(), ownDocument, own)));
    expect(missing.status).toBe(404);
    // The demo's thread under the observer's own document, and the demo's document under the observer's own dialogue.
    for (const [documentId, dialogueId] of [[ownDocument, own], [f.documentId, own]] as const) {
      const at = (suffix = '') => `${f.path(demoThread.id, documentId, dialogueId)}${suffix}`;
      expect(answer(await observer.get(at())).status).toBe(404);
      expect((await observer.post(`${at()}/replies`, { body: 'Through the side door.' })).status).toBe(404);
      expect((await observer.post(`${at()}/resolve`)).status).toBe(404);
      expect((await observer.patch(`${at()}/comments/${demoThread.comments[0]!.id}`, { body: 'Rewritten.' })).status).toBe(404);
    }
    expect(answer(await observer.get(f.path(demoThread.id, ownDocument, own)))).toEqual(missing);
    const list = await observer.get(f.path(undefined, f.documentId, own));
    expect(list.status).toBe(404);
    const write = await observer.post(f.path(undefined, f.documentId, own), { ...valid(), body: 'Written on the demo text from elsewhere.' });
    expect(write.status).toBe(404);
    expect(await f.stored()).toBe(before);
  });
});

describe('live events against quick membership changes', () => {
  it('after a burst of role changes ending as observer, the open socket gets no governments thread', async () => {
    await f.join('flipper', { role: 'delegate', affiliation: { name: 'Republic of Flippia', kind: 'government' } });
    const socket = await f.watch('flipper');
    const chair = await f.as('chair');
    const member = `/api/dialogues/${f.dialogueId}/members/${await f.userId('flipper')}`;
    for (let round = 0; round < 3; round++) {
      // Sent together, their rechecks overlap; the last one, sent alone, leaves the member an observer.
      const burst = await Promise.all((['observer', 'delegate', 'observer', 'delegate', 'observer', 'delegate'] as const).map((role) => chair.patch(member, { role })));
      expect(burst.map((res) => res.status)).toEqual(Array.from({ length: 6 }, () => 204));
      expect((await chair.patch(member, { role: 'observer' })).status).toBe(204);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const hidden = await f.createThread('chair', { ...valid(), audience: 'governments', body: `Governments only, round ${round}.` });
      const control = await f.createThread('chair', { ...valid(), body: `Control, round ${round}.` });
      expect(JSON.stringify(await socket.before(control.id))).not.toContain(hidden.id);
      expect((await chair.patch(member, { role: 'delegate' })).status).toBe(204);
    }
  });
});
