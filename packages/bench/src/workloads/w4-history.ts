/**
 * W4: revision history at scale (issue 12), on Accord only (Hocuspocus keeps no history).
 *
 * 1. A 500-paragraph document with two named revisions and delegates' edits between them
 *    (load/revisions-document.ts), written first.
 * 2. A long document: the editing trace as one update per edit (W2's ingest). The server restarts,
 *    the bench reads which checkpoints it kept (from the server's database), and it restarts again,
 *    so every read after it finds its caches empty.
 * 3. The text at past positions of the long document: a spread of random positions each read once,
 *    checkpoints read at distance 0, 1, half the gap and the whole gap (what the spacing bounds), the
 *    slider stepping forward; beside them the current text's GET, the same-run peer.
 * 4. Compare on the 500-paragraph document: Rev.1 → Rev.2, first after the restart and repeated;
 *    Rev.1 → current, each after a new edit; peer: the document's text GET, each after a new edit.
 * 5. After another restart, the timeline's first page of the long document, cold then warm; and after
 *    one more, cold again with the sessions the first one grouped and kept.
 */
import type { AccordApi } from '@accord/client';
import { enterDemoDialogue, type CommentsRoom } from '../load/comments-room.js';
import { loadEditingTrace, type EditingTrace } from '../load/editing-trace.js';
import { ingestTrace } from '../load/ingest-trace.js';
import { checkpointProbes, randomPositions, type Probe } from '../load/past-positions.js';
import { DelegateEdits, writeRevisionsDocument, type RevisionsDocument } from '../load/revisions-document.js';
import { timedGet, requestTimes, timingOf, type TimedAnswer } from '../load/timed-get.js';
import { traceTextsAt } from '../load/trace-texts.js';
import { seededRandom } from '../load/typist.js';
import type { DistanceReads, HistoryResult, HistorySpec, PhaseUsage, RequestTimes, TimedRequest } from '../protocol.js';
import { distribution } from '../stats.js';
import type { WorkloadContext } from './context.js';

/** The answers' shapes, as the SDK types them (the bench does not depend on the contract). */
type History = AccordApi['history'];
type TextAt = Awaited<ReturnType<History['textAt']>>;
type Comparison = Awaited<ReturnType<History['compare']>>;
type HistoryPage = Awaited<ReturnType<History['timeline']>>;

export async function historyAtScale(context: WorkloadContext, spec: HistorySpec): Promise<HistoryResult> {
  const { progress } = context;
  const metered = meter(context);
  let room = await enterDemoDialogue(context.url);
  const restart = async (why: string) => {
    await progress(`restarting the server (${why})`);
    const { url } = await context.orchestrator.call('restartServer', null);
    context.driver.setUrl(url);
    room = { ...room, url };
  };

  await progress(`writing a ${spec.paragraphs}-paragraph document, Rev.1, ${spec.edits} delegates' edits, Rev.2`);
  const revisions = await writeRevisionsDocument(room, spec.paragraphs, spec.edits);

  const trace = loadEditingTrace(spec.tracePath, spec.editLimit);
  await progress(`${trace.source} trace, ${trace.patches.length} edits, into one document`);
  const { documentId: longId, ingestMs } = await ingestLongDocument(context, trace, spec.window);
  await progress(`ingested in ${(ingestMs / 1000).toFixed(1)} s`);

  await restart('to read what it stored');
  const stored = await context.orchestrator.call('storedHistory', { documentId: longId });
  const seqs = stored.checkpoints.map((checkpoint) => checkpoint.seq);
  await progress(`${stored.updates} updates, ${seqs.length} checkpoints kept (${(sum(stored.checkpoints.map((c) => c.bytes)) / 1e6).toFixed(1)} MB)`);
  await restart('cold caches');

  const long = (path: string) => `${documentUrl(room, longId)}/${path}`;
  const chair = room.tokens.chair;
  const textAt = (seq: number) => timedGet<TextAt>(long(`text?at=seq:${seq}&format=json`), chair);
  const end = stored.updates;
  const random = seededRandom(4444);
  const expected = new Map<number, string>();
  const read = async (seq: number) => {
    const answer = await textAt(seq);
    if (answer.body.seq !== seq) throw new Error(`asked for the text at ${seq}, got ${answer.body.seq}`);
    expected.set(seq, firstParagraphText(answer.body));
    return answer;
  };

  // The first read also loads the document (its current state) into the restarted server.
  const firstSeq = Math.floor(end / 2) + 7;
  const first = await once(metered, () => read(firstSeq));
  const probes = checkpointProbes(seqs, spec.checkpointProbes).filter((probe) => probe.seq < end && probe.seq !== firstSeq);
  const taken = new Set([firstSeq, ...probes.map((probe) => probe.seq)]);
  const positions = randomPositions(spec.randomReads, end, random, taken);
  await progress(`reading the text at ${positions.length} random positions, newest first`);
  const {
    value: randomReads,
    cpuMs: randomCpuMs,
    usage,
  } = await metered(positions.length, async () => {
    const reads: Array<TimedAnswer<TextAt>> = [];
    for (const seq of positions) reads.push(await read(seq));
    return reads;
  });

  await progress(`reading at ${probes.length} positions 0, 1, half a gap and a gap after a checkpoint`);
  const probed: Array<{ probe: Probe; timing: TimedRequest }> = [];
  for (const probe of probes) probed.push({ probe, timing: timingOf(await once(metered, () => read(probe.seq))) });

  const slider = await stepForward(read, metered, end, spec, random, taken);
  const current = await repeat(metered, spec.requests, () => timedGet(long('text?format=json'), chair));

  await progress('compare: Rev.1 → Rev.2, first after the restart, then again');
  const compared = await timeCompare(room, revisions, spec, metered);

  await restart('cold timeline');
  const coldTimeline = await once(metered, () => timedGet<HistoryPage>(long('history'), chair));
  const warmTimeline = await repeat(metered, spec.requests, () => timedGet<HistoryPage>(long('history'), chair));
  // The long log is one author's session: the 500-paragraph document's page has 30 entries to describe.
  const busyUrl = `${documentUrl(room, revisions.id)}/history`;
  const busyFirst = await timedGet<HistoryPage>(busyUrl, chair);
  const busyTimeline = await repeat(metered, spec.requests, () => timedGet<HistoryPage>(busyUrl, chair));
  // The sessions grouped above are kept in the database: a restarted server reads them, not the log.
  await restart('cold timeline, sessions kept');
  const coldKeptTimeline = await once(metered, () => timedGet<HistoryPage>(long('history'), chair));

  await progress('checking every text read against the trace');
  const matches = checkTexts(trace, end, expected);
  if (!matches) await progress('WARNING: some text read did not match the trace replayed to its position');

  return {
    kind: 'w4',
    trace: { source: trace.source, edits: trace.patches.length, prefixOnly: trace.source === 'automerge-paper' && trace.endContent === null },
    ingestSeconds: ingestMs / 1000,
    stored: { ...stored, checkpointGap: distribution(seqs.slice(1).map((seq, i) => seq - seqs[i]!)) },
    textAt: {
      first: timingOf(first),
      random: requestTimes(randomReads, randomCpuMs),
      byDistance: byDistance(probed),
      slider,
      current,
      bytes: Math.max(first.bytes, ...randomReads.map((answer) => answer.bytes)),
      matchesTrace: matches,
    },
    timeline: {
      cold: timingOf(coldTimeline),
      coldKept: timingOf(coldKeptTimeline),
      warm: warmTimeline,
      firstPageEntries: coldTimeline.body.entries.length,
      busy: { first: timingOf(busyFirst), warm: busyTimeline, firstPageEntries: busyFirst.body.entries.length },
    },
    compare: compared,
    phase: usage,
  };
}

/** Runs requests inside a phase and gives the server's CPU time per request (ms); on PostgreSQL its backends' are added. */
type Metered = <T>(count: number, run: () => Promise<T>) => Promise<{ value: T; cpuMs: number; usage: PhaseUsage }>;

function meter(context: WorkloadContext): Metered {
  return async (count, run) => {
    const phase = await context.startPhase();
    const value = await run();
    const usage = await phase.stop();
    return { value, cpuMs: (usage.serverCpuUs + (usage.databaseCpuUs ?? 0)) / 1000 / Math.max(1, count), usage };
  };
}

/** One request, with the server's CPU time for it. */
async function once<T>(metered: Metered, request: () => Promise<TimedAnswer<T>>): Promise<TimedAnswer<T>> {
  const { value, cpuMs } = await metered(1, request);
  return { ...value, serverCpuMs: cpuMs };
}

const documentUrl = (room: CommentsRoom, documentId: string) => `${room.url}/api/dialogues/${room.dialogueId}/documents/${documentId}`;
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** W2's long document: one paragraph of a new rolling text receives the whole trace, one update per edit. */
async function ingestLongDocument(context: WorkloadContext, trace: EditingTrace, window: number): Promise<{ documentId: string; ingestMs: number }> {
  const [documentId] = await context.driver.createDocuments(1, 'w4');
  const writer = await context.driver.connect(0);
  try {
    const document = await writer.open(documentId!);
    const text = document.typingText();
    await document.whenAcknowledged();
    const ingestMs = await ingestTrace(document, text, trace.patches, window);
    document.close();
    return { documentId: documentId!, ingestMs };
  } finally {
    writer.close();
  }
}

/** The slider dragged to the right: positions `sliderStride` apart from a random start. Its first read (a fresh replay) is left out. */
async function stepForward(
  read: (seq: number) => Promise<TimedAnswer<TextAt>>,
  metered: Metered,
  end: number,
  spec: HistorySpec,
  random: () => number,
  taken: Set<number>,
): Promise<RequestTimes> {
  const span = spec.sliderSteps * spec.sliderStride;
  const start = 2 + Math.floor(random() * Math.max(1, end - span - 3));
  const positions = Array.from({ length: spec.sliderSteps }, (_, k) => start + (k + 1) * spec.sliderStride).filter((seq) => seq < end && !taken.has(seq));
  await read(start);
  const { value: steps, cpuMs } = await metered(positions.length, async () => {
    const timings: TimedRequest[] = [];
    for (const seq of positions) timings.push(timingOf(await read(seq)));
    return timings;
  });
  return requestTimes(steps, cpuMs);
}

async function repeat<T>(metered: Metered, count: number, request: () => Promise<TimedAnswer<T>>): Promise<RequestTimes> {
  const { value: timings, cpuMs } = await metered(count, async () => {
    const measured: TimedRequest[] = [];
    for (let i = 0; i < count; i++) measured.push(timingOf(await request()));
    return measured;
  });
  return requestTimes(timings, cpuMs);
}

async function timeCompare(room: CommentsRoom, revisions: RevisionsDocument, { requests, edits }: HistorySpec, metered: Metered): Promise<HistoryResult['compare']> {
  const url = documentUrl(room, revisions.id);
  const chair = room.tokens.chair;
  const compare = (from: string, to: string) => timedGet<Comparison>(`${url}/compare?from=${from}&to=${to}`, chair);
  const first = await once(metered, () => compare(revisions.rev1.id, revisions.rev2.id));
  const repeated = await repeat(metered, requests, () => compare(revisions.rev1.id, revisions.rev2.id));
  // Two points between the revisions, new each time: both texts rebuilt (a checkpoint and its tail) in a warm process.
  let k = 0;
  const between = await repeat(metered, requests, () => {
    k++;
    return compare(`seq:${revisions.rev1.seq + k}`, `seq:${revisions.rev2.seq - k}`);
  });
  // Rev.1 → current and the text now, each after a delegate's new edit: never a comparison or text the server kept.
  const delegates = new DelegateEdits(room, revisions.id, revisions.paragraphs);
  const toCurrent: TimedRequest[] = [];
  const documentText: TimedRequest[] = [];
  try {
    await delegates.open();
    for (let i = 0; i < requests; i++) {
      await delegates.edit(1);
      toCurrent.push(timingOf(await once(metered, () => compare(revisions.rev1.id, 'current'))));
      await delegates.edit(1);
      documentText.push(timingOf(await once(metered, () => timedGet(`${url}/text?format=json`, chair))));
    }
  } finally {
    delegates.close();
  }
  const { summary } = first.body;
  return {
    paragraphs: revisions.paragraphs.length,
    edits,
    changes: first.body.changes.length,
    rev1Seq: revisions.rev1.seq,
    rev2Seq: revisions.rev2.seq,
    first: timingOf(first),
    repeated,
    between,
    toCurrent: requestTimes(toCurrent, meanCpu(toCurrent)),
    documentText: requestTimes(documentText, meanCpu(documentText)),
    summary: Object.fromEntries(Object.entries(summary).filter((entry): entry is [string, number] => typeof entry[1] === 'number')),
  };
}

function meanCpu(requests: readonly TimedRequest[]): number | null {
  const cpu = requests.map((request) => request.serverCpuMs);
  return cpu.every((ms): ms is number => ms !== null) && cpu.length > 0 ? cpu.reduce((a, b) => a + b, 0) / cpu.length : null;
}

function byDistance(probed: ReadonlyArray<{ probe: Probe; timing: TimedRequest }>): DistanceReads[] {
  const kinds: Array<DistanceReads['kind']> = ['at a checkpoint', '1 after', 'half way to the next', 'last before the next'];
  return kinds.map((kind) => {
    const reads = probed.filter((entry) => entry.probe.kind === kind);
    const timings = reads.map((entry) => entry.timing);
    return { kind, distance: distribution(reads.map((entry) => entry.probe.distance)), ...requestTimes(timings, meanCpu(timings)) };
  });
}

/** The trace's text lives in the first paragraph of the first box (W2's typing text). */
function firstParagraphText(answer: TextAt): string {
  type JsonNode = { type: string; text?: string; content?: JsonNode[] };
  const box = (answer.content as JsonNode | null)?.content?.[0];
  const paragraph = box?.content?.find((node) => node.type === 'paragraph');
  const line = paragraph?.content?.[0];
  return (line?.content ?? []).map((node) => node.text ?? '').join('');
}

/**
 * Every text read equals the trace replayed to its position. The log's first updates are the
 * document's template and the paragraph's empty text line; each edit after them is one update.
 */
function checkTexts(trace: EditingTrace, end: number, read: ReadonlyMap<number, string>): boolean {
  const before = end - trace.patches.length;
  const wanted = [...read.keys()].filter((seq) => seq >= before);
  const texts = traceTextsAt(trace.patches, wanted.map((seq) => seq - before));
  return wanted.every((seq) => texts.get(seq - before) === read.get(seq));
}
