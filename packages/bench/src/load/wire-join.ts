/**
 * W5's wire-level joins: a client that asks for the whole document (step 1 with an empty state
 * vector) and stops at the server's step 2, without decoding it, so that the time measured is the
 * server's delivery and not a Yjs replica's integration. Checked after the clock has stopped.
 */
import * as Y from 'yjs';

export interface WireJoin {
  /** The update the server's step 2 carried: its whole state. */
  update: Uint8Array;
  close(): void;
}

/** Long enough for a crowd on a loaded machine; a join that has not finished by then failed. */
export const WIRE_JOIN_TIMEOUT_MS = 120_000;

/** Whether an update's state vector is the writer's: cheap, as it reads the structs' ids without integrating them. */
export function sameStateVector(update: Uint8Array, writerVector: Uint8Array): boolean {
  const mine = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update));
  const theirs = Y.decodeStateVector(writerVector);
  return mine.size === theirs.size && [...mine].every(([client, clock]) => theirs.get(client) === clock);
}

/** Whether the update, applied into a fresh Y.Doc, holds the writer's text (the costly check, on a few). */
export function sameText(update: Uint8Array, writer: Y.Doc, field: string): boolean {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const same = doc.getXmlFragment(field).toString() === writer.getXmlFragment(field).toString();
  doc.destroy();
  return same;
}
