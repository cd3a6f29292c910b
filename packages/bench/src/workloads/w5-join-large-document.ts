/**
 * W5 (issue 16): many clients join a large document at once. One client writes a rolling text whose
 * encoded state is at least `stateBytes` and stays in the room; then the crowd joins twice, every
 * client starting at the same moment on a fresh connection:
 * - on the wire (the headline): clients that ask for the whole state and stop when the server's
 *   step 2 has arrived, without decoding it (w5-wire-crowd.ts): what the server delivers;
 * - through the SDK / provider, until each replica has applied it: what one process decoding 150
 *   copies of the state adds to that.
 */
import * as Y from 'yjs';
import { closeReplicas, type Replica } from '../load/connect-clients.js';
import { joinCrowd } from '../load/join-crowd.js';
import { growRollingText } from '../load/large-rolling-text.js';
import { seededRandom } from '../load/typist.js';
import type { JoinResult, WorkloadSpec } from '../protocol.js';
import type { WorkloadContext } from './context.js';
import { joinOnWire } from './w5-wire-crowd.js';

type Spec = Extract<WorkloadSpec, { kind: 'w5' }>;

/** Between the two crowds: the first one's sockets closed and their buffers released. */
const SETTLE_MS = 2_000;

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
    `wrote ${grown.paragraphs} paragraphs, ${grown.characters.toLocaleString('en-US')} characters: encoded state ${(writerState.length / 1024 / 1024).toFixed(2)} MB in ${writeSeconds.toFixed(1)} s; ${spec.clients} clients join at once, on the wire`,
  );

  const wire = await joinOnWire(context, spec.clients, documentId!, { doc: writer.doc, state: writerState, vector: writerVector });
  await context.progress(
    `on the wire: p99 ${wire.untilMs.p99.toFixed(0)} ms, ${wire.sameStateVector} of ${spec.clients} got the whole state; then ${spec.clients} join through the ${context.server === 'hocuspocus' ? 'provider' : 'SDK'}`,
  );
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

  const { joined, figures } = await joinCrowd(context, spec.clients, async (i): Promise<Replica> => {
    // Seats after the writer's: on Accord spread over the demo's editor accounts, as W3's clients.
    const connection = await driver.connect(i + 1);
    return { connection, document: await connection.open(documentId!) };
  });
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
    wire,
    sdk: { ...figures, complete },
    phase: wire.phase,
  };
}

function holdsWhole(doc: Y.Doc, writerVector: Uint8Array, writerBytes: number): boolean {
  const mine = Y.decodeStateVector(Y.encodeStateVector(doc));
  const theirs = Y.decodeStateVector(writerVector);
  const same = mine.size === theirs.size && [...mine].every(([client, clock]) => theirs.get(client) === clock);
  return same && Y.encodeStateAsUpdate(doc).length === writerBytes;
}
