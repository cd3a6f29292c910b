import { listBlocks } from '@accord/text/amendments';
import type { fromPlainText } from '@accord/text';
import { type DemoAmendment, demoAmendments } from './demo-amendments.js';

type Node = ReturnType<typeof fromPlainText>;

export interface PlacedDemoAmendment extends DemoAmendment {
  paragraphId: string;
  label: string;
  baseText: string;
}

/**
 * Finds each demo amendment's paragraph by its citation before anything is written: a citation the
 * demo text no longer has fails the seed loudly, not silently.
 */
export function placeDemoAmendments(text: Node): PlacedDemoAmendment[] {
  const blocks = listBlocks(text);
  return demoAmendments.map((amendment) => {
    const block = blocks.find((b) => b.citation === amendment.at);
    if (!block) throw new Error(`demo amendment at ${amendment.at}: the demo text has no such paragraph`);
    return { ...amendment, paragraphId: block.id, label: block.citation, baseText: amendment.base ?? block.text };
  });
}
