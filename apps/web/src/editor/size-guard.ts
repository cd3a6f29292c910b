import type { Fragment, Mark, Node } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { AddMarkStep, AttrStep, RemoveMarkStep, ReplaceAroundStep, ReplaceStep } from '@tiptap/pm/transform';
import { isFromSync } from './repair-plugin';

/**
 * Stops a local change the server would refuse for its size (SYNC_MAX_UPDATE_BYTES, 1 MiB by
 * default), before it is applied: a 1.5 MB paste used to show up, be refused, and take the editor
 * down with it. The Yjs update a change becomes is estimated from what it inserts, on the high side:
 * the UTF-8 bytes of its text, each node's name and attributes, each mark (y-prosemirror writes a
 * mark as a format item at both ends of its run), plus a per-item header.
 */

export interface ChangeTooLarge {
  /** The estimated size of the change's Yjs update, in bytes. */
  bytes: number;
  /** The server's limit for one change. */
  limit: number;
}

/** A Yjs item's fixed cost: info byte, client id and clock, origins, parent. Generous. */
const ITEM_OVERHEAD = 24;

export function sizeGuard(maxChangeBytes: () => number | null, onTooLarge: (refusal: ChangeTooLarge) => void): Plugin {
  return new Plugin({
    key: new PluginKey('accordSizeGuard'),
    filterTransaction(tr) {
      if (!tr.docChanged || isFromSync(tr)) return true;
      const limit = maxChangeBytes();
      if (limit === null) return true;
      const bytes = estimateUpdateBytes(tr);
      if (bytes <= limit) return true;
      onTooLarge({ bytes, limit });
      return false;
    },
  });
}

/** An upper estimate of the Yjs update a transaction becomes. */
export function estimateUpdateBytes(tr: Transaction): number {
  let bytes = 0;
  for (const [index, step] of tr.steps.entries()) {
    if (step instanceof ReplaceStep || step instanceof ReplaceAroundStep) {
      // Deletions are ranges in the update's delete set: a few bytes each.
      bytes += 16 + fragmentBytes(step.slice.content);
      if (step instanceof ReplaceStep && tr.docs[index]) bytes += mergedBytes(tr.docs[index], step.from, step.to);
    } else if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) {
      bytes += 2 * markBytes(step.mark) * Math.max(1, countRuns(tr, step.from, step.to));
    } else if (step instanceof AttrStep) {
      bytes += ITEM_OVERHEAD + utf8Bytes(step.attr) + jsonBytes(step.value);
    } else {
      bytes += ITEM_OVERHEAD;
    }
  }
  return bytes;
}

/**
 * A replace from one textblock into another (a selection across paragraphs deleted or typed over)
 * merges them: the binding writes what followed the range in the last block, its words and any
 * nodes it held, into the first one as new content. That can be far larger than the step itself.
 */
function mergedBytes(doc: Node, from: number, to: number): number {
  if (from >= to) return 0;
  const $from = doc.resolve(from);
  const $to = doc.resolve(to);
  if ($from.sameParent($to)) return 0;
  const depth = $from.sharedDepth(to) + 1;
  if (depth > $to.depth) return 0;
  return fragmentBytes(doc.slice(to, $to.end(depth)).content);
}

function fragmentBytes(fragment: Fragment): number {
  let bytes = 0;
  fragment.forEach((node) => (bytes += nodeBytes(node)));
  return bytes;
}

function nodeBytes(node: Node): number {
  if (node.isText) {
    let bytes = ITEM_OVERHEAD + utf8Bytes(node.text ?? '');
    for (const mark of node.marks) bytes += 2 * markBytes(mark);
    return bytes;
  }
  let bytes = 2 * ITEM_OVERHEAD + utf8Bytes(node.type.name);
  for (const [key, value] of Object.entries(node.attrs)) {
    if (value !== null && value !== undefined) bytes += ITEM_OVERHEAD + utf8Bytes(key) + jsonBytes(value);
  }
  return bytes + fragmentBytes(node.content);
}

function markBytes(mark: Mark): number {
  return ITEM_OVERHEAD + utf8Bytes(mark.type.name) + jsonBytes(mark.attrs);
}

/** Text runs between two positions of the document before the step: each gets its own format items. */
function countRuns(tr: Transaction, from: number, to: number): number {
  let runs = 0;
  tr.docs[0]?.nodesBetween(from, Math.min(to, tr.docs[0].content.size), (node) => {
    if (node.isText) runs++;
  });
  return runs;
}

function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value) ?? '');
}

/** UTF-8 length without encoding: a paste may be megabytes. */
export function utf8Bytes(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) bytes += code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 2 : 1;
  }
  return bytes;
}

/** "1.5 MB", "1 MiB": how the refusal names sizes for the person at the keyboard. */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1000) return `${Math.round(bytes / 1000)} kB`;
  return `${bytes} bytes`;
}

export function tooLargeMessage({ bytes, limit }: ChangeTooLarge): string {
  return `That change was not made: it is about ${describeBytes(bytes)}, and one change can be at most ${describeBytes(limit)}. Paste it in parts.`;
}
