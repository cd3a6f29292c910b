/**
 * An editing trace sent into one text as one update per edit from one client, as fast as the server
 * acknowledges, with at most `window` edits unacknowledged (W2's ingest; W4 builds its long
 * document with it).
 */
import type * as Y from 'yjs';
import type { BenchDocument } from './driver.js';
import type { Patch } from './editing-trace.js';

/** Edits made between two yields to the event loop, where acknowledgements are read. */
const CHUNK = 500;

/** Resolves once every edit is acknowledged; returns the wall time it took, ms. */
export async function ingestTrace(document: BenchDocument, text: Y.Text, patches: readonly Patch[], window: number): Promise<number> {
  const startedAt = performance.now();
  const checkpoints: Array<Promise<void>> = [];
  for (let i = 0; i < patches.length; i += CHUNK) {
    for (const patch of patches.slice(i, i + CHUNK)) applyPatch(document.doc, text, patch);
    checkpoints.push(document.whenAcknowledged());
    // Bound what is in flight: wait for the checkpoint `window` edits back.
    while (checkpoints.length * CHUNK > window) await checkpoints.shift();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(checkpoints);
  await document.whenAcknowledged();
  return performance.now() - startedAt;
}

/** One patch, one transaction, so one update on the wire. */
function applyPatch(doc: Y.Doc, text: Y.Text, [position, deleted, inserted]: Patch): void {
  doc.transact(() => {
    if (deleted > 0) text.delete(position, deleted);
    if (inserted.length > 0) text.insert(position, inserted);
  });
}
