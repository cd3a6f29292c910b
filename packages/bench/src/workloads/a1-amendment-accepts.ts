/**
 * A1: accepting an amendment on a long document (issue 11). The chair writes a rolling text of 500
 * paragraphs (five boxes of 100, with brackets, sub-paragraphs, footnotes and agreed paragraphs) over
 * the collaboration socket; civil society and a delegation propose replacements of paragraphs across
 * it (a delegation supports civil society's); then the chair accepts them one at a time, as proposed
 * and in brackets in turn. Each accept is timed from just before its POST until the HTTP answer,
 * which the server sends after the change is committed, and until another member's connected
 * client (Veloria's delegate) holds the change in its Y.Doc. The reference, in the same run on the
 * same document: as many plain updates typed by a delegate (Arandia), each timed until that same
 * client holds it. Hocuspocus has no amendments and no peer here.
 */
import { AccordClient } from '@accord/client';
import { yDocPlainText } from '@accord/text/yjs';
import * as Y from 'yjs';
import { enterDemoDialogue, type CommentsRoom } from '../load/comments-room.js';
import { sleep } from '../load/connect-clients.js';
import { longRulesText, type LongParagraph } from '../load/rules-texts.js';
import { serverTimingMs, type Measure } from '../load/timed-requests.js';
import { writeDocumentAs } from '../load/write-document.js';
import { paragraphTextOf } from '../load/write-rolling-text.js';
import type { AmendmentsResult, AmendmentsSpec } from '../protocol.js';
import { distribution } from '../stats.js';
import type { WorkloadContext } from './context.js';

/** Between two accepts (and two reference updates), so one's delivery never overlaps the next. */
const GAP_MS = 50;
const ARRIVAL_TIMEOUT_MS = 10_000;

interface Planned {
  paragraph: LongParagraph;
  marker: string;
  mode: 'as_proposed' | 'bracketed';
  amendmentId: string;
}

export async function amendmentAccepts(context: WorkloadContext, spec: AmendmentsSpec): Promise<AmendmentsResult> {
  const room = await enterDemoDialogue(context.url);
  const { text, paragraphs } = longRulesText(spec.paragraphs);
  const symbol = `BENCH/A1/${Date.now().toString(36)}`;
  const { id: documentId } = await room.apis.chair.documents.create(room.dialogueId, { title: 'Bench amendments', symbol });
  await writeDocumentAs(room.url, room.tokens.chair, documentId, text);
  await context.progress(`a document of ${paragraphs.length} paragraphs written; proposing ${spec.accepts} amendments`);

  const planned = await propose(room, documentId, paragraphs, spec.accepts);
  const clients: AccordClient[] = [];
  try {
    const open = async (token: string) => {
      const client = await AccordClient.connect({ url: room.url, token, transports: ['websocket'] });
      clients.push(client);
      const handle = client.open(documentId);
      await handle.synced;
      return handle;
    };
    const watcher = await open(room.tokens.veloria);
    const writer = await open(room.tokens.arandia);
    const arrivals = new MarkerArrivals(watcher.doc);
    const measure: Measure = async (run) => {
      const meter = await context.startPhase();
      const value = await run();
      return { value, usage: await meter.stop() };
    };

    await context.progress(`accepting ${planned.length} amendments, one at a time`);
    const acceptMs: number[] = [];
    const acceptServerMs: Array<number | null> = [];
    const seenMs: number[] = [];
    const { usage } = await measure(async () => {
      for (const amendment of planned) {
        const arrived = arrivals.expect(amendment.marker);
        const started = performance.now();
        const response = await fetch(`${documentsUrl(room, documentId)}/amendments/${amendment.amendmentId}/accept`, {
          method: 'POST',
          headers: { authorization: `Bearer ${room.tokens.chair}`, 'content-type': 'application/json' },
          body: JSON.stringify({ mode: amendment.mode }),
        });
        acceptMs.push(performance.now() - started);
        acceptServerMs.push(serverTimingMs(response.headers.get('server-timing')));
        const body = await response.text();
        if (!response.ok) throw new Error(`accepting ${amendment.mode} on ${amendment.paragraph.id}: ${response.status} ${body.slice(0, 300)}`);
        const at = await arrived;
        if (at !== null) seenMs.push(at - started);
        await sleep(GAP_MS);
      }
    });

    // The reference: a delegate types a marked word at the end of the last paragraph, which no amendment touched.
    const typed = paragraphTextOf(writer.doc, paragraphs.at(-1)!.id);
    const updateSeenMs: number[] = [];
    for (let k = 0; k < planned.length; k++) {
      const marker = ` QZR${k}`;
      const arrived = arrivals.expect(marker.trim());
      const started = performance.now();
      typed.insert(typed.length, marker);
      const at = await arrived;
      if (at !== null) updateSeenMs.push(at - started);
      await sleep(GAP_MS);
    }
    await writer.whenSaved();

    const finalText = yDocPlainText(watcher.doc);
    const allSeen = planned.every((amendment) => finalText.includes(amendment.marker)) && seenMs.length === planned.length;
    const serverTimes = acceptServerMs.filter((ms): ms is number => ms !== null);
    return {
      kind: 'a1',
      paragraphs: paragraphs.length,
      accepts: planned.length,
      modes: {
        asProposed: planned.filter((amendment) => amendment.mode === 'as_proposed').length,
        bracketed: planned.filter((amendment) => amendment.mode === 'bracketed').length,
      },
      acceptMs: distribution(acceptMs),
      acceptServerMs: serverTimes.length === acceptServerMs.length ? distribution(serverTimes) : null,
      seenMs: distribution(seenMs),
      updateSeenMs: distribution(updateSeenMs),
      serverCpuMsPerAccept: usage.serverCpuUs / 1000 / planned.length,
      databaseCpuMsPerAccept: usage.databaseCpuUs === null ? null : usage.databaseCpuUs / 1000 / planned.length,
      allSeen,
      phase: usage,
    };
  } finally {
    for (const client of clients) client.close();
  }
}

const documentsUrl = (room: CommentsRoom, documentId: string) => `${room.url}/api/dialogues/${room.dialogueId}/documents/${documentId}`;

/**
 * One replacement per chosen paragraph, spread over the document (agreed paragraphs are locked for
 * amendments): its first word becomes a marker of capitals and digits, which no word of the text
 * shares a character with, so the change is recognised in any update that carries it. Civil society
 * proposes every other one, supported by Arandia's delegate; Arandia's delegate the rest.
 */
async function propose(room: CommentsRoom, documentId: string, paragraphs: readonly LongParagraph[], count: number): Promise<Planned[]> {
  const open = paragraphs.filter((paragraph) => !paragraph.agreed);
  const step = Math.max(1, Math.floor(open.length / count));
  const planned: Planned[] = [];
  for (let k = 0; k < count && k * step < open.length; k++) {
    const paragraph = open[k * step]!;
    const marker = `QZX${k.toString(36).toUpperCase()}`;
    const proposer = k % 2 === 0 ? room.apis.ngo : room.apis.arandia;
    const amendment = await proposer.amendments.propose(room.dialogueId, documentId, {
      paragraphId: paragraph.id,
      kind: 'replace',
      text: paragraph.text.replace(/^\S+/, marker),
      justification: 'Bench A1: a clearer first word.',
    });
    if (k % 2 === 0) await room.apis.arandia.amendments.support(room.dialogueId, documentId, amendment.id);
    planned.push({ paragraph, marker, mode: k % 2 === 0 ? 'as_proposed' : 'bracketed', amendmentId: amendment.id });
  }
  return planned;
}

/** Times the arrival, in one replica, of the first update whose inserted text holds an expected marker. */
class MarkerArrivals {
  private waiting: { marker: string; resolve: (at: number | null) => void } | null = null;

  constructor(doc: Y.Doc) {
    doc.on('update', (update: Uint8Array) => {
      const waiting = this.waiting;
      if (!waiting) return;
      const now = performance.now();
      const { structs } = Y.decodeUpdate(update);
      if (structs.some((struct) => struct instanceof Y.Item && struct.content instanceof Y.ContentString && struct.content.str.includes(waiting.marker))) {
        this.waiting = null;
        waiting.resolve(now);
      }
    });
  }

  /** Resolves with the arrival time, or null when it did not come within the timeout. */
  expect(marker: string): Promise<number | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (this.waiting?.marker === marker) this.waiting = null;
        resolve(null);
      }, ARRIVAL_TIMEOUT_MS);
      this.waiting = {
        marker,
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      };
    });
  }
}
