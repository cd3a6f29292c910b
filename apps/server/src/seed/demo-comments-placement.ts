import { anchorFor } from '@accord/text/anchors';
import type { fromPlainText } from '@accord/text';
import * as Y from 'yjs';
import { type DemoThread, demoThreads } from './demo-comments.js';
import { fromBase64 } from '../common/base64.js';

type Node = ReturnType<typeof fromPlainText>;

export interface PlacedDemoThread extends DemoThread {
  anchor: { paragraphId: string; quote: string; anchorStart: Uint8Array | null; anchorEnd: Uint8Array | null };
}

/**
 * Finds each demo thread's paragraph by its quote and anchors it in the seeded content, before
 * anything is written: a quote the demo text no longer holds fails the seed loudly, not silently.
 */
export function placeDemoThreads(text: Node, content: Uint8Array): PlacedDemoThread[] {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, content);
  try {
    return demoThreads.map((thread) => {
      const paragraphId = paragraphHolding(text, thread.quote);
      const placed = anchorFor(ydoc, paragraphId, thread.quote);
      if (!placed.ok) throw new Error(`demo comment on "${thread.quote}": ${placed.message}`);
      const { start, end } = placed.anchor;
      return {
        ...thread,
        anchor: { paragraphId, quote: thread.quote, anchorStart: start ? fromBase64(start) : null, anchorEnd: end ? fromBase64(end) : null },
      };
    });
  } finally {
    ydoc.destroy();
  }
}

function paragraphHolding(text: Node, quote: string): string {
  let found: string | undefined;
  text.descendants((node) => {
    if (found) return false;
    const own = node.type.name === 'paragraph' ? node.firstChild?.textContent : node.type.name === 'subparagraph' ? node.textContent : undefined;
    if (own?.includes(quote) && typeof node.attrs.id === 'string') found = node.attrs.id;
    return true;
  });
  if (!found) throw new Error(`demo comment: no paragraph holds "${quote}"`);
  return found;
}
