/**
 * W5 (issue 16): many clients join a large document at once. One client writes a rolling text whose
 * encoded state is at least `stateBytes` and stays in the room; then every joiner starts at the same
 * moment on a fresh connection, and each is timed from its connect start until its replica is synced.
 * Afterwards each replica must hold the whole document: the writer's state vector and encoded size.
 */
import * as Y from 'yjs';
import { closeReplicas, type Replica } from '../load/connect-clients.js';
import { growRollingText } from '../load/large-rolling-text.js';
import { seededRandom } from '../load/typist.js';
import type { JoinResult, WorkloadSpec } from '../protocol.js';
import { distribution } from '../stats.js';
import type { WorkloadContext } from './context.js';

type Spec = Extract<WorkloadSpec, { kind: 'w5' }>;

const RSS_SAMPLE_MS = 50;

export async function joinLargeDocument(context: WorkloadContext, spec: Spec): Promise<JoinResult> {
  const { driver } = context;
  const [documentId] = await driver.createDocuments(1, 'w5');
  const writerConnection = await driver.connect(0);
  const writer = await writerConnection.open(documentId!);
  const writeStart = performance.now();
  const grown = await growRollingText(writer, spec, seededRandom(5));
  const writeSeconds = (performance.now() - writeStart) / 1000;
  const writerState = Y.encodeStateAsUpdate(writer.doc);
  const writerVector = Y.encodeStateVector(writer.doc);
  await context.progress(
    `wrote ${grown.paragraphs} paragraphs, ${grown.characters.toLocaleString('en-US')} characters: encoded state ${(writerState.length / 1024 / 1024).toFixed(2)} MB in ${writeSeconds.toFixed(1)} s; ${spec.clients} clients join at once`,
  );

  const serverBefore = await context.orchestrator.call('serverUsage', null);
  let peakRss = serverBefore.rssBytes;
  const sampling = { on: true };
  const sampler = (async () => {
    while (sampling.on) {
      const usage = await context.orchestrator.call('serverUsage', null);
      peakRss = Math.max(peakRss, usage.rssBytes);
      await new Promise((resolve) => setTimeout(resolve, RSS_SAMPLE_MS));
    }
  })();

  const phase = await context.startPhase();
  const joinStart = performance.now();
  const failures: string[] = [];
  const times: number[] = [];
  const joined = await Promise.all(
    Array.from({ length: spec.clients }, async (_, i): Promise<Replica | null> => {
      const start = performance.now();
      try {
        // Seats after the writer's: on Accord spread over the demo's editor accounts, as W3's clients.
        const connection = await driver.connect(i + 1);
        const document = await connection.open(documentId!);
        times.push(performance.now() - start);
        return { connection, document };
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
        return null;
      }
    }),
  );
  const joinSeconds = (performance.now() - joinStart) / 1000;
  const usage = await phase.stop();
  sampling.on = false;
  await sampler;

  const replicas = joined.filter((replica): replica is Replica => replica !== null);
  const complete = replicas.filter(({ document }) => holdsWhole(document.doc, writerVector, writerState.length)).length;
  closeReplicas(replicas);
  writer.close();
  writerConnection.close();
  return {
    kind: 'w5',
    clients: spec.clients,
    stateBytes: writerState.length,
    paragraphs: grown.paragraphs,
    characters: grown.characters,
    writeSeconds,
    untilSyncedMs: distribution(times),
    complete,
    failed: failures.length,
    failures: failures.slice(0, 5),
    joinSeconds,
    serverRssBeforeBytes: serverBefore.rssBytes,
    serverPeakRssBytes: peakRss,
    phase: usage,
  };
}

function holdsWhole(doc: Y.Doc, writerVector: Uint8Array, writerBytes: number): boolean {
  const mine = Y.encodeStateVector(doc);
  const theirs = Y.decodeStateVector(writerVector);
  const same = [...Y.decodeStateVector(mine)].every(([client, clock]) => theirs.get(client) === clock) && Y.decodeStateVector(mine).size === theirs.size;
  return same && Y.encodeStateAsUpdate(doc).length === writerBytes;
}
