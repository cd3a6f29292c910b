/**
 * X1: several servers (issue 15). The same room, one typist and a few receivers, measured three ways
 * (alone on one server without Redis; on the document's owner among three nodes; typist on a
 * non-owner, receivers on a third node), then failover: the owner of some documents SIGKILLed, and
 * later another SIGTERMed, while their clients edit through a proxy that routes by document. On
 * Hocuspocus only the one-server room runs, as the same-run yardstick.
 */
import { closeReplicas, sleep, waitUntil, type Replica } from '../load/connect-clients.js';
import { AccordDriver } from '../load/accord-driver.js';
import type { BenchConnection, BenchDocument } from '../load/driver.js';
import { HashProxy } from '../load/hash-proxy.js';
import { LatencyProbe } from '../load/latency-probe.js';
import { plainText } from '../load/rolling-text.js';
import { Typist, seedText, seededRandom, slotStart } from '../load/typist.js';
import type { ClusterResult, ClusterRoomFigures, ClusterSetup, ClusterSpec, FailoverFigures } from '../protocol.js';
import { distribution } from '../stats.js';
import type { WorkloadContext } from './context.js';
import { SLOT_WIDTH } from './editing-rooms.js';

/** A non-owner that cannot reach the owner never syncs: this long says so rather than hanging. */
const OPEN_TIMEOUT_MS = 15_000;
const DRAIN_TIMEOUT_MS = 15_000;
const STRAGGLER_WAIT_MS = 3_000;
/** Documents created per wanted one before giving up on finding enough that hash to the victim. */
const CREATE_LIMIT_FACTOR = 20;

type Connect = (seat: number, url?: string) => Promise<BenchConnection>;

/** Where the room's clients connect; omitted urls: the workload's own server. */
interface Placement {
  /** Opens the document first and keeps it open, so that its node owns the document. */
  anchor?: string;
  sender?: string;
  receivers?: string;
}

export async function severalServers(context: WorkloadContext, spec: ClusterSpec): Promise<ClusterResult> {
  const skipped: Record<string, string> = {};
  const [oneNodeDocument] = await context.driver.createDocuments(1, 'x1-one-node');
  const oneNode = await measureRoom(context, spec, (seat) => context.driver.connect(seat), oneNodeDocument!, {});
  await context.progress(`one node: propagation p99 ${oneNode.propagationMs.p99.toFixed(1)} ms`);
  const result: ClusterResult = { kind: 'x1', rooms: { 'one-node': oneNode }, failover: { kill: null, term: null }, skipped, phase: oneNode.phase };
  if (context.server === 'hocuspocus') return result;

  const { urls } = await context.orchestrator.call('startCluster', null);
  await context.progress(`${urls.length} nodes with Redis started`);
  // The API over the one node never stopped: documents are created there, sessions are shared.
  const driver = await AccordDriver.create(urls[2]!);
  const connect: Connect = (seat, url) => driver.connect(seat, url ? { url } : {});
  const placements: Array<[Exclude<ClusterSetup, 'one-node'>, Placement]> = [
    ['owner', { sender: urls[0], receivers: urls[0] }],
    ['forwarded', { anchor: urls[0], sender: urls[1], receivers: urls[2] }],
  ];
  for (const [setup, placement] of placements) {
    try {
      const [documentId] = await driver.createDocuments(1, `x1-${setup}`);
      result.rooms[setup] = await measureRoom(context, spec, connect, documentId!, placement);
      await context.progress(`${setup}: propagation p99 ${result.rooms[setup].propagationMs.p99.toFixed(1)} ms`);
    } catch (error) {
      skipped[setup] = messageOf(error);
      await context.progress(`${setup}: ${skipped[setup]}`);
    }
  }

  const proxy = await HashProxy.start(urls.map((url, index) => ({ key: `node${index + 1}`, port: Number(new URL(url).port) })));
  try {
    result.failover.kill = await failover(context, spec, driver, proxy, 'SIGKILL', 0).catch((error: unknown) => {
      skipped.kill = messageOf(error);
      return null;
    });
    await context.orchestrator.call('startNode', { index: 0 });
    result.failover.term = await failover(context, spec, driver, proxy, 'SIGTERM', 1).catch((error: unknown) => {
      skipped.term = messageOf(error);
      return null;
    });
  } finally {
    await proxy.close();
  }
  return result;
}

/**
 * W1's measurement on one typist: each edit timed from just before the local change to its arrival in
 * every receiver's Y.Doc (LatencyProbe), and until whenSaved() called right after it resolves.
 */
async function measureRoom(context: WorkloadContext, spec: ClusterSpec, connect: Connect, documentId: string, placement: Placement): Promise<ClusterRoomFigures> {
  const replicas: Replica[] = [];
  const open = async (seat: number, url: string | undefined, who: string): Promise<BenchDocument> => {
    const connection = await connect(seat, url);
    const document = await withTimeout(connection.open(documentId), OPEN_TIMEOUT_MS, () => {
      connection.close();
      return `the ${who}'s open on ${url ?? 'the server'} did not sync within ${OPEN_TIMEOUT_MS / 1000} s`;
    });
    replicas.push({ connection, document });
    return document;
  };
  try {
    if (placement.anchor) await open(3, placement.anchor, 'anchor');
    const sender = await open(0, placement.sender, 'typist');
    sender.doc.transact(() => sender.typingText().insert(0, seedText(1, SLOT_WIDTH)));
    await sender.whenAcknowledged();
    const receivers: BenchDocument[] = [];
    for (let seat = 1; seat <= spec.receivers; seat++) receivers.push(await open(seat, placement.receivers, 'receiver'));

    const probe = new LatencyProbe();
    probe.watch(sender.doc, receivers.length);
    for (const receiver of receivers) probe.watch(receiver.doc, 0);
    const typist = new Typist(sender.typingText(), slotStart(0, SLOT_WIDTH), seededRandom(7));
    const saveAcks: number[] = [];
    let acksAwaited = 0;
    const step = () => {
      const at = probe.edit(() => typist.step());
      if (!probe.recording || !sender.whenSaved) return;
      acksAwaited++;
      void sender
        .whenSaved()
        .then(
          () => void saveAcks.push(performance.now() - at),
          () => {},
        )
        .finally(() => acksAwaited--);
    };
    await typeSteadily(step, spec.warmupEdits, spec.intervalMs);
    const phase = await context.startPhase();
    probe.recording = true;
    await typeSteadily(step, spec.edits, spec.intervalMs);
    probe.recording = false;
    const usage = await phase.stop();
    await waitUntil(() => probe.pending === 0 && acksAwaited === 0, DRAIN_TIMEOUT_MS);
    const converged = await waitUntil(() => receivers.every((receiver) => textOf(receiver) === textOf(sender)), DRAIN_TIMEOUT_MS);
    return {
      edits: probe.measuredEdits,
      receivers: receivers.length,
      propagationMs: distribution(probe.latenciesMs),
      saveAckMs: sender.whenSaved ? distribution(saveAcks) : null,
      missingDeliveries: probe.measuredEdits * receivers.length - probe.latenciesMs.length,
      converged,
      phase: usage,
    };
  } finally {
    closeReplicas(replicas);
  }
}

/** One edit every `intervalMs` on a fixed schedule, so a slow edit does not slow the rate. */
async function typeSteadily(step: () => void, edits: number, intervalMs: number): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < edits; i++) {
    step();
    await sleep(Math.max(0, start + (i + 1) * intervalMs - performance.now()));
  }
}

interface FailoverClient {
  document: BenchDocument;
  typist: Typist;
  /** From the signal until the client saw its document offline (the old owner gone). */
  offlineMs?: number;
  /** From the signal until an edit made after that was saved, necessarily by the next owner. */
  recoveredMs?: number;
}

/**
 * Documents whose first node in the proxy's order is `victim`, so that their clients, connecting
 * through the proxy, make it their owner; the clients edit, the victim gets `signal`, and each client
 * is timed from the signal until an edit it made after seeing its document offline is saved: by the
 * next owner, when the client is editing and saving again.
 */
async function failover(
  context: WorkloadContext,
  spec: ClusterSpec,
  driver: AccordDriver,
  proxy: HashProxy,
  signal: 'SIGKILL' | 'SIGTERM',
  victim: number,
): Promise<FailoverFigures> {
  const documents = await documentsOwnedBy(driver, proxy, victim, spec.failoverDocuments, `x1-${signal.toLowerCase()}`);
  const replicas: Replica[] = [];
  const clients: FailoverClient[] = [];
  const timers: NodeJS.Timeout[] = [];
  const unsubscribe: Array<() => void> = [];
  const random = seededRandom(11);
  try {
    for (const [room, documentId] of documents.entries()) {
      const roomDocuments: BenchDocument[] = [];
      for (let k = 0; k < spec.clientsPerDocument; k++) {
        const connection = await driver.connect(room + k, { url: proxy.url, routeKey: documentId });
        const document = await withTimeout(connection.open(documentId), OPEN_TIMEOUT_MS, () => {
          connection.close();
          return `a failover client's open through the proxy did not sync within ${OPEN_TIMEOUT_MS / 1000} s`;
        });
        replicas.push({ connection, document });
        if (k === 0) {
          document.doc.transact(() => document.typingText().insert(0, seedText(spec.clientsPerDocument, SLOT_WIDTH)));
          await document.whenAcknowledged();
        }
        roomDocuments.push(document);
      }
      // Every client has the slots now: each types in its own.
      clients.push(...roomDocuments.map((document, k) => ({ document, typist: new Typist(document.typingText(), slotStart(k, SLOT_WIDTH), random) })));
    }
    const before = proxy.takeCounts();
    if (before.size !== 1 || !before.has(victim)) {
      throw new Error(`the proxy sent the clients to ${describeCounts(before)}, not only to node ${victim + 1}`);
    }

    let signalledAt: number | null = null;
    const edit = (client: FailoverClient) => {
      client.typist.step();
      // Only edits made once the old owner is gone count: on SIGTERM the old owner may still save an
      // edit made just after the signal, and that is not the hand-over.
      if (client.offlineMs === undefined || client.recoveredMs !== undefined) return;
      const at = signalledAt!;
      void client.document.whenSaved!().then(
        () => void (client.recoveredMs ??= performance.now() - at),
        () => {},
      );
    };
    for (const client of clients) {
      const { onStatus, whenSaved } = client.document;
      if (!onStatus || !whenSaved) throw new Error('failover needs the SDK\'s status and save acknowledgement');
      unsubscribe.push(
        onStatus((status) => {
          if (signalledAt === null || client.offlineMs !== undefined || status !== 'offline') return;
          client.offlineMs = performance.now() - signalledAt;
          // An edit at once, so that the figure does not wait for the typist's next beat.
          edit(client);
        }),
      );
      timers.push(setTimeout(() => timers.push(setInterval(() => edit(client), spec.failoverIntervalMs)), random() * spec.failoverIntervalMs));
    }
    await sleep(spec.settleMs);
    await context.progress(`${signal}: ${clients.length} clients on ${documents.length} documents owned by node ${victim + 1} editing; sending the signal`);
    signalledAt = performance.now();
    await context.orchestrator.call('signalNode', { index: victim, signal });
    const allBack = await waitUntil(() => clients.every((client) => client.recoveredMs !== undefined), spec.recoveryTimeoutMs, 10);
    for (const timer of timers) clearTimeout(timer);
    const after = proxy.takeCounts();

    // Clients that are not back by now will not be in a few seconds more: a short look, not the drain.
    const drainMs = allBack ? DRAIN_TIMEOUT_MS : STRAGGLER_WAIT_MS;
    await withTimeout(
      Promise.all(clients.map((client) => client.document.whenSaved?.() ?? Promise.resolve())),
      drainMs,
      () => 'the clients\' last edits were not all saved after the failover',
    ).catch(() => {});
    const rooms = documents.map((_, room) => clients.slice(room * spec.clientsPerDocument, (room + 1) * spec.clientsPerDocument));
    const converged = await waitUntil(() => rooms.every((room) => room.every((client) => textOf(client.document) === textOf(room[0]!.document))), drainMs);
    const recovered = clients.flatMap((client) => (client.recoveredMs === undefined ? [] : [client.recoveredMs]));
    return {
      signal,
      documents: documents.length,
      clients: clients.length,
      offlineMs: distribution(clients.flatMap((client) => (client.offlineMs === undefined ? [] : [client.offlineMs]))),
      recoveryMs: distribution(recovered),
      unrecovered: clients.length - recovered.length,
      reconnectedTo: Object.fromEntries([...after].map(([index, count]) => [`node ${index + 1}`, count])),
      converged,
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    for (const off of unsubscribe) off();
    closeReplicas(replicas);
  }
}

async function documentsOwnedBy(driver: AccordDriver, proxy: HashProxy, victim: number, wanted: number, label: string): Promise<string[]> {
  const chosen: string[] = [];
  for (let created = 0; chosen.length < wanted; ) {
    if (created >= wanted * CREATE_LIMIT_FACTOR) throw new Error(`only ${chosen.length} of ${created} new documents hash to node ${victim + 1}`);
    const batch = await driver.createDocuments(wanted, `${label}-${created}`);
    created += batch.length;
    chosen.push(...batch.filter((id) => proxy.order(id)[0] === victim));
  }
  return chosen.slice(0, wanted);
}

function describeCounts(counts: Map<number, number>): string {
  return [...counts].map(([index, count]) => `node ${index + 1} (${count})`).join(', ') || 'no node';
}

async function withTimeout<T>(work: Promise<T>, ms: number, failure: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(failure())), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const textOf = (document: BenchDocument) => plainText(document.typingText());

const messageOf = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0]! : String(error));
