/**
 * The SDK's comments half against a real server: every AccordApi.comments method, its typed errors,
 * and the live events AccordClient.onEvent delivers. The full visibility matrix (audience × role ×
 * path) is the server's own test; here each method is shown to carry what the server decides.
 */
import { randomUUID } from 'node:crypto';
import type { ClientEventMap, Thread } from '@accord/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccordApi, AccordApiError, AccordClient } from '../src/index.js';
import { eventually } from '../../../apps/server/test/support/eventually.js';
import { demo, startTestServer, type TestServer } from '../../../apps/server/test/support/test-server.js';

let t: TestServer;
const apis = {} as Record<'chair' | 'arandia' | 'veloria' | 'ngo' | 'observer', AccordApi>;
const clients: AccordClient[] = [];
let dialogueId: string;
let documentId: string;
/** A paragraph of the demo's text that has words, and some of its words. */
let paragraph: { id: string; quote: string };

beforeAll(async () => {
  t = await startTestServer();
  for (const name of ['chair', 'arandia', 'veloria', 'ngo', 'observer'] as const) apis[name] = await t.api(demo[name].email);
  dialogueId = (await apis.chair.dialogues.list())[0]!.id;
  documentId = (await apis.chair.documents.list(dialogueId))[0]!.id;
  const { content } = await apis.chair.documents.text(dialogueId, documentId);
  paragraph = paragraphWithWords(content);
});

afterAll(async () => {
  for (const client of clients) client.close();
  await t?.close();
});

async function failure(call: Promise<unknown>): Promise<AccordApiError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AccordApiError)) throw new Error(`expected an AccordApiError, got ${String(error)}`);
  return error;
}

/** A viewer's counts on the test's paragraph (the demo seeds comments of its own). */
async function tallyOn(api: AccordApi): Promise<{ open: number; resolved: number }> {
  return (await api.comments.counts(dialogueId, documentId)).paragraphs[paragraph.id] ?? { open: 0, resolved: 0 };
}

describe('AccordApi.comments', () => {
  let thread: Thread;
  const before = {} as Record<'arandia' | 'veloria' | 'ngo', { open: number; resolved: number }>;

  it('create: a delegate comments on words of a paragraph for the governments; the answer is the thread as they see it', async () => {
    for (const name of ['arandia', 'veloria', 'ngo'] as const) before[name] = await tallyOn(apis[name]);
    thread = await apis.arandia.comments.create(dialogueId, documentId, {
      paragraphId: paragraph.id,
      quote: paragraph.quote,
      audience: 'governments',
      body: '  Our capital asks for "meaningful" here.  ',
    });
    expect(thread).toMatchObject({
      documentId,
      audience: 'governments',
      status: 'open',
      anchor: { paragraphId: paragraph.id, quote: paragraph.quote, orphaned: false },
      // The demo dialogue is under the Chatham House Rule: the author alone sees their name.
      author: { category: 'Government', you: true, name: demo.arandia.displayName },
      can: { reply: true, resolve: true },
    });
    expect(thread.comments).toEqual([expect.objectContaining({ body: 'Our capital asks for "meaningful" here.', deleted: false, editedAt: null })]);
  });

  it('list, get and counts show it to another government, without the name; civil society sees none of it (404 like a thread that does not exist)', async () => {
    const seen = await apis.veloria.comments.get(dialogueId, documentId, thread.id);
    expect(seen.author).toEqual({ category: 'Government', you: false });
    expect((await apis.veloria.comments.list(dialogueId, documentId)).map((th) => th.id)).toContain(thread.id);
    expect(await tallyOn(apis.veloria)).toEqual({ open: before.veloria.open + 1, resolved: before.veloria.resolved });

    expect((await apis.ngo.comments.list(dialogueId, documentId)).map((th) => th.id)).not.toContain(thread.id);
    expect(await tallyOn(apis.ngo)).toEqual(before.ngo);
    const hidden = await failure(apis.ngo.comments.get(dialogueId, documentId, thread.id));
    const unknown = await failure(apis.ngo.comments.get(dialogueId, documentId, randomUUID()));
    expect([hidden.status, hidden.code, hidden.message]).toEqual([unknown.status, unknown.code, unknown.message]);
    expect(hidden.code).toBe('NOT_FOUND');
  });

  it('reply, edit and remove: the author edits their own comment; another member may not (403); a removed comment stays, deleted', async () => {
    const replied = await apis.veloria.comments.reply(dialogueId, documentId, thread.id, 'Veloria agrees.');
    const reply = replied.comments[1]!;
    expect(reply).toMatchObject({ body: 'Veloria agrees.', author: { category: 'Government', you: true } });

    const edited = await apis.veloria.comments.edit(dialogueId, documentId, thread.id, reply.id, 'Veloria agrees, with a footnote.');
    expect(edited.comments[1]).toMatchObject({ body: 'Veloria agrees, with a footnote.', editedAt: expect.any(String) });

    const notTheirs = await failure(apis.arandia.comments.edit(dialogueId, documentId, thread.id, reply.id, 'Rewritten by Arandia'));
    expect([notTheirs.status, notTheirs.code]).toEqual([403, 'ROLE_FORBIDDEN']);

    const removed = await apis.veloria.comments.remove(dialogueId, documentId, thread.id, reply.id);
    expect(removed.comments.map((c) => [c.id, c.deleted, c.body])).toEqual([
      [thread.comments[0]!.id, false, 'Our capital asks for "meaningful" here.'],
      [reply.id, true, ''],
    ]);
  });

  it('resolve and reopen: the chair resolves, the author reopens; the counts follow', async () => {
    expect((await apis.chair.comments.resolve(dialogueId, documentId, thread.id)).status).toBe('resolved');
    expect(await tallyOn(apis.arandia)).toEqual({ open: before.arandia.open, resolved: before.arandia.resolved + 1 });
    const reopened = await apis.arandia.comments.reopen(dialogueId, documentId, thread.id);
    expect([reopened.status, reopened.resolvedAt]).toEqual(['open', null]);
  });

  it('bad input is a 400 naming the field, and nothing is stored; observers only read (403)', async () => {
    const threadsBefore = (await apis.arandia.comments.list(dialogueId, documentId)).length;
    const notThere = await failure(
      apis.arandia.comments.create(dialogueId, documentId, { paragraphId: paragraph.id, quote: 'words that are nowhere in it', audience: 'everyone', body: 'x' }),
    );
    expect([notThere.status, notThere.code, notThere.fields.map((f) => f.field)]).toEqual([400, 'VALIDATION_FAILED', ['quote']]);
    const empty = await failure(apis.arandia.comments.reply(dialogueId, documentId, thread.id, '   '));
    expect(empty.fields.map((f) => f.field)).toEqual(['body']);
    expect(await apis.arandia.comments.list(dialogueId, documentId)).toHaveLength(threadsBefore);

    const observer = await failure(apis.observer.comments.create(dialogueId, documentId, { paragraphId: paragraph.id, audience: 'everyone', body: 'May I?' }));
    expect([observer.status, observer.code]).toEqual([403, 'ROLE_FORBIDDEN']);
  });
});

describe('AccordClient.onEvent', () => {
  it('delivers a new thread, typed, to a member allowed to see it who has the document open, and nothing to one who may not; unsubscribing stops it', async () => {
    const connect = async (name: 'veloria' | 'ngo') => {
      const client = await AccordClient.connect({ url: t.url, token: apis[name].token!, transports: ['websocket'] });
      clients.push(client);
      await client.open(documentId).synced;
      return client;
    };
    const [veloria, ngo] = [await connect('veloria'), await connect('ngo')];
    const veloriaSaw: Array<ClientEventMap['comments.thread_created']> = [];
    const ngoSaw: unknown[] = [];
    const stop = veloria.onEvent('comments.thread_created', (data) => veloriaSaw.push(data));
    ngo.onEvent('comments.thread_created', (data) => ngoSaw.push(data));
    ngo.onEvent('comments.thread_updated', (data) => ngoSaw.push(data));

    const created = await apis.arandia.comments.create(dialogueId, documentId, { paragraphId: paragraph.id, audience: 'governments', body: 'For governments only.' });
    await eventually(() => expect(veloriaSaw.map((d) => d.thread.id)).toEqual([created.id]));
    expect(veloriaSaw[0]).toMatchObject({ documentId, thread: { audience: 'governments', author: { category: 'Government', you: false } } });

    stop();
    const second = await apis.arandia.comments.create(dialogueId, documentId, { paragraphId: paragraph.id, audience: 'everyone', body: 'For everyone.' });
    // The ngo may see this one: once it has arrived there, the earlier one had its chance too.
    await eventually(() => expect(ngoSaw).toEqual([expect.objectContaining({ thread: expect.objectContaining({ id: second.id }) })]));
    expect(veloriaSaw).toHaveLength(1);
  });
});

interface PmNode {
  type?: string;
  text?: string;
  attrs?: { id?: unknown };
  content?: PmNode[];
}

/** The first paragraph of the ProseMirror JSON whose own text has a few words, and two of them. */
function paragraphWithWords(content: unknown): { id: string; quote: string } {
  const textOf = (node: PmNode): string => node.text ?? (node.content ?? []).filter((n) => n.type !== 'paragraph').map(textOf).join('');
  const visit = (node: PmNode): { id: string; quote: string } | null => {
    if (node.type === 'paragraph' && typeof node.attrs?.id === 'string') {
      const words = textOf(node).match(/[A-Za-z]{4,}/g) ?? [];
      if (words.length >= 3) return { id: node.attrs.id, quote: `${words[1]}` };
    }
    for (const child of node.content ?? []) {
      const found = visit(child);
      if (found) return found;
    }
    return null;
  };
  const found = visit(content as PmNode);
  if (!found) throw new Error('the demo text has no paragraph with words');
  return found;
}
