/** The text of an editing trace after its first n edits, for each n asked: one replay into a local Y.Text. */
import * as Y from 'yjs';
import type { Patch } from './editing-trace.js';

export function traceTextsAt(patches: readonly Patch[], counts: readonly number[]): Map<number, string> {
  const wanted = new Set(counts);
  const texts = new Map<number, string>();
  const doc = new Y.Doc();
  const text = doc.getText('trace');
  if (wanted.has(0)) texts.set(0, '');
  patches.forEach(([position, deleted, inserted], i) => {
    if (deleted > 0) text.delete(position, deleted);
    if (inserted.length > 0) text.insert(position, inserted);
    if (wanted.has(i + 1)) texts.set(i + 1, text.toString());
  });
  doc.destroy();
  return texts;
}
