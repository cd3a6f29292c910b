/**
 * The visibility matrix of comments (issue 10, "Done means"): every audience × every kind of viewer ×
 * every path a thread can leave the server by (the list, one thread, a live event, the counts, and
 * for stewards the audit trail). An allowed cell shows the thread; a denied cell shows nothing and
 * reveals nothing: one thread answers exactly as a thread that does not exist, the list and counts
 * leave it out, and no live event about it arrives before a later control event that does.
 *
 * Who sees what is written out by hand below, not derived from the server's audience rule.
 */
import type { ClientEvent, CommentAudience, CommentCounts, Thread } from '@accord/contract';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, CommentsFixture, demoAffiliation, type EventSocket } from './support/comments.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/** The members who read; the authors are `arandia` (a delegate) and `ngo` (civil society). */
const members = ['chair', 'secretariat', 'arandia', 'arandia2', 'veloria', 'ngo', 'ngo2', 'icrc', 'observer'] as const;
type Member = (typeof members)[number];
/** Also asked: a delegate removed from the dialogue, and the chair's second session, signed out. */
type Viewer = Member | 'removed' | 'signedOut';
const viewers: readonly Viewer[] = [...members, 'removed', 'signedOut'];

const viewerLabels: Record<Viewer, string> = {
  chair: 'chair',
  secretariat: 'secretariat',
  arandia: 'delegate of Arandia',
  arandia2: 'second delegate of Arandia',
  veloria: 'delegate of Veloria (another delegation)',
  ngo: 'civil society (NGO)',
  ngo2: 'colleague at the same NGO',
  icrc: 'ICRC (civil society, another organization)',
  observer: 'observer',
  removed: 'removed member',
  signedOut: 'signed-out user',
};

interface Row {
  label: string;
  author: 'arandia' | 'ngo';
  audience: CommentAudience;
  /** Who sees it, written out by hand. */
  seenBy: readonly Member[];
}

const governments = ['chair', 'secretariat', 'arandia', 'arandia2', 'veloria'] as const;
const rows: Row[] = [
  { label: 'everyone by a delegate', author: 'arandia', audience: 'everyone', seenBy: members },
  { label: 'governments by a delegate', author: 'arandia', audience: 'governments', seenBy: governments },
  { label: 'stewards by a delegate', author: 'arandia', audience: 'stewards', seenBy: ['chair', 'secretariat', 'arandia'] },
  // Not even the chair: a delegation's note to itself.
  { label: 'delegation by a delegate', author: 'arandia', audience: 'delegation', seenBy: ['arandia', 'arandia2'] },
  { label: 'everyone by civil society', author: 'ngo', audience: 'everyone', seenBy: members },
  // The NGO's own colleague is not a government: only the author among civil society sees it.
  { label: 'governments by civil society', author: 'ngo', audience: 'governments', seenBy: [...governments, 'ngo'] },
  { label: 'stewards by civil society', author: 'ngo', audience: 'stewards', seenBy: ['chair', 'secretariat', 'ngo'] },
  { label: 'delegation by civil society', author: 'ngo', audience: 'delegation', seenBy: ['ngo', 'ngo2'] },
];

type Outcome = 'shown' | 'hidden' | 'refused';
function outcome(row: Row, viewer: Viewer): Outcome {
  if (viewer === 'removed' || viewer === 'signedOut') return 'refused';
  return (row.seenBy as readonly string[]).includes(viewer) ? 'shown' : 'hidden';
}

let t: TestServer;
let f: CommentsFixture;
/** The signed-out session's token (the chair signed in a second time, then signed out). */
let signedOutToken: string;
const threads = new Map<string, Thread>();
/** The thread everyone sees, posted last: what a socket received before it is all it will get. */
let control: Thread;
const sockets = new Map<Viewer, EventSocket>();
const baseline = new Map<Member, CommentCounts>();

const client = (viewer: Viewer) => (viewer === 'signedOut' ? Promise.resolve(t.client(signedOutToken)) : f.as(viewer));

beforeAll(async () => {
  t = await startTestServer();
  f = await new CommentsFixture(t).useDemo();
  await f.join('arandia2', { role: 'delegate', affiliation: demoAffiliation('arandia') });
  await f.join('ngo2', { role: 'civil_society', affiliation: demoAffiliation('ngo') });
  await f.join('removed', { role: 'delegate', affiliation: demoAffiliation('veloria') });
  signedOutToken = (await t.login('chair@accord.example')).token!;

  for (const viewer of members) sockets.set(viewer, await f.watch(viewer));
  sockets.set('removed', await f.watch('removed'));
  sockets.set('signedOut', await f.watch('signedOut', f.documentId, signedOutToken));
  for (const viewer of members) baseline.set(viewer, (await (await f.as(viewer)).get(`${f.path()}/counts`)).body);

  // Removed and signed out while their sockets had the document open.
  const removed = sockets.get('removed')!;
  const removal = await (await f.as('chair')).delete(`/api/dialogues/${f.dialogueId}/members/${await f.userId('removed')}`);
  if (removal.status !== 204) throw new Error(`removing a member: ${removal.status}`);
  await removed.next('closed');
  const signedOut = sockets.get('signedOut')!;
  const logout = await t.client(signedOutToken).post('/api/auth/logout');
  if (logout.status !== 204) throw new Error(`signing out: ${logout.status}`);
  await signedOut.next('disconnect');

  // Each thread on a paragraph of its own, so the counts tell them apart.
  const paragraphs = (await f.paragraphs()).filter((p) => p.kind === 'paragraph' && p.text.length > 20);
  if (paragraphs.length <= rows.length) throw new Error('the demo text has too few paragraphs for the matrix');
  for (const [i, row] of rows.entries()) {
    // Every kind of change a thread goes through, each of which is delivered live: created, a reply,
    // an edit, resolved.
    const thread = await f.createThread(row.author, { paragraphId: paragraphs[i]!.id, audience: row.audience, body: `A note: ${row.label}` });
    const replied = await f.reply(row.author, thread.id, `A reply: ${row.label}`);
    const author = await f.as(row.author);
    const edited = await author.patch(`${f.path(thread.id)}/comments/${replied.comments[1]!.id}`, { body: `An edited reply: ${row.label}` });
    const resolved = await author.post(`${f.path(thread.id)}/resolve`);
    if (edited.status !== 200 || resolved.status !== 200) throw new Error(`editing or resolving: ${edited.status} ${resolved.status}`);
    threads.set(row.label, thread);
  }
  // Every earlier delivery is done (its author has the last change's event) before the control is
  // posted, so the control reaches each socket after anything sent about the rows.
  for (const row of rows) {
    const id = threads.get(row.label)!.id;
    await sockets.get(row.author)!.next('event', ([e]) => e.name === 'comments.thread_updated' && e.data.thread.id === id && e.data.thread.status === 'resolved');
  }
  control = await f.createThread('chair', { paragraphId: paragraphs[rows.length]!.id, audience: 'everyone', body: 'Control: for everyone' });
  for (const viewer of members) await sockets.get(viewer)!.nextEvent('comments.thread_created', control.id);
});

afterAll(async () => {
  f?.close();
  await t?.close();
});

/** What the viewer gets for a thread that does not exist: what every denial must look like. */
async function nonexistent(viewer: Viewer, path: (threadId: string) => string) {
  return answer(await (await client(viewer)).get(path(randomUUID())));
}

describe('visibility matrix: audience × viewer × path', () => {
  for (const row of rows) {
    for (const viewer of viewers) {
      const expected = outcome(row, viewer);
      const cell = `${row.label} × ${viewerLabels[viewer]}${viewer === row.author ? ' (author)' : ''}`;

      it(`${cell} × list: ${expected}`, async () => {
        const thread = threads.get(row.label)!;
        const res = await (await client(viewer)).get(f.path());
        if (expected === 'refused') {
          // As for a document that does not exist: the gate answers before any thread is read.
          expect(answer(res)).toEqual(await nonexistent(viewer, (id) => f.path(undefined, id)));
          return;
        }
        expect(res.status).toBe(200);
        const listed = (res.body.threads as Thread[]).filter((t_) => t_.id === thread.id);
        if (expected === 'shown') {
          expect(listed).toHaveLength(1);
          expect(listed[0]).toMatchObject({ audience: row.audience, status: 'resolved', comments: [{ body: `A note: ${row.label}` }, { body: `An edited reply: ${row.label}` }] });
        } else {
          expect(JSON.stringify(res.body)).not.toContain(thread.id);
          expect(JSON.stringify(res.body)).not.toContain(row.label);
        }
      });

      it(`${cell} × one thread: ${expected}`, async () => {
        const thread = threads.get(row.label)!;
        const res = await (await client(viewer)).get(f.path(thread.id));
        if (expected === 'shown') {
          expect(res.status).toBe(200);
          expect(res.body.thread).toMatchObject({ id: thread.id, audience: row.audience });
          return;
        }
        // Exactly the answer to a thread that does not exist: same status, same body.
        const missing = await nonexistent(viewer, (id) => f.path(id));
        expect(answer(res)).toEqual(missing);
        expect(missing.status).toBe(expected === 'refused' ? (viewer === 'signedOut' ? 401 : 403) : 404);
      });

      it(`${cell} × counts: ${expected}`, async () => {
        const thread = threads.get(row.label)!;
        const res = await (await client(viewer)).get(`${f.path()}/counts`);
        if (expected === 'refused') {
          expect(answer(res)).toEqual(await nonexistent(viewer, (id) => `${f.path(undefined, id)}/counts`));
          return;
        }
        expect(res.status).toBe(200);
        const before = baseline.get(viewer as Member)!;
        const now = res.body as CommentCounts;
        const tally = (counts: CommentCounts) => counts.paragraphs[thread.anchor.paragraphId] ?? { open: 0, resolved: 0 };
        expect(tally(now).resolved - tally(before).resolved).toBe(expected === 'shown' ? 1 : 0);
        expect(tally(now).open).toBe(tally(before).open);
      });

      it(`${cell} × live: ${expected === 'shown' ? 'shown' : 'nothing'}`, async () => {
        const thread = threads.get(row.label)!;
        const socket = sockets.get(viewer)!;
        if (expected === 'refused') {
          // Its document was closed (removed) or its connection dropped (signed out) before any thread
          // existed; the control reached every open socket in the same delivery, and none came here.
          expect(socket.events()).toEqual([]);
          return;
        }
        const about = (await socket.before(control.id)).filter((e) => JSON.stringify(e).includes(thread.id));
        if (expected === 'shown') {
          expect(about.map((e) => e.name)).toEqual(['comments.thread_created', 'comments.thread_updated', 'comments.thread_updated', 'comments.thread_updated']);
          const last = about[3] as Extract<ClientEvent, { name: 'comments.thread_updated' }>;
          expect(last.data).toMatchObject({ documentId: f.documentId, thread: { id: thread.id, audience: row.audience, status: 'resolved' } });
          expect(last.data.thread.comments.map((c) => c.body)).toEqual([`A note: ${row.label}`, `An edited reply: ${row.label}`]);
        } else {
          expect(about).toEqual([]);
          expect(JSON.stringify(socket.events())).not.toContain(row.label);
        }
      });
    }

    for (const steward of ['chair', 'secretariat'] as const) {
      const expected = outcome(row, steward);
      it(`${row.label} × ${steward} × audit trail: ${expected}`, async () => {
        const thread = threads.get(row.label)!;
        const res = await (await f.as(steward)).get(`/api/dialogues/${f.dialogueId}/audit?limit=1000`);
        expect(res.status).toBe(200);
        const records = (res.body.events as Array<{ targetId: string; action: string }>).filter((e) => e.targetId === thread.id);
        if (expected === 'shown') {
          expect(records.map((e) => e.action).toSorted()).toEqual(['comment.edited', 'comment.replied', 'comment.thread_created', 'comment.thread_resolved']);
        } else {
          expect(JSON.stringify(res.body)).not.toContain(thread.id);
        }
      });
    }
  }

  it.each(members.map((m) => [viewerLabels[m], m] as const))('%s: the counts are exactly the tally of the threads they are listed', async (_label, viewer) => {
    const api = await f.as(viewer);
    const [list, counts] = [(await api.get(f.path())).body.threads as Thread[], (await api.get(`${f.path()}/counts`)).body as CommentCounts];
    const tally: CommentCounts = { total: { open: 0, resolved: 0 }, paragraphs: {} };
    for (const thread of list) {
      (tally.paragraphs[thread.anchor.paragraphId] ??= { open: 0, resolved: 0 })[thread.status] += 1;
      tally.total[thread.status] += 1;
    }
    expect(counts).toEqual(tally);
  });

  it('every member received the control thread, and the two refused sockets nothing at all', () => {
    for (const viewer of members) expect(sockets.get(viewer)!.about(control.id).length, viewer).toBeGreaterThan(0);
    expect(sockets.get('removed')!.events()).toEqual([]);
    expect(sockets.get('signedOut')!.events()).toEqual([]);
  });
});

describe('membership changes take effect on open sockets at once', () => {
  it('a delegate demoted to observer is told to reload, then no longer receives governments threads', async () => {
    const socket = sockets.get('arandia2')!;
    const mark = socket.received.length;
    const chair = await f.as('chair');
    const demoted = await chair.patch(`/api/dialogues/${f.dialogueId}/members/${await f.userId('arandia2')}`, { role: 'observer' });
    expect(demoted.status).toBe(204);
    const reload = await socket.nextEvent('comments.reload', undefined, mark);
    expect(reload.args[0]).toEqual({ name: 'comments.reload', data: { documentId: f.documentId } });

    const paragraphId = threads.get('everyone by a delegate')!.anchor.paragraphId;
    const veloria = sockets.get('veloria')!;
    const hiddenNow = await f.createThread('veloria', { paragraphId, audience: 'governments', body: 'For governments, after the demotion' });
    // Its delivery is done (its author has it) before the control is posted.
    await veloria.nextEvent('comments.thread_created', hiddenNow.id);
    const next = await f.createThread('chair', { paragraphId, audience: 'everyone', body: 'A later control' });
    expect((await socket.before(next.id)).filter((e) => JSON.stringify(e).includes(hiddenNow.id))).toEqual([]);
    // Other delegates got it live.
    await sockets.get('arandia')!.nextEvent('comments.thread_created', hiddenNow.id);

    // The list agrees: the governments threads are gone for them, their delegation's own note is not
    // (an observer keeps the affiliation).
    const listed = ((await (await f.as('arandia2')).get(f.path())).body.threads as Thread[]).map((t_) => t_.id);
    expect(listed).not.toContain(hiddenNow.id);
    expect(listed).not.toContain(threads.get('governments by a delegate')!.id);
    expect(listed).toContain(threads.get('delegation by a delegate')!.id);
    expect(listed).toContain(next.id);

    // Made a delegate again: told to reload, and governments threads reach them live once more.
    const promotedMark = socket.received.length;
    const promoted = await chair.patch(`/api/dialogues/${f.dialogueId}/members/${await f.userId('arandia2')}`, { role: 'delegate' });
    expect(promoted.status).toBe(204);
    await socket.nextEvent('comments.reload', undefined, promotedMark);
    const shownAgain = await f.createThread('veloria', { paragraphId, audience: 'governments', body: 'For governments, after the promotion' });
    await socket.nextEvent('comments.thread_created', shownAgain.id, promotedMark);
  });

  it("a delegation thread stays with the affiliation its author had when writing, after the author moves to another", async () => {
    const socket = sockets.get('arandia')!;
    const mark = socket.received.length;
    const chair = await f.as('chair');
    const moved = await chair.patch(`/api/dialogues/${f.dialogueId}/members/${await f.userId('arandia')}`, {
      role: 'delegate',
      affiliation: demoAffiliation('veloria'),
    });
    expect(moved.status).toBe(204);
    await socket.nextEvent('comments.reload', undefined, mark);

    const earlier = threads.get('delegation by a delegate')!.id;
    const paragraphId = threads.get('everyone by a delegate')!.anchor.paragraphId;
    const later = await f.createThread('arandia', { paragraphId, audience: 'delegation', body: 'Written for Veloria now' });
    const seen = async (name: string) => ((await (await f.as(name)).get(f.path())).body.threads as Thread[]).map((t_) => t_.id);
    // The author sees both; each delegation sees only what was written for it.
    expect(await seen('arandia')).toEqual(expect.arrayContaining([earlier, later.id]));
    expect(await seen('arandia2')).toContain(earlier);
    expect(await seen('arandia2')).not.toContain(later.id);
    expect(await seen('veloria')).toContain(later.id);
    expect(await seen('veloria')).not.toContain(earlier);
    expect((await (await f.as('veloria')).get(f.path(earlier))).status).toBe(404);
    await sockets.get('veloria')!.nextEvent('comments.thread_created', later.id);
  });

  it("a removed member's socket has the document closed and receives nothing more", async () => {
    const socket = sockets.get('ngo2')!;
    const mark = socket.received.length;
    const chair = await f.as('chair');
    expect((await chair.delete(`/api/dialogues/${f.dialogueId}/members/${await f.userId('ngo2')}`)).status).toBe(204);
    const closed = await socket.next('closed', () => true, mark);
    expect(closed.args).toEqual([f.documentId, expect.objectContaining({ code: 'NOT_A_MEMBER' })]);
    const afterClose = socket.received.length;

    const paragraphId = threads.get('everyone by a delegate')!.anchor.paragraphId;
    const ngo = sockets.get('ngo')!;
    const ngoMark = ngo.received.length;
    const forEveryone = await f.createThread('ngo', { paragraphId, audience: 'everyone', body: 'For everyone, after the removal' });
    const ownDelegation = await f.createThread('ngo', { paragraphId, audience: 'delegation', body: 'For the NGO, after the removal' });
    const earlier = threads.get('delegation by civil society')!.id;
    await f.reply('ngo', earlier, 'A reply the removed colleague must not get');
    // The author has all three, so every delivery has gone out to every socket of the document.
    await ngo.nextEvent('comments.thread_created', forEveryone.id, ngoMark);
    await ngo.nextEvent('comments.thread_created', ownDelegation.id, ngoMark);
    await ngo.nextEvent('comments.thread_updated', earlier, ngoMark);
    await sockets.get('observer')!.nextEvent('comments.thread_created', forEveryone.id);

    expect(socket.received.slice(afterClose)).toEqual([]);
    expect(socket.socket.connected).toBe(true);
    const after = await (await f.as('ngo2')).get(f.path(forEveryone.id));
    expect([after.status, after.body.error.code]).toEqual([403, 'NOT_A_MEMBER']);
  });
});
