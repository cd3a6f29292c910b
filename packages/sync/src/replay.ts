import * as Y from 'yjs';
import type { LoadedDocument } from './store.js';

/** Rebuilds a document from what a store loaded: its checkpoint, then the updates after it, in order. */
export function replayStored(doc: Y.Doc, loaded: Pick<LoadedDocument, 'checkpoint' | 'updates'>): void {
  Y.transact(doc, () => {
    if (loaded.checkpoint) Y.applyUpdate(doc, loaded.checkpoint.state);
    for (const row of loaded.updates) Y.applyUpdate(doc, row.update);
  });
}
