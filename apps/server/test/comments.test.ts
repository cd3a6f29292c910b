/**
 * The comments API's rules against a real server: creating (and every refusal storing nothing),
 * replies, resolving and reopening, editing and deleting, plain text, the Chatham House Rule and
 * attribution on every path, the audit trail's view, and anchors that follow the text as it is edited
 * through real sockets. Who sees which audience is the visibility matrix's (comments-visibility).
 */
import { commentRevisions } from '@accord/db';
import { createTestDatabase, type TestDatabase } from '@accord/db/testing';
import { anchorFor } from '@accord/text/anchors';
import type { Thread } from '@accord/contract';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollabFixture, eventually } from './support/collab.js';
import { answer, CommentsFixture, demoAffiliation, type DemoName, type EventSocket, type TextParagraph } from './support/comments.js';
import { draft, draftOf } from './support/rolling-text.js';
import { demo, startTestServer, type TestServer } from './support/test-server.js';

const demoNames = Object.keys(demo) as DemoName[];

let database: TestDatabase;
let t: TestServer;
let f: CommentsFixture;
let paragraphs: TextParagraph[];
/** Box I(2) of the demo text, whose words include "once activated". */
let onceActivated: TextParagraph;
/** The id of Box I itself: an id in the document, but not of a paragraph. */
let boxId: string;
/** A demo member's socket on the demo document, recording every live event. */
const sockets = new Map<DemoName, EventSocket>();

beforeAll(async () => {
  database = await createTestDatabase();
  t = await startTestServer({ database });
  f = await new CommentsFixture(t).useDemo();
  paragraphs = await f.paragraphs();
  onceActivated = paragraphs.find((p) => p.kind === 'paragraph' && p.text.includes('once activated'))!;
  boxId = (await (await f.as('chair')).get(`/api/dialogues/${f.dialogueId}/documents/${f.documentId}/text`)).body.content.content[0].attrs.id;
  // A secretariat member with no affiliation: the one kind of writer who cannot address a delegation.
  await f.join('unaffiliated', { role: 'secretariat' });
  for (const name of demoNames) sockets.set(name, await f.watch(name));
});

afterAll(async () => {
  f?.close();
  await t?.close();
  await database?.close();
});

/** A thread any writer may post in the demo document. */
const valid = () => ({ paragraphId: onceActivated.id, quote: 'once activated', audience: 'everyone', body: 'A fine comment.' });
const commentPath = (thread: Thread, commentId: string) => `${f.path(thread.id)}/comments/${commentId}`;
/** Every display name and affiliation of the demo, and of members who joined here. */
const secrets = () => [...demoNames.flatMap((name) => [demo[name].displayName, demo[name].affiliation.name]), 'Member unaffiliated'];

/** The value with each author the viewer is (you: true) taken out, after checking it names the viewer. */
function othersOnly(value: unknown, viewer: string): unknown {
  if (Array.isArray(value)) return value.map((v) => othersOnly(v, viewer));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  if (record.you === true && 'category' in record) {
    const own = viewer in demo ? demo[viewer as DemoName].displayName : `Member ${viewer}`;
    expect(record.name ?? own).toBe(own);
    return '(the viewer)';
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, othersOnly(v, viewer)]));
}

/** The chair's view of the audit trail, newest first. */
const trail = async (limit: number) =>
  (await (await f.as('chair')).get(`/api/dialogues/${f.dialogueId}/audit?limit=${limit}`)).body.events as Array<Record<string, unknown>>;
const listIds = async (name: string) => ((await (await f.as(name)).get(f.path())).body.threads as Thread[]).map((thread) => thread.id);

describe('creating a thread', () => {
  it('answers 201 with the thread as its author sees it, which the list and the one-thread path then show', async () => {
    const arandia = await f.as('arandia');
    const res = await arandia.post(f.path(), { paragraphId: onceActivated.id, quote: 'once activated', audience: 'governments', body: 'Arandia reads this as the moment of activation.' });
    expect(res.status).toBe(201);
    const thread = res.body.thread as Thread;
    expect(thread).toMatchObject({
      documentId: f.documentId,
      audience: 'governments',
      status: 'open',
      resolvedAt: null,
      anchor: { paragraphId: onceActivated.id, quote: 'once activated', orphaned: false },
      author: { category: 'Government', name: demo.arandia.displayName, affiliation: demo.arandia.affiliation.name, you: true },
      comments: [{ body: 'Arandia reads this as the moment of activation.', editedAt: null, deleted: false, author: { you: true } }],
      can: { reply: true, resolve: true },
    });
    expect((await arandia.get(f.path(thread.id))).body.thread).toEqual(thread);
    expect((await arandia.get(f.path())).body.threads).toContainEqual(thread);
  });

  it('anchors the whole paragraph when the quote is omitted (stored quote empty), and takes a sub-paragraph id', async () => {
    const whole = await f.createThread('ngo', { paragraphId: onceActivated.id, audience: 'everyone', body: 'On the whole paragraph.' });
    expect(whole.anchor).toMatchObject({ paragraphId: onceActivated.id, quote: '', orphaned: false });
    const sub = paragraphs.find((p) => p.kind === 'subparagraph')!;
    const onSub = await f.createThread('icrc', { paragraphId: sub.id, quote: sub.text.slice(0, 12), audience: 'everyone', body: 'On a sub-paragraph.' });
    expect(onSub.anchor).toMatchObject({ paragraphId: sub.id, quote: sub.text.slice(0, 12), orphaned: false });
  });

  it('takes a footnote id, with a quote from the footnote', async () => {
    const footnote = paragraphs.find((p) => p.kind === 'footnote')!;
    const quote = footnote.text.split(' ').slice(1, 4).join(' ');
    const thread = await f.createThread('secretariat', { paragraphId: footnote.id, quote, audience: 'stewards', body: 'On the footnote.' });
    expect(thread.anchor).toMatchObject({ paragraphId: footnote.id, quote, orphaned: false });
  });

  it('lists threads oldest first', async () => {
    const created: string[] = [];
    for (const name of ['veloria', 'chair', 'arandia']) {
      created.push((await f.createThread(name, { paragraphId: onceActivated.id, audience: 'everyone', body: `In order: ${name}` })).id);
    }
    expect((await listIds('observer')).filter((id) => created.includes(id))).toEqual(created);
  });

  it('a thread asked for under another document of the dialogue answers 404, like a missing one', async () => {
    const thread = await f.createThread('veloria', { paragraphId: onceActivated.id, audience: 'everyone', body: 'On the demo document.' });
    const other = await (await f.as('chair')).post(`/api/dialogues/${f.dialogueId}/documents`, { title: 'Another text', symbol: 'T15/AWS/OTHER' });
    const veloria = await f.as('veloria');
    const elsewhere = await veloria.get(f.path(thread.id, other.body.id));
    expect(answer(elsewhere)).toEqual(answer(await veloria.get(f.path(randomUUID(), other.body.id))));
    expect(elsewhere.status).toBe(404);
  });

  it('takes a body of exactly 10,000 characters', async () => {
    const body = 'x'.repeat(10_000);
    const thread = await f.createThread('veloria', { paragraphId: onceActivated.id, audience: 'everyone', body });
    expect(thread.comments[0]!.body).toBe(body);
  });

  const refusals: Array<{ what: string; as: string; body: () => unknown; status: number; code: string; field?: string }> = [
    { what: 'a quote that is not in the paragraph', as: 'arandia', body: () => ({ ...valid(), quote: 'once deactivated' }), status: 400, code: 'VALIDATION_FAILED', field: 'quote' },
    { what: 'an empty quote', as: 'arandia', body: () => ({ ...valid(), quote: '' }), status: 400, code: 'VALIDATION_FAILED', field: 'quote' },
    { what: 'a paragraph id that is not in the document', as: 'arandia', body: () => ({ ...valid(), paragraphId: 'notAParagraph', quote: undefined }), status: 400, code: 'VALIDATION_FAILED', field: 'paragraphId' },
    { what: "a box's id (not a paragraph's)", as: 'arandia', body: () => ({ ...valid(), paragraphId: boxId, quote: undefined }), status: 400, code: 'VALIDATION_FAILED', field: 'paragraphId' },
    { what: 'a paragraph id that is not an id at all', as: 'arandia', body: () => ({ ...valid(), paragraphId: '../../x' }), status: 400, code: 'VALIDATION_FAILED', field: 'paragraphId' },
    { what: 'an empty body', as: 'arandia', body: () => ({ ...valid(), body: '' }), status: 400, code: 'VALIDATION_FAILED', field: 'body' },
    { what: 'a body of spaces only', as: 'arandia', body: () => ({ ...valid(), body: '   \n ' }), status: 400, code: 'VALIDATION_FAILED', field: 'body' },
    { what: 'a body of 10,001 characters', as: 'arandia', body: () => ({ ...valid(), body: 'x'.repeat(10_001) }), status: 400, code: 'VALIDATION_FAILED', field: 'body' },
    { what: 'no body', as: 'arandia', body: () => ({ ...valid(), body: undefined }), status: 400, code: 'VALIDATION_FAILED', field: 'body' },
    { what: 'an unknown audience', as: 'arandia', body: () => ({ ...valid(), audience: 'public' }), status: 400, code: 'VALIDATION_FAILED', field: 'audience' },
    { what: 'no audience', as: 'arandia', body: () => ({ ...valid(), audience: undefined }), status: 400, code: 'VALIDATION_FAILED', field: 'audience' },
    { what: 'a delegation thread by a member without affiliation', as: 'unaffiliated', body: () => ({ ...valid(), audience: 'delegation' }), status: 400, code: 'VALIDATION_FAILED', field: 'audience' },
    { what: 'an unknown field', as: 'arandia', body: () => ({ ...valid(), author: 'Someone else' }), status: 400, code: 'VALIDATION_FAILED', field: 'author' },
    { what: 'relative positions that are not base64', as: 'arandia', body: () => ({ ...valid(), anchor: { start: 'not base64!', end: 'AAAA' } }), status: 400, code: 'VALIDATION_FAILED', field: 'anchor.start' },
    { what: 'a body that is not JSON', as: 'arandia', body: () => '{"paragraphId": ', status: 400, code: 'INVALID_JSON' },
    { what: 'an observer', as: 'observer', body: valid, status: 403, code: 'ROLE_FORBIDDEN' },
  ];

  it.each(refusals)('refuses $what: $status $code, and stores nothing', async ({ as, body, status, code, field }) => {
    const stored = await f.stored();
    const listed = await listIds('chair');
    const res = await (await f.as(as)).post(f.path(), body());
    expect([res.status, res.body.error?.code]).toEqual([status, code]);
    if (field) expect(res.body.error.fields.map((issue: { field: string }) => issue.field)).toEqual([field]);
    expect(await f.stored()).toBe(stored);
    expect(await listIds('chair')).toEqual(listed);
  });

  it('refuses a signed-out caller 401 and stores nothing', async () => {
    const stored = await f.stored();
    const res = await t.client().post(f.path(), valid());
    expect([res.status, res.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(await f.stored()).toBe(stored);
  });
});

describe('replies', () => {
  let thread: Thread;
  let hidden: Thread;
  beforeAll(async () => {
    thread = await f.createThread('arandia', { paragraphId: onceActivated.id, audience: 'everyone', body: 'Shall we keep "once activated"?' });
    hidden = await f.createThread('arandia', { paragraphId: onceActivated.id, audience: 'delegation', body: 'Capital to confirm.' });
  });

  it('appends a reply (201), oldest first, with its own author', async () => {
    const res = await (await f.as('ngo')).post(`${f.path(thread.id)}/replies`, { body: 'Yes, with a definition.' });
    expect(res.status).toBe(201);
    expect(res.body.thread.comments.map((c: { body: string }) => c.body)).toEqual(['Shall we keep "once activated"?', 'Yes, with a definition.']);
    expect(res.body.thread.comments[1].author).toMatchObject({ category: 'Civil society', you: true });
    expect(res.body.thread.comments[0].author).toEqual({ category: 'Government', you: false });
  });

  it('refuses an observer (403 on a thread they see, 404 like a missing one on a thread they do not), an empty reply (400 body), and stores nothing', async () => {
    const stored = await f.stored();
    const observer = await f.as('observer');
    const refused = await observer.post(`${f.path(thread.id)}/replies`, { body: 'May I?' });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    const notVisible = await (await f.as('veloria')).post(`${f.path(hidden.id)}/replies`, { body: 'Which capital?' });
    const missing = await (await f.as('veloria')).post(`${f.path(randomUUID())}/replies`, { body: 'Which capital?' });
    expect(answer(notVisible)).toEqual(answer(missing));
    expect(missing.status).toBe(404);
    const empty = await (await f.as('ngo')).post(`${f.path(thread.id)}/replies`, { body: ' ' });
    expect([empty.status, empty.body.error.fields[0].field]).toEqual([400, 'body']);
    expect(await f.stored()).toBe(stored);
  });
});

describe('resolving and reopening', () => {
  let thread: Thread;
  let hidden: Thread;
  beforeAll(async () => {
    thread = await f.createThread('arandia', { paragraphId: onceActivated.id, audience: 'everyone', body: 'To settle before Rev.1.' });
    hidden = await f.createThread('arandia', { paragraphId: onceActivated.id, audience: 'delegation', body: 'Our own note.' });
  });

  it('the author, the chair and the secretariat may resolve and reopen', async () => {
    for (const name of ['arandia', 'chair', 'secretariat']) {
      const client = await f.as(name);
      expect((await client.get(f.path(thread.id))).body.thread.can.resolve).toBe(true);
      const resolved = await client.post(`${f.path(thread.id)}/resolve`);
      expect([resolved.status, resolved.body.thread.status]).toEqual([200, 'resolved']);
      expect(resolved.body.thread.resolvedAt).toEqual(expect.any(String));
      const reopened = await client.post(`${f.path(thread.id)}/reopen`);
      expect([reopened.status, reopened.body.thread.status, reopened.body.thread.resolvedAt]).toEqual([200, 'open', null]);
    }
  });

  it('another delegate, civil society and an observer may not (403), and nothing is stored', async () => {
    const stored = await f.stored();
    for (const name of ['veloria', 'ngo', 'observer']) {
      const client = await f.as(name);
      expect((await client.get(f.path(thread.id))).body.thread.can.resolve, name).toBe(false);
      for (const action of ['resolve', 'reopen']) {
        const res = await client.post(`${f.path(thread.id)}/${action}`);
        expect([res.status, res.body.error.code], `${name} ${action}`).toEqual([403, 'ROLE_FORBIDDEN']);
      }
    }
    expect(await f.stored()).toBe(stored);
  });

  it('a thread the caller cannot see answers 404, exactly like a thread that does not exist, even for the chair', async () => {
    const stored = await f.stored();
    const chair = await f.as('chair');
    for (const action of ['resolve', 'reopen']) {
      const denied = await chair.post(`${f.path(hidden.id)}/${action}`);
      const missing = await chair.post(`${f.path(randomUUID())}/${action}`);
      expect(answer(denied)).toEqual(answer(missing));
      expect(missing.status).toBe(404);
    }
    expect(await f.stored()).toBe(stored);
  });
});

describe('editing and deleting a comment', () => {
  let thread: Thread;
  let hidden: Thread;
  beforeAll(async () => {
    thread = await f.createThread('arandia', { paragraphId: onceActivated.id, audience: 'everyone', body: 'First wording.' });
    thread = await f.reply('veloria', thread.id, 'A reply by Veloria.');
    hidden = await f.createThread('arandia', { paragraphId: onceActivated.id, audience: 'delegation', body: 'Delegation wording.' });
  });

  it('the author edits: the new wording with editedAt; the old one is kept in comment_revisions, never sent', async () => {
    const first = thread.comments[0]!;
    const res = await (await f.as('arandia')).patch(commentPath(thread, first.id), { body: 'Second wording.' });
    expect(res.status).toBe(200);
    expect(res.body.thread.comments[0]).toMatchObject({ id: first.id, body: 'Second wording.', deleted: false, editedAt: expect.any(String) });
    const seen = await (await f.as('ngo')).get(f.path(thread.id));
    expect(seen.body.thread.comments[0]).toMatchObject({ body: 'Second wording.', editedAt: res.body.thread.comments[0].editedAt });
    expect(JSON.stringify(seen.body)).not.toContain('First wording.');
    const revisions = await t.db.select().from(commentRevisions);
    expect(revisions.filter((r) => r.commentId === first.id).map((r) => r.body)).toEqual(['First wording.']);
  });

  it('nobody else may edit or delete it: 403 where they see the thread, 404 (as for a missing one) where they do not', async () => {
    const stored = await f.stored();
    const first = thread.comments[0]!;
    for (const name of ['chair', 'secretariat', 'veloria', 'ngo', 'observer']) {
      const client = await f.as(name);
      const edit = await client.patch(commentPath(thread, first.id), { body: 'Rewritten by someone else.' });
      const remove = await client.delete(commentPath(thread, first.id));
      expect([edit.status, edit.body.error.code, remove.status, remove.body.error.code], name).toEqual([403, 'ROLE_FORBIDDEN', 403, 'ROLE_FORBIDDEN']);
    }
    const chair = await f.as('chair');
    const hiddenComment = hidden.comments[0]!;
    const nowhere = { ...hidden, id: randomUUID() };
    const missing = answer(await chair.patch(commentPath(nowhere, randomUUID()), { body: 'x' }));
    expect(answer(await chair.patch(commentPath(hidden, hiddenComment.id), { body: 'x' }))).toEqual(missing);
    expect(answer(await chair.delete(commentPath(hidden, hiddenComment.id)))).toEqual(answer(await chair.delete(commentPath(nowhere, randomUUID()))));
    expect(missing.status).toBe(404);
    expect(await f.stored()).toBe(stored);
  });

  it('the author deletes: the comment stays, deleted, with an empty body; deleting or editing it again is 404', async () => {
    const reply = thread.comments[1]!;
    const veloria = await f.as('veloria');
    const res = await veloria.delete(commentPath(thread, reply.id));
    expect(res.status).toBe(200);
    expect(res.body.thread.comments[1]).toMatchObject({ id: reply.id, body: '', deleted: true, editedAt: null });
    const seen = await (await f.as('observer')).get(f.path(thread.id));
    expect(seen.body.thread.comments).toHaveLength(2);
    expect(seen.body.thread.comments[1]).toMatchObject({ id: reply.id, body: '', deleted: true });
    expect(JSON.stringify(seen.body)).not.toContain('A reply by Veloria.');
    expect((await veloria.delete(commentPath(thread, reply.id))).status).toBe(404);
    expect((await veloria.patch(commentPath(thread, reply.id), { body: 'Back again' })).status).toBe(404);
  });
});

describe('plain text', () => {
  it('a body with markup and links comes back byte-identical, as text, on every path', async () => {
    const body = '<script>alert("x")</script> <b>bold</b> &amp; see https://example.org/a?b=1&c=2 or <a href="javascript:alert(1)">here</a>\nline two “quoted” é';
    const ngoSocket = sockets.get('ngo')!;
    const res = await (await f.as('arandia')).post(f.path(), { paragraphId: onceActivated.id, audience: 'everyone', body });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.body.thread.comments[0].body).toBe(body);
    const id = res.body.thread.id as string;
    expect((await (await f.as('ngo')).get(f.path(id))).body.thread.comments[0].body).toBe(body);
    const listed = ((await (await f.as('ngo')).get(f.path())).body.threads as Thread[]).find((th) => th.id === id)!;
    expect(listed.comments[0]!.body).toBe(body);
    const live = await ngoSocket.nextEvent('comments.thread_created', id);
    expect(live.args[0].data.thread.comments[0].body).toBe(body);
  });
});

describe('attribution', () => {
  it('under the Chatham House Rule the author sees their own name; everyone else sees a category only', async () => {
    const thread = await f.createThread('icrc', { paragraphId: onceActivated.id, audience: 'everyone', body: 'The ICRC recalls its position.' });
    expect(thread.author).toEqual({ category: 'Civil society', name: demo.icrc.displayName, affiliation: demo.icrc.affiliation.name, you: true });
    for (const name of ['chair', 'arandia', 'ngo', 'observer'] as const) {
      const seen = (await (await f.as(name)).get(f.path(thread.id))).body.thread as Thread;
      expect(seen.author, name).toEqual({ category: 'Civil society', you: false });
      expect(seen.comments[0]!.author, name).toEqual({ category: 'Civil society', you: false });
      const live = await sockets.get(name)!.nextEvent('comments.thread_created', thread.id);
      expect(live.args[0].data.thread.author, name).toEqual({ category: 'Civil society', you: false });
    }
  });

  it('in an attributed dialogue every viewer sees the name and affiliation, live too', async () => {
    const chair = await f.as('chair');
    const created = await chair.post('/api/dialogues', { title: 'Attributed consultations', attributionMode: 'attributed' });
    expect(created.status).toBe(201);
    const dialogueId = created.body.id as string;
    await f.invite('arandia', dialogueId, { role: 'delegate', affiliation: demoAffiliation('arandia') });
    await f.invite('ngo', dialogueId, { role: 'civil_society', affiliation: demoAffiliation('ngo') });
    await f.invite('observer', dialogueId, { role: 'observer', affiliation: demoAffiliation('observer') });
    const document = await chair.post(`/api/dialogues/${dialogueId}/documents`, { title: 'Attributed text', symbol: 'ATT/1' });
    expect(document.status).toBe(201);
    const documentId = document.body.id as string;
    const [firstParagraph] = await f.paragraphs(documentId, dialogueId);
    const ngoSocket = await f.watch('ngo', documentId);

    // The chair of this dialogue has no affiliation: there is no delegation to address.
    const refused = await chair.post(f.path(undefined, documentId, dialogueId), { paragraphId: firstParagraph!.id, audience: 'delegation', body: 'x' });
    expect([refused.status, refused.body.error.fields[0].field]).toEqual([400, 'audience']);

    const thread = await f.createThread('arandia', { paragraphId: firstParagraph!.id, audience: 'everyone', body: 'Arandia, on the record.' }, documentId, dialogueId);
    const named = { category: 'Government', name: demo.arandia.displayName, affiliation: demo.arandia.affiliation.name };
    for (const name of ['ngo', 'observer', 'chair']) {
      const seen = (await (await f.as(name)).get(f.path(thread.id, documentId, dialogueId))).body.thread as Thread;
      expect(seen.author, name).toEqual({ ...named, you: false });
      expect(seen.comments[0]!.author, name).toEqual({ ...named, you: false });
    }
    const live = await ngoSocket.nextEvent('comments.thread_created', thread.id);
    expect(live.args[0].data.thread.author).toEqual({ ...named, you: false });
  });
});

describe("the audit trail's view", () => {
  it("the chair does not see a delegate's delegation thread, and under Chatham House sees others' categories, not who acted", async () => {
    const ownNote = await f.createThread('arandia', { paragraphId: onceActivated.id, audience: 'delegation', body: 'For Arandia only.' });
    const forAll = await f.createThread('veloria', { paragraphId: onceActivated.id, audience: 'everyone', body: 'Veloria, for all.' });
    const chairs = await f.createThread('chair', { paragraphId: onceActivated.id, audience: 'stewards', body: 'Tidy before Rev.1.' });
    const res = await (await f.as('chair')).get(`/api/dialogues/${f.dialogueId}/audit?limit=1000`);
    expect(res.status).toBe(200);
    const events = res.body.events as Array<Record<string, any>>;
    expect(JSON.stringify(events)).not.toContain(ownNote.id);

    const veloriaRecord = events.find((e) => e.targetId === forAll.id && e.action === 'comment.thread_created')!;
    expect(veloriaRecord).toMatchObject({ actorId: null, actorCategory: 'Government', targetType: 'comment_thread' });
    expect(veloriaRecord.detail).toMatchObject({ audience: 'everyone', documentId: f.documentId });
    expect(veloriaRecord.detail).not.toHaveProperty('threadAuthorId');
    expect(veloriaRecord.detail).not.toHaveProperty('threadAuthorAffiliationId');
    expect(JSON.stringify(veloriaRecord)).not.toContain(await f.userId('veloria'));

    const chairRecord = events.find((e) => e.targetId === chairs.id && e.action === 'comment.thread_created')!;
    expect(chairRecord).toMatchObject({ actorId: await f.userId('chair'), actorCategory: 'Chair' });
  });
});

describe("the audit trail's view reveals nothing of what it hides", () => {
  let before: Thread;
  let hidden: Thread;
  let after: Thread;
  beforeAll(async () => {
    const everyone = { paragraphId: onceActivated.id, audience: 'everyone' as const, body: 'Shown in the trail.' };
    before = await f.createThread('veloria', everyone);
    hidden = await f.createThread('arandia', { ...everyone, audience: 'delegation', body: 'Not in the chair’s trail.' });
    after = await f.createThread('veloria', everyone);
  });

  it('a limit counts the records shown: the two newest the chair may see are the two threads around the hidden one', async () => {
    expect((await trail(2)).map((e) => e.targetId)).toEqual([after.id, before.id]);
  });

  it('the numbering of the records shown has no gap where the hidden one was', async () => {
    const events = await trail(1000);
    expect(JSON.stringify(events)).not.toContain(hidden.id);
    const [a, b] = [events.find((e) => e.targetId === before.id)!, events.find((e) => e.targetId === after.id)!];
    // The database's sequence numbers, where shown, count the hidden record between them.
    if ('id' in a) expect(Number(b.id) - Number(a.id)).toBe(1);
  });
});

describe('anchors through the API, as the text is edited over real sockets', () => {
  let collab: CollabFixture;
  let documentId: string;
  let paragraphId: string;
  beforeAll(async () => {
    collab = new CollabFixture(t);
    collab.dialogueId = f.dialogueId;
    documentId = await collab.createDocument();
    const arandia = await collab.open('arandia', documentId);
    draft(arandia.doc).insert(0, 'Each State shall retain meaningful human control and human judgement over the use of force.');
    await arandia.whenSaved();
    paragraphId = (await f.paragraphs(documentId))[0]!.id;
  });
  afterAll(() => collab?.close());

  it('a thread whose words are deleted stays, orphaned, with its quote, on every read path', async () => {
    const thread = await f.createThread('ngo', { paragraphId, quote: 'human judgement', audience: 'everyone', body: 'Which judgement?' }, documentId);
    expect(thread.anchor).toMatchObject({ paragraphId, quote: 'human judgement', orphaned: false });

    const editor = await collab.open('veloria', documentId);
    const text = draft(editor.doc);
    const at = text.toString().indexOf('human judgement');
    text.delete(at, 'human judgement'.length);
    await editor.whenSaved();
    expect(draftOf(editor.doc)).not.toContain('human judgement');

    const ngo = await f.as('ngo');
    const one = (await ngo.get(f.path(thread.id, documentId))).body.thread as Thread;
    expect(one.anchor).toMatchObject({ paragraphId, quote: 'human judgement', orphaned: true });
    const listed = ((await ngo.get(f.path(undefined, documentId))).body.threads as Thread[]).find((th) => th.id === thread.id)!;
    expect(listed.anchor).toMatchObject({ quote: 'human judgement', orphaned: true });
    // Never dropped: it still counts.
    expect((await ngo.get(`${f.path(undefined, documentId)}/counts`)).body.total.open).toBeGreaterThanOrEqual(1);
  });

  it("the editor's relative positions decide which occurrence of the quote a thread is on", async () => {
    const other = await collab.createDocument();
    const editor = await collab.open('arandia', other);
    draft(editor.doc).insert(0, 'The human element: human control over the use of force.');
    await editor.whenSaved();
    const otherParagraph = (await f.paragraphs(other))[0]!.id;
    const second = anchorFor(editor.doc, otherParagraph, 'human', 1);
    if (!second.ok) throw new Error(second.message);
    const onSecond = await f.createThread(
      'arandia',
      { paragraphId: otherParagraph, quote: 'human', audience: 'everyone', body: 'The second one.', anchor: { start: second.anchor.start!, end: second.anchor.end! } },
      other,
    );
    const onFirst = await f.createThread('arandia', { paragraphId: otherParagraph, quote: 'human', audience: 'everyone', body: 'The first one.' }, other);
    // The first "human" goes: only the thread on it is orphaned.
    draft(editor.doc).delete(4, 'human'.length);
    await editor.whenSaved();
    expect(draftOf(editor.doc)).toBe('The  element: human control over the use of force.');
    const ngo = await f.as('ngo');
    expect((await ngo.get(f.path(onSecond.id, other))).body.thread.anchor).toMatchObject({ quote: 'human', orphaned: false });
    expect((await ngo.get(f.path(onFirst.id, other))).body.thread.anchor).toMatchObject({ quote: 'human', orphaned: true });
  });

  it('words moved by concurrent typing before them still resolve', async () => {
    const thread = await f.createThread('arandia', { paragraphId, quote: 'meaningful human control', audience: 'governments', body: 'Keep this.' }, documentId);
    const [one, two] = [await collab.open('arandia', documentId), await collab.open('chair', documentId)];
    await eventually(() => expect(draftOf(two.doc)).toBe(draftOf(one.doc)));
    // Both type at the start of the paragraph at once, neither waiting for the other.
    draft(one.doc).insert(0, 'Firstly, ');
    draft(two.doc).insert(0, 'In all circumstances, ');
    await Promise.all([one.whenSaved(), two.whenSaved()]);
    await eventually(() => {
      expect(draftOf(one.doc)).toBe(draftOf(two.doc));
      expect(draftOf(one.doc)).toMatch(/^(Firstly, In all circumstances, |In all circumstances, Firstly, )Each State/);
    });
    const seen = (await (await f.as('veloria')).get(f.path(thread.id, documentId))).body.thread as Thread;
    expect(seen.anchor).toMatchObject({ paragraphId, quote: 'meaningful human control', orphaned: false });
  });

  it('a second server, which reads the document from the stored log (no room open), resolves every anchor alike', async () => {
    const veloria = await f.as('veloria');
    const here = (await veloria.get(f.path(undefined, documentId))).body.threads as Thread[];
    expect(here.map((th) => th.anchor.orphaned).toSorted()).toEqual([false, true]);
    const second = await startTestServer({ database });
    try {
      const there = await second.client(veloria.token).get(f.path(undefined, documentId));
      expect(there.status).toBe(200);
      expect((there.body.threads as Thread[]).map((th) => ({ id: th.id, anchor: th.anchor }))).toEqual(here.map((th) => ({ id: th.id, anchor: th.anchor })));
    } finally {
      await second.close();
    }
  });
});

describe('the Chatham House Rule, over everything said in the demo dialogue (runs last)', () => {
  it("no answer of the comments API or the audit trail, and no live event, names another author or their affiliation", async () => {
    // Every path once more for every member, over all the threads the tests above left.
    for (const name of [...demoNames, 'unaffiliated']) {
      const client = await f.as(name);
      const listed = (await client.get(f.path())).body.threads as Thread[];
      await client.get(`${f.path()}/counts`);
      for (const thread of listed) await client.get(f.path(thread.id));
    }
    for (const steward of ['chair', 'secretariat', 'unaffiliated']) await (await f.as(steward)).get(`/api/dialogues/${f.dialogueId}/audit?limit=1000`);

    const heard = f.heard.filter((h) => h.path.startsWith(`/api/dialogues/${f.dialogueId}/`) && /\/(comments|audit)/.test(h.path));
    expect(heard.length).toBeGreaterThan(50);
    let events = 0;
    for (const h of heard) {
      const json = JSON.stringify(othersOnly(h.body, h.name));
      for (const secret of secrets()) expect(json, `${h.name} ${h.method} ${h.path}`).not.toContain(secret);
    }
    for (const [name, socket] of sockets) {
      for (const event of socket.events()) {
        // A socket gets events of the documents it has open, and of no other.
        expect(event.data.documentId).toBe(f.documentId);
        events += 1;
        const json = JSON.stringify(othersOnly(event, name));
        for (const secret of secrets()) expect(json, `${name}: ${event.name}`).not.toContain(secret);
      }
    }
    expect(events).toBeGreaterThan(20);
  });
});
