/**
 * C1 comments at scale (issue 10). On Accord: a 500-paragraph document with 2,000 threads in every
 * audience and 500 replies, posted over the API; then
 *   1. the list's server time (GET …/comments as the chair), beside two peers on the same server:
 *      the same list on an equal document without threads, and GET of the document's text;
 *   2. the web editor's key-to-paint with the 500 threads the typist may see, and without (Chromium);
 *   3. a new comment's fan-out to 50 viewers, timed from the POST to each viewer's event.
 * On Hocuspocus only the fan-out's peer runs: a stateless message broadcast to 50 connections.
 */
import { LISTER, TYPIST, DEMO_MEMBERS, planThreads } from '../load/comments-plan.js';
import { accordFanOut } from '../load/comments-fan-out.js';
import { createLongDocument, DEMO_PASSWORD, enterDemoDialogue, postThreads } from '../load/comments-room.js';
import { browserPhaseBlocked, editorKeyToPaint } from '../load/editor-key-to-paint.js';
import { hocuspocusFanOut } from '../load/stateless-fan-out.js';
import { timeGets, type Measure } from '../load/timed-requests.js';
import { seededRandom } from '../load/typist.js';
import { isAccord, type CommentsListResult, type CommentsResult, type CommentsSpec, type EditorPaintResult, type TimedRequests } from '../protocol.js';
import type { WorkloadContext } from './context.js';

export async function commentsAtScale(context: WorkloadContext, spec: CommentsSpec): Promise<CommentsResult> {
  const measure: Measure = async (run) => {
    const meter = await context.startPhase();
    const value = await run();
    return { value, usage: await meter.stop() };
  };
  if (!isAccord(context.server)) {
    await context.progress(`fan-out peer: ${spec.viewers} connections, ${spec.comments} stateless messages`);
    const { fanOut, phase } = await hocuspocusFanOut(context.url, spec.viewers, spec.comments, measure);
    return { kind: 'c1', paragraphs: 0, seedSeconds: null, list: null, fanOut, editor: null, editorSkipped: null, phase };
  }

  const random = seededRandom(1010);
  const room = await enterDemoDialogue(context.url);
  const withThreads = await createLongDocument(room, 'threads', spec.paragraphs, random);
  const withoutThreads = await createLongDocument(room, 'none', spec.paragraphs, random);
  await context.progress(`two documents of ${withThreads.paragraphs.length} paragraphs written; posting ${spec.threads} threads`);

  const planned = planThreads(withThreads.paragraphs, spec);
  const seedStarted = performance.now();
  const written = await postThreads(room, withThreads.id, planned, context.progress);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  await context.progress(`${planned.length} threads and ${written - planned.length} replies posted in ${seedSeconds.toFixed(1)} s`);

  const typistSees = (await room.apis[TYPIST].comments.list(room.dialogueId, withThreads.id)).length;
  if (typistSees !== spec.visibleToTypist) {
    throw new Error(`${DEMO_MEMBERS[TYPIST].email} sees ${typistSees} threads where the audience rule gives ${spec.visibleToTypist}`);
  }

  const list = await timeList(context, measure, room.url, room.dialogueId, room.tokens[LISTER], withThreads.id, withoutThreads.id, spec);
  list.threadsStored = planned.length;
  list.comments = written;

  let editor: EditorPaintResult | null = null;
  let editorSkipped: string | null = spec.browser ? await browserPhaseBlocked(context.url) : 'not asked for (--no-browser)';
  if (editorSkipped === null) {
    try {
      editor = await editorKeyToPaint({
        url: context.url,
        dialogueId: room.dialogueId,
        email: DEMO_MEMBERS[TYPIST].email,
        password: DEMO_PASSWORD,
        withThreads: { documentId: withThreads.id, visibleThreads: typistSees },
        withoutThreads: { documentId: withoutThreads.id },
        keystrokes: spec.keystrokes,
        progress: context.progress,
      });
    } catch (error) {
      editorSkipped = `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    }
  }
  if (editorSkipped) await context.progress(`browser phase skipped: ${editorSkipped}`);

  await context.progress(`fan-out: ${spec.viewers} viewers, ${spec.comments} new threads`);
  // On a paragraph of its own words, so the fan-out's threads do not change what was measured above.
  const target = withThreads.paragraphs[withThreads.paragraphs.length - 1]!;
  const quote = target.text.split(' ').slice(3, 6).join(' ');
  const { fanOut, phase } = await accordFanOut(room, { documentId: withThreads.id, paragraphId: target.id, quote }, spec.viewers, spec.comments, measure);
  return { kind: 'c1', paragraphs: withThreads.paragraphs.length, seedSeconds, list, fanOut, editor, editorSkipped, phase };
}

async function timeList(
  context: WorkloadContext,
  measure: Measure,
  url: string,
  dialogueId: string,
  token: string,
  withThreads: string,
  withoutThreads: string,
  spec: CommentsSpec,
): Promise<CommentsListResult> {
  const documents = `${url}/api/dialogues/${dialogueId}/documents`;
  const count = spec.listRequests;
  const list = await timeGets({ url: `${documents}/${withThreads}/comments`, token, warmup: 3, count }, measure);
  const emptyList = await timeGets({ url: `${documents}/${withoutThreads}/comments`, token, warmup: 3, count }, measure);
  const documentText = await timeGets({ url: `${documents}/${withThreads}/text`, token, warmup: 3, count }, measure);
  const listed = (list.body as { threads?: unknown[] }).threads?.length ?? 0;
  await context.progress(`list of ${listed} threads: server p50 ${list.serverMs?.p50.toFixed(1) ?? '?'} ms, p95 ${list.serverMs?.p95.toFixed(1) ?? '?'} ms`);
  return { threadsStored: 0, threadsListed: listed, comments: 0, list: strip(list), emptyList: strip(emptyList), documentText: strip(documentText) };
}

const strip = ({ body: _body, ...timed }: Awaited<ReturnType<typeof timeGets>>): TimedRequests => timed;
