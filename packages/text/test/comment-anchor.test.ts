import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorAt, anchorBlockText, anchorFor, anchorForRange, resolveAnchor, resolveAnchors, type ResolvedAnchor, type StoredAnchor } from '../src/comment-anchor.js';
import { fromPlainText, schema } from '../src/index.js';
import { toYUpdate } from '../src/yjs.js';
import { blockPos, joinParagraph, moveParagraph, Replica, split, syncAll, textPos } from './comment-anchor-replica.js';
import { dedent } from './support/fixtures.js';

const TEXT = dedent(`
  Box I. Characterisation

  1. States shall retain meaningful human control over the use of force.^[As agreed in 2019.] And more words here.
     (a) existing obligations under international law;
     (b) future understandings of autonomy;
  2. Human responsibility cannot be transferred to machines.

  Box II. Application

  1. International humanitarian law continues to apply fully.
`);

/** The text as the server stores it, and its paragraph and sub-paragraph ids in document order. */
function start(): { initial: Uint8Array; ids: string[]; footnoteId: string } {
  const doc = fromPlainText(TEXT);
  const ids: string[] = [];
  let footnoteId = '';
  doc.descendants((node) => {
    if (node.type.name === 'paragraph' || node.type.name === 'subparagraph') ids.push(node.attrs.id as string);
    if (node.type.name === 'footnote') footnoteId = node.attrs.id as string;
    return true;
  });
  return { initial: toYUpdate(doc), ids, footnoteId };
}

function anchor(ydoc: Y.Doc, paragraphId: string, quote?: string, occurrence = 0): StoredAnchor {
  const result = anchorFor(ydoc, paragraphId, quote, occurrence);
  if (!result.ok) throw new Error(`${result.field}: ${result.message}`);
  return result.anchor;
}

/** The resolved words, read back from the block the anchor names now. */
function wordsAt(ydoc: Y.Doc, resolved: ResolvedAnchor): string | null {
  if (resolved.orphaned) return null;
  return anchorBlockText(ydoc, resolved.paragraphId)!.slice(resolved.from, resolved.to);
}

function pos(replica: Replica, words: string): number {
  const at = textPos(replica.doc, words, true);
  if (at === null) throw new Error(`"${words}" is not in the text`);
  return at;
}

describe('anchorFor: a paragraph id and the quoted words', () => {
  it('anchors the quote, the n-th occurrence, or the whole paragraph, and names the field it refuses', () => {
    const { initial, ids } = start();
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, initial);
    const [p1, , subB] = ids;
    expect(anchor(ydoc, p1!, 'human control')).toMatchObject({ paragraphId: p1, quote: 'human control', start: expect.any(String), end: expect.any(String) });
    expect(anchor(ydoc, p1!)).toEqual({ paragraphId: p1, quote: '', start: null, end: null });
    expect(resolveAnchor(ydoc, anchor(ydoc, p1!, 'e', 2))).toMatchObject({ orphaned: false, from: 'States shall retain m'.length });
    expect(anchorFor(ydoc, 'nope', 'States')).toMatchObject({ ok: false, field: 'paragraphId' });
    expect(anchorFor(ydoc, p1!, 'autonomy')).toMatchObject({ ok: false, field: 'quote' });
    // A paragraph's text is its own: not its sub-paragraphs', and a footnote counts as nothing.
    expect(anchorBlockText(ydoc, p1!)).toBe('States shall retain meaningful human control over the use of force. And more words here.');
    expect(anchor(ydoc, subB!, 'autonomy').paragraphId).toBe(subB);
    expect(anchorForRange(ydoc, p1!, 7, 12)).toMatchObject({ ok: true, anchor: { quote: 'shall' } });
    expect(anchorForRange(ydoc, p1!, 7, 500)).toMatchObject({ ok: false, field: 'anchor' });
  });

  it('anchors a footnote by its id, in its text', () => {
    const { initial, footnoteId } = start();
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, initial);
    const stored = anchor(ydoc, footnoteId, 'agreed');
    expect(stored).toMatchObject({ start: null, end: null });
    expect(resolveAnchor(ydoc, stored)).toMatchObject({ orphaned: false, paragraphId: footnoteId, from: 3, to: 9 });
  });

  it('checks positions an editor sent: they must hold the quote in that paragraph', () => {
    const { initial, ids } = start();
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, initial);
    const good = anchor(ydoc, ids[0]!, 'human control');
    expect(anchorAt(ydoc, ids[0]!, 'human control', { start: good.start!, end: good.end! })).toMatchObject({ ok: true });
    expect(anchorAt(ydoc, ids[0]!, 'States', { start: good.start!, end: good.end! })).toMatchObject({ ok: false, field: 'anchor' });
    expect(anchorAt(ydoc, ids[0]!, 'robots', { start: good.start!, end: good.end! })).toMatchObject({ ok: false, field: 'quote' });
    expect(anchorAt(ydoc, ids[0]!, 'human control', { start: 'not base64!', end: good.end! })).toMatchObject({ ok: false, field: 'anchor' });
  });
});

describe('resolveAnchor follows the words (rule a: relative positions first)', () => {
  it('keeps the words through concurrent typing around and inside the paragraph', () => {
    const { initial, ids } = start();
    const [a, b] = [new Replica(initial), new Replica(initial)];
    const stored = anchor(a.ydoc, ids[0]!, 'meaningful human control');
    a.edit((tr) => void tr.insertText('effective and ', pos(a, 'meaningful')));
    b.edit((tr) => void tr.insertText(' at all times', pos(b, ' over the use')));
    b.edit((tr) => void tr.insertText('All ', pos(b, 'States')));
    syncAll([a, b]);
    for (const r of [a, b]) {
      const resolved = resolveAnchor(r.ydoc, stored);
      expect(resolved).toMatchObject({ orphaned: false, paragraphId: ids[0] });
      expect(wordsAt(r.ydoc, resolved)).toBe('meaningful human control');
      expect(anchorBlockText(r.ydoc, ids[0]!)).toContain('effective and meaningful human control at all times');
    }
  });

  it('orphans the anchor when a word inside the quote changes, and never reports other words', () => {
    const { initial, ids } = start();
    const r = new Replica(initial);
    const stored = anchor(r.ydoc, ids[0]!, 'meaningful human control');
    r.edit((tr) => void tr.insertText('ly', pos(r, ' human control')));
    expect(resolveAnchor(r.ydoc, stored)).toEqual({ orphaned: true, paragraphId: ids[0], quote: 'meaningful human control' });
  });
});

describe('resolveAnchor follows y-tiptap rewrites (rule b)', () => {
  it('split: the words move with the second half into the new paragraph', () => {
    const { initial, ids } = start();
    const [a, b] = [new Replica(initial), new Replica(initial)];
    const stored = anchor(a.ydoc, ids[0]!, 'more words');
    a.edit((tr) => split(tr, pos(a, 'over the use')));
    syncAll([a, b]);
    const resolved = resolveAnchor(b.ydoc, stored);
    expect(resolved.orphaned).toBe(false);
    expect(resolved.paragraphId).not.toBe(ids[0]);
    expect(wordsAt(b.ydoc, resolved)).toBe('more words');
    // Split again inside the new paragraph: followed from the first split to the second.
    a.edit((tr) => split(tr, pos(a, 'And more')));
    syncAll([a, b]);
    expect(wordsAt(b.ydoc, resolveAnchor(b.ydoc, stored))).toBe('more words');
    // The words before the cut stay in the paragraph that keeps its id.
    expect(resolveAnchor(b.ydoc, anchor(a.ydoc, ids[0]!, 'States shall'))).toMatchObject({ orphaned: false, paragraphId: ids[0] });
  });

  it('split of a sub-paragraph', () => {
    const { initial, ids } = start();
    const r = new Replica(initial);
    const stored = anchor(r.ydoc, ids[2]!, 'autonomy');
    r.edit((tr) => split(tr, pos(r, 'understandings')));
    const resolved = resolveAnchor(r.ydoc, stored);
    expect(resolved.paragraphId).not.toBe(ids[2]);
    expect(wordsAt(r.ydoc, resolved)).toBe('autonomy');
  });

  it('join: the words follow into the text before (here the last sub-paragraph of the paragraph before)', () => {
    const { initial, ids } = start();
    const [a, b] = [new Replica(initial), new Replica(initial)];
    const stored = anchor(a.ydoc, ids[3]!, 'cannot be transferred');
    a.edit((tr) => joinParagraph(tr, ids[3]!));
    syncAll([a, b]);
    for (const r of [a, b]) {
      const resolved = resolveAnchor(r.ydoc, stored);
      expect(resolved).toMatchObject({ orphaned: false, paragraphId: ids[2] });
      expect(wordsAt(r.ydoc, resolved)).toBe('cannot be transferred');
    }
  });

  it('split then joined back: the words come home', () => {
    const { initial, ids } = start();
    const [a, b] = [new Replica(initial), new Replica(initial)];
    const stored = anchor(a.ydoc, ids[3]!, 'transferred to machines');
    a.edit((tr) => split(tr, pos(a, 'cannot')));
    const second = blockPos(a.doc, resolveAnchor(a.ydoc, stored).paragraphId)!;
    expect(second.node.textContent).toBe('cannot be transferred to machines.');
    a.edit((tr) => joinParagraph(tr, second.node.attrs.id as string));
    syncAll([a, b]);
    const resolved = resolveAnchor(b.ydoc, stored);
    expect(resolved).toMatchObject({ orphaned: false, paragraphId: ids[3] });
    expect(wordsAt(b.ydoc, resolved)).toBe('transferred to machines');
  });

  it('move (cut and paste of a paragraph): the words follow their paragraph id', () => {
    const { initial, ids } = start();
    const [a, b] = [new Replica(initial), new Replica(initial)];
    const stored = anchor(a.ydoc, ids[0]!, 'human control');
    const subAnchor = anchor(a.ydoc, ids[1]!, 'existing obligations');
    a.edit((tr) => moveParagraph(tr, ids[0]!, 1, 1));
    syncAll([a, b]);
    expect(a.doc.child(1).child(2).attrs.id).toBe(ids[0]);
    for (const r of [a, b]) {
      expect(wordsAt(r.ydoc, resolveAnchor(r.ydoc, stored))).toBe('human control');
      expect(resolveAnchor(r.ydoc, subAnchor)).toMatchObject({ orphaned: false, paragraphId: ids[1] });
    }
  });

  it('undo of a deletion, a split, a join and a move brings the words back, on every replica', () => {
    const { initial, ids } = start();
    const [a, b] = [new Replica(initial), new Replica(initial)];
    const deleted = anchor(a.ydoc, ids[0]!, 'human control');
    const splitOff = anchor(a.ydoc, ids[0]!, 'more words');
    const joined = anchor(a.ydoc, ids[3]!, 'cannot be transferred');
    const moved = anchor(a.ydoc, ids[4]!, 'continues to apply');
    a.edit((tr) => void tr.delete(pos(a, 'human control'), pos(a, 'human control') + 'human control'.length));
    a.edit((tr) => split(tr, pos(a, 'And more')));
    a.edit((tr) => joinParagraph(tr, ids[3]!));
    a.edit((tr) => moveParagraph(tr, ids[4]!, 0, 0));
    syncAll([a, b]);
    expect(resolveAnchor(b.ydoc, deleted).orphaned).toBe(true);
    for (let i = 0; i < 4; i++) {
      a.undo();
      syncAll([a, b]);
    }
    expect(anchorBlockText(b.ydoc, ids[0]!)).toContain('meaningful human control over');
    for (const r of [a, b]) {
      for (const stored of [deleted, splitOff, joined, moved]) {
        const resolved = resolveAnchor(r.ydoc, stored);
        expect(resolved, stored.quote).toMatchObject({ orphaned: false, paragraphId: stored.paragraphId });
        expect(wordsAt(r.ydoc, resolved)).toBe(stored.quote);
      }
    }
  });
});

/** A pasted copy, told apart from the original in these tests by its emphasis (anchors ignore marks). */
function emphasisedCopy(words: string) {
  return schema.text(words, [schema.marks.em!.create()]);
}

describe('what an anchor never does (rule c)', () => {
  it('a pasted copy does not take the thread: not while the words exist, nor once they are deleted', () => {
    const { initial, ids } = start();
    const [a, b] = [new Replica(initial), new Replica(initial)];
    const stored = anchor(a.ydoc, ids[0]!, 'human control');
    // A copy in the same paragraph (before the words) and one in another paragraph.
    a.edit((tr) => void tr.insert(pos(a, 'States'), emphasisedCopy('human control')));
    b.edit((tr) => void tr.insert(pos(b, 'continues'), emphasisedCopy('human control')));
    syncAll([a, b]);
    const before = resolveAnchor(a.ydoc, stored);
    expect(before).toMatchObject({ orphaned: false, from: 'human controlStates shall retain meaningful '.length });
    a.edit((tr) => void tr.delete(pos(a, 'human control over'), pos(a, 'human control over') + 'human control'.length));
    syncAll([a, b]);
    for (const r of [a, b]) expect(resolveAnchor(r.ydoc, stored)).toEqual({ orphaned: true, paragraphId: ids[0], quote: 'human control' });
  });

  it('deleted words orphan the anchor, with its quote; a whole-paragraph anchor lives and dies with its paragraph', () => {
    const { initial, ids } = start();
    const r = new Replica(initial);
    const words = anchor(r.ydoc, ids[3]!, 'machines');
    const whole = anchor(r.ydoc, ids[3]!);
    r.edit((tr) => void tr.insertText('robots', pos(r, 'machines'), pos(r, 'machines') + 'machines'.length));
    expect(resolveAnchor(r.ydoc, words)).toEqual({ orphaned: true, paragraphId: ids[3], quote: 'machines' });
    expect(resolveAnchor(r.ydoc, whole)).toMatchObject({ orphaned: false, paragraphId: ids[3], quote: '', from: 0 });
    r.edit((tr) => {
      const at = blockPos(tr.doc, ids[3]!)!;
      tr.delete(at.pos, at.pos + at.node.nodeSize);
    });
    expect(resolveAnchor(r.ydoc, whole)).toEqual({ orphaned: true, paragraphId: ids[3], quote: '' });
    expect(resolveAnchor(r.ydoc, words).orphaned).toBe(true);
  });
});

describe('scale', () => {
  it('resolves 2,000 anchors on a 500-paragraph text in one pass (time printed, not asserted)', () => {
    const boxes = Array.from({ length: 5 }, (_, b) => {
      const paragraphs = Array.from({ length: 100 }, (_unused, p) => `${p + 1}. Paragraph ${b}-${p} says that w${b}x${p}a and w${b}x${p}b, then w${b}x${p}c, and finally w${b}x${p}d shall apply.`);
      return `Box ${['I', 'II', 'III', 'IV', 'V'][b]}. Box ${b}\n\n${paragraphs.join('\n')}\n`;
    });
    const doc = fromPlainText(boxes.join('\n'));
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, toYUpdate(doc));
    const ids: string[] = [];
    doc.descendants((node) => {
      if (node.type.name === 'paragraph') ids.push(node.attrs.id as string);
      return node.type.name !== 'paragraph';
    });
    expect(ids).toHaveLength(500);
    const stored = ids.flatMap((id, i) => ['a', 'b', 'c', 'd'].map((s) => anchor(ydoc, id, `w${Math.floor(i / 100)}x${i % 100}${s}`)));
    expect(stored).toHaveLength(2000);
    // A tenth of the words deleted: their anchors take the slower way to "orphaned".
    const r = new Replica(toYUpdate(doc));
    for (let i = 0; i < 200; i += 4) {
      r.edit((tr) => {
        const at = textPos(tr.doc, stored[i * 5]!.quote)!;
        tr.delete(at, at + stored[i * 5]!.quote.length);
      });
    }
    for (const [label, target] of [['unchanged', ydoc] as const, ['a tenth deleted', r.ydoc] as const]) {
      // The machine is shared and garbage collection lands anywhere: the first (cold) run and the median of seven.
      const times: number[] = [];
      let resolved: ResolvedAnchor[] = [];
      for (let run = 0; run < 7; run++) {
        const started = performance.now();
        resolved = resolveAnchors(target, stored);
        times.push(performance.now() - started);
      }
      const median = times.toSorted((a, b) => a - b)[3]!;
      process.stdout.write(`resolveAnchors, 2,000 anchors on 500 paragraphs (${label}): first ${times[0]!.toFixed(1)} ms, median ${median.toFixed(1)} ms\n`);
      expect(resolved.filter((a) => a.orphaned)).toHaveLength(label === 'unchanged' ? 0 : 50);
    }
  });
});
