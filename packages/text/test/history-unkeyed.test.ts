/**
 * Wording a writer stored without an id of its own (a copy not yet repaired, or no id at all) is
 * still compared and never lost by a restore: a comparison that cannot see a paragraph would let text
 * into the document that no redline shows, and a restore would then delete it unseen.
 */
import { describe, expect, it } from 'vitest';
import { listBlocks } from '../src/amendments/index.js';
import { demoRollingText } from '../src/demo-rolling-text.js';
import { compareTexts, restoreBlock } from '../src/history/index.js';
import { fromJSON, toJSON } from '../src/json.js';
import { fromPlainText, toPlainText } from '../src/plain-text.js';

const original = fromPlainText(demoRollingText);
const first = listBlocks(original).find((b) => b.citation === 'Box I(1)')!;

/** The demo text with a paragraph holding `id` and new words inserted after Box I(2). */
function withSlippedIn(id: string | null, words: string) {
  const json = toJSON(original) as any;
  const box = json.content[0];
  const copy = structuredClone(box.content.find((n: any) => n.attrs?.id === first.id));
  copy.attrs.id = id;
  copy.attrs.num = 9;
  copy.content[0].content = [{ type: 'text', text: words }];
  box.content.splice(3, 0, copy);
  return fromJSON(json);
}

describe('paragraphs without an id of their own', () => {
  it.each([
    ['a repeated id', first.id],
    ['no id', null],
  ])('a paragraph with %s is compared: reported inserted with its words', (_what, id) => {
    const now = withSlippedIn(id, 'Slipped in under another id.');
    const { changes, summary } = compareTexts(original, now);
    expect(summary.inserted).toBe(1);
    expect(changes).toEqual([expect.objectContaining({ kind: 'inserted', text: expect.stringContaining('Slipped in under another id.') })]);
    expect(compareTexts(now, original).changes).toEqual([expect.objectContaining({ kind: 'deleted' })]);
  });

  it("restoring the paragraph whose id was copied leaves the copy's words in the text", () => {
    const now = withSlippedIn(first.id, 'Slipped in under another id.');
    const restored = restoreBlock(now, original, first.id);
    expect(toPlainText(restored)).toContain('Slipped in under another id.');
    expect(toPlainText(restored)).toContain(first.text);
  });
});
