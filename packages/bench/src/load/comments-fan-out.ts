/**
 * Accord's fan-out: `viewers` sockets, each signed in as a member who may see the new thread and
 * with the document open, wait for `comments.thread_created`; the chair posts a thread for everyone
 * over HTTP, one at a time. Measured from just before the POST leaves to the event's arrival at
 * each viewer: the request, the commit, the read-back and the per-viewer serialization included.
 */
import { AccordClient } from '@accord/client';
import type { FanOutResult, PhaseUsage } from '../protocol.js';
import { demoMembers } from './comments-plan.js';
import type { CommentsRoom } from './comments-room.js';
import { sleep } from './connect-clients.js';
import { FanOutRecorder, markerIn } from './fan-out-recorder.js';
import type { Measure } from './timed-requests.js';

/** Between messages, so one's delivery never overlaps the next's request. */
const GAP_MS = 30;
const OPEN_CONCURRENCY = 8;

export interface FanOutTarget {
  documentId: string;
  paragraphId: string;
  quote: string;
}

export async function accordFanOut(
  room: CommentsRoom,
  target: FanOutTarget,
  viewers: number,
  messages: number,
  measure: Measure,
): Promise<{ fanOut: FanOutResult; phase: PhaseUsage }> {
  const recorder = new FanOutRecorder(viewers);
  const clients: AccordClient[] = [];
  try {
    // Every demo member may see a thread for everyone: the viewers are spread over all of them.
    let next = 0;
    const openOne = async () => {
      while (next < viewers) {
        const i = next++;
        const client = await AccordClient.connect({ url: room.url, token: room.tokens[demoMembers[i % demoMembers.length]!], transports: ['websocket'] });
        clients.push(client);
        client.onEvent('comments.thread_created', (data) => {
          if (data.documentId !== target.documentId) return;
          const marker = markerIn(data.thread.comments[0]?.body ?? '');
          // Its size is measured once: stringifying it at every arrival would delay the next viewer's.
          if (marker !== null) recorder.arrived(marker, recorder.payloadBytes || Buffer.byteLength(JSON.stringify(data)));
        });
        await client.open(target.documentId).synced;
      }
    };
    await Promise.all(Array.from({ length: OPEN_CONCURRENCY }, openOne));

    const endpoint = `${room.url}/api/dialogues/${room.dialogueId}/documents/${target.documentId}/comments`;
    const headers = { authorization: `Bearer ${room.tokens.chair}`, 'content-type': 'application/json' };
    const { usage } = await measure(async () => {
      for (let k = 1; k <= messages; k++) {
        const body = JSON.stringify({
          paragraphId: target.paragraphId,
          quote: target.quote,
          audience: 'everyone',
          body: `Fan-out comment #${k}: the chair invites views on this wording.`,
        });
        // A plain fetch, its answer read only after the viewers have theirs: parsing it here would
        // hold up the events queued behind it on this process's one thread.
        let answer: Response | undefined;
        await recorder.send(k, async () => {
          const started = performance.now();
          answer = await fetch(endpoint, { method: 'POST', headers, body });
          recorder.requestMs.push(performance.now() - started);
        });
        const text = await answer!.text();
        if (answer!.status !== 201) throw new Error(`POST ${endpoint}: ${answer!.status} ${text.slice(0, 300)}`);
        await sleep(GAP_MS);
      }
    });
    return { fanOut: recorder.result(messages, usage), phase: usage };
  } finally {
    for (const client of clients) client.close();
  }
}
