/**
 * The comments workload's setting on an Accord server, built through the SDK as an application
 * would: the demo dialogue's members signed in (one session each), long documents written into over
 * the collaboration socket, and threads posted over the HTTP API (AccordApi), so every anchor is one
 * the server placed on real words of real paragraphs.
 */
import { AccordApi, AccordClient } from '@accord/client';
import { DEMO_MEMBERS, demoMembers, type DemoMember, type PlannedThread } from './comments-plan.js';
import { writeParagraphs, type WrittenParagraph } from './long-rolling-text.js';

export const DEMO_PASSWORD = 'accord-demo';

export interface CommentsRoom {
  url: string;
  dialogueId: string;
  apis: Record<DemoMember, AccordApi>;
  tokens: Record<DemoMember, string>;
}

export interface LongDocument {
  id: string;
  paragraphs: WrittenParagraph[];
}

export async function enterDemoDialogue(url: string): Promise<CommentsRoom> {
  const apis = {} as Record<DemoMember, AccordApi>;
  const tokens = {} as Record<DemoMember, string>;
  for (const member of demoMembers) {
    const api = new AccordApi({ baseUrl: url });
    await api.signIn(DEMO_MEMBERS[member].email, DEMO_PASSWORD);
    apis[member] = api;
    tokens[member] = api.token!;
  }
  const dialogue = (await apis.chair.dialogues.list()).find((d) => d.myRole === 'chair');
  if (!dialogue) throw new Error('the demo dialogue is missing: was the server started with SEED_DEMO=true on an empty database?');
  return { url, dialogueId: dialogue.id, apis, tokens };
}

/** A new document whose rolling text holds `count` paragraphs, stored before this resolves. */
export async function createLongDocument(room: CommentsRoom, label: string, count: number, random: () => number): Promise<LongDocument> {
  const symbol = `BENCH/C1/${label}/${Date.now().toString(36)}`;
  const { id } = await room.apis.chair.documents.create(room.dialogueId, { title: `Bench comments: ${label}`, symbol });
  const client = await AccordClient.connect({ url: room.url, token: room.tokens.chair, transports: ['websocket'] });
  try {
    const handle = client.open(id);
    await handle.synced;
    const paragraphs = writeParagraphs(handle.doc, count, random);
    await handle.whenSaved();
    handle.close();
    return { id, paragraphs };
  } finally {
    client.close();
  }
}

/**
 * Posts every planned thread and its reply, `concurrency` at a time (each member's requests in
 * turn, as several people commenting at once). Returns the comments written.
 */
export async function postThreads(
  room: CommentsRoom,
  documentId: string,
  planned: readonly PlannedThread[],
  progress: (message: string) => Promise<unknown>,
  concurrency = 4,
): Promise<number> {
  let next = 0;
  let comments = 0;
  const worker = async () => {
    while (next < planned.length) {
      const i = next++;
      const { author, audience, paragraphId, quote, body, replier } = planned[i]!;
      const thread = await room.apis[author].comments.create(room.dialogueId, documentId, {
        paragraphId,
        audience,
        body,
        ...(quote === undefined ? {} : { quote }),
      });
      comments++;
      if (replier) {
        await room.apis[replier].comments.reply(room.dialogueId, documentId, thread.id, 'Agreed; the secretariat could propose a compromise.');
        comments++;
      }
      if ((i + 1) % 500 === 0) await progress(`${i + 1} of ${planned.length} threads posted`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return comments;
}
