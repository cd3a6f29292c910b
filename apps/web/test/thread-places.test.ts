import type { Thread } from '@accord/contract';
import { describe, expect, it } from 'vitest';
import { filterThreads, openThreadsByBox, orderThreads, placesOf, upsertThread } from '../src/comments/thread-places';
import { box, documentOf, paragraph, subparagraph, text } from './support/rolling-text';

/** Rule: the panel lists threads in the order of their paragraphs in the text, cited as delegations cite them. */

function sample() {
  return documentOf(
    box('b1', 'Characterisation', [paragraph('p1', 1, 'One.')]),
    box('b2', 'IHL', [
      paragraph('p2', 1, [text('Meaningful '), { type: 'footnote', attrs: { id: 'f1', text: 'The Chair understands…' } }, text('control.')], {}, [
        subparagraph('s1', 1, 'first;'),
      ]),
      paragraph('p3', 2, 'Two.'),
    ]),
  );
}

let n = 0;
function thread(paragraphId: string, extra: Partial<Thread> = {}): Thread {
  n++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    documentId: '00000000-0000-4000-8000-000000000000',
    audience: 'everyone',
    status: 'open',
    anchor: { paragraphId, quote: '', orphaned: false, start: null, end: null },
    author: { category: 'Civil society', you: false },
    comments: [],
    createdAt: `2026-12-06T10:00:${String(n).padStart(2, '0')}.000Z`,
    resolvedAt: null,
    can: { reply: true, resolve: false },
    ...extra,
  };
}

describe('where threads are', () => {
  it('cites paragraphs, sub-paragraphs and footnotes as "Box II(1)(a)"', () => {
    const places = placesOf(sample());
    expect(places.get('p1')?.citation).toBe('Box I(1)');
    expect(places.get('p2')?.citation).toBe('Box II(1)');
    expect(places.get('s1')?.citation).toBe('Box II(1)(a)');
    expect(places.get('f1')?.citation).toBe('Box II(1), footnote 1');
    expect(places.get('p3')?.boxId).toBe('b2');
  });

  it('orders threads by their paragraph in the text, then by when they were written; unknown paragraphs last', () => {
    const places = placesOf(sample());
    const gone = thread('gone');
    const late = thread('p3');
    const first = thread('p1');
    const sub = thread('s1');
    const early = thread('p3', { createdAt: '2026-12-06T09:00:00.000Z' });
    expect(orderThreads([gone, late, first, sub, early], places).map((t) => t.id)).toEqual([first.id, sub.id, early.id, late.id, gone.id]);
  });

  it('follows where the editor found the words now (a split moved them) and their order within a paragraph', () => {
    const places = placesOf(sample());
    const moved = thread('p1');
    const later = thread('p3');
    const earlier = thread('p3', { createdAt: '2026-12-06T11:00:00.000Z' });
    const local = new Map([
      [moved.id, { paragraphId: 'p3', offset: 2 }],
      [later.id, { paragraphId: 'p3', offset: 0 }],
      [earlier.id, { paragraphId: 'p3', offset: 3 }],
    ]);
    expect(orderThreads([earlier, moved, later], places, local).map((t) => t.id)).toEqual([later.id, moved.id, earlier.id]);
    expect(Object.fromEntries(openThreadsByBox([moved], places, local))).toEqual({ b2: 1 });
  });

  it('counts open threads per box for the outline, whatever the filter', () => {
    const places = placesOf(sample());
    const counts = openThreadsByBox([thread('p1'), thread('s1'), thread('p3'), thread('p3', { status: 'resolved' }), thread('gone')], places);
    expect(Object.fromEntries(counts)).toEqual({ b1: 1, b2: 2 });
  });
});

describe('filters', () => {
  const threads = [thread('p1'), thread('p1', { status: 'resolved' }), thread('p1', { audience: 'stewards' })];

  it('shows open, resolved or all threads, of one audience or every one', () => {
    expect(filterThreads(threads, { status: 'open', audience: 'all' })).toHaveLength(2);
    expect(filterThreads(threads, { status: 'resolved', audience: 'all' })).toEqual([threads[1]]);
    expect(filterThreads(threads, { status: 'all', audience: 'stewards' })).toEqual([threads[2]]);
    expect(filterThreads(threads, { status: 'all', audience: 'all' })).toHaveLength(3);
  });

  it('a live update replaces its thread by id; a new one is added', () => {
    const updated = { ...threads[0]!, status: 'resolved' as const };
    expect(upsertThread(threads, updated)).toEqual([updated, threads[1], threads[2]]);
    const created = thread('p3');
    expect(upsertThread(threads, created)).toHaveLength(4);
  });
});
