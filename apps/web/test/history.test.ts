import type { ComparisonChange, HistoryEntry, HistoryPage, Progress, RedlinePart, Revision } from '@accord/contract';
import { describe, expect, it } from 'vitest';
import { changesByBox, changesByParagraph, refChoices, restorable } from '../src/history/compare-refs';
import { entryParagraphs } from '../src/history/entry-paragraphs';
import { historyAuthorText, relativeTime } from '../src/history/history-words';
import { PositionLoader } from '../src/history/position-loader';
import { boxSeries, scaleOf } from '../src/history/progress-series';
import { redlinePieces } from '../src/history/redline-pieces';
import { plainTextParts } from '../src/history/plain-text-parts';
import { nextLabel, previousRevision, upsertRevision } from '../src/history/revision-list';
import { stepIndex } from '../src/history/StepThrough';
import { appendOlder, mergeNewest, stepPositions } from '../src/history/timeline-pages';

/** Rule: the history keeps up with a slider, joins its pages without gaps or twins, and draws what the server sent. */

/** A load the test answers by hand, in any order. */
function manualLoads() {
  const calls: { seq: number; resolve: (value: string) => void; reject: (error: unknown) => void }[] = [];
  const load = (seq: number) => new Promise<string>((resolve, reject) => calls.push({ seq, resolve, reject }));
  return { calls, load };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PositionLoader: stepping through time', () => {
  it('keeps one request in flight while the slider is dragged, then fetches only the position asked for last', async () => {
    const { calls, load } = manualLoads();
    const loader = new PositionLoader(load, () => {});
    for (const seq of [10, 11, 12, 13, 14]) loader.request(seq);
    expect(calls.map((c) => c.seq)).toEqual([10]);
    calls[0]!.resolve('text 10');
    await settle();
    expect(calls.map((c) => c.seq)).toEqual([10, 14]);
    expect(loader.loading).toBe(true);
    calls[1]!.resolve('text 14');
    await settle();
    expect(loader.get(14)).toBe('text 14');
    expect(loader.loading).toBe(false);
    expect(loader.busy).toBe(false);
  });

  it('answers a position already read from memory, without asking the server again', async () => {
    const { calls, load } = manualLoads();
    let changes = 0;
    const loader = new PositionLoader(load, () => changes++);
    loader.request(5);
    calls[0]!.resolve('text 5');
    await settle();
    loader.request(6);
    calls[1]!.resolve('text 6');
    await settle();
    const before = changes;
    loader.request(5);
    expect(calls).toHaveLength(2);
    expect(loader.get(5)).toBe('text 5');
    expect(loader.loading).toBe(false);
    expect(changes).toBe(before + 1);
  });

  it('does not fetch again a position dragged past and back while it was in flight', async () => {
    const { calls, load } = manualLoads();
    const loader = new PositionLoader(load, () => {});
    loader.request(3);
    loader.request(4);
    loader.request(3);
    calls[0]!.resolve('text 3');
    await settle();
    expect(calls.map((c) => c.seq)).toEqual([3]);
    expect(loader.get(3)).toBe('text 3');
  });

  it('reports a failure for the position asked for, and tries again when it is asked for again', async () => {
    const { calls, load } = manualLoads();
    const loader = new PositionLoader(load, () => {});
    loader.request(7);
    calls[0]!.reject(new Error('offline'));
    await settle();
    expect(loader.error).toBeInstanceOf(Error);
    expect(loader.loading).toBe(false);
    loader.request(7);
    expect(loader.error).toBeNull();
    expect(calls.map((c) => c.seq)).toEqual([7, 7]);
  });

  it('drops the positions least recently looked at past its capacity, never the one asked for', async () => {
    const { calls, load } = manualLoads();
    const loader = new PositionLoader(load, () => {}, 2);
    for (const seq of [1, 2, 3]) {
      loader.request(seq);
      calls.at(-1)!.resolve(`text ${seq}`);
      await settle();
    }
    expect(loader.get(1)).toBeUndefined();
    expect(loader.get(2)).toBe('text 2');
    expect(loader.get(3)).toBe('text 3');
  });
});

function entry(fromSeq: number, toSeq: number, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    fromSeq,
    toSeq,
    from: '2026-12-06T10:00:00.000Z',
    to: '2026-12-06T10:05:00.000Z',
    updates: toSeq - fromSeq + 1,
    author: { category: 'Government', you: false },
    source: 'edit',
    paragraphs: [],
    amendments: [],
    revisions: [],
    ...extra,
  };
}

const page = (entries: HistoryEntry[], next: string | null, seq: number): HistoryPage => ({ entries, next, seq });

describe('the timeline, a page at a time', () => {
  it('appends an older page, keeping once an entry both pages hold', () => {
    const shown = { entries: [entry(21, 30), entry(11, 20)], next: '11', seq: 30 };
    const joined = appendOlder(shown, page([entry(11, 20), entry(1, 10)], null, 31));
    expect(joined.entries.map((e) => e.fromSeq)).toEqual([21, 11, 1]);
    expect(joined.next).toBeNull();
    expect(joined.seq).toBe(30);
  });

  it('a refresh replaces the newest entry that grew and keeps the older pages already read', () => {
    const shown = { entries: [entry(21, 30), entry(11, 20), entry(1, 10)], next: null, seq: 30 };
    const fresh = page([entry(21, 34), entry(11, 20)], '11', 34);
    const merged = mergeNewest(shown, fresh);
    expect(merged.entries.map((e) => [e.fromSeq, e.toSeq])).toEqual([
      [21, 34],
      [11, 20],
      [1, 10],
    ]);
    expect(merged.next).toBeNull();
    expect(merged.seq).toBe(34);
  });

  it('a refresh that does not reach what was shown drops the older pages rather than hide a gap', () => {
    const shown = { entries: [entry(11, 20), entry(1, 10)], next: null, seq: 20 };
    const merged = mergeNewest(shown, page([entry(51, 60), entry(41, 50)], '41', 60));
    expect(merged.entries.map((e) => e.fromSeq)).toEqual([51, 41]);
    expect(merged.next).toBe('41');
  });

  it('steps through the positions after each entry, oldest first, and ends at the text now', () => {
    expect(stepPositions([entry(21, 30), entry(11, 20), entry(1, 10)], 32)).toEqual([10, 20, 30, 32]);
    expect(stepPositions([entry(21, 32)], 32)).toEqual([32]);
  });

  it("the slider shows the live text at its end, and a position no longer listed at the nearest before it", () => {
    expect(stepIndex([10, 20, 30], null)).toBe(2);
    expect(stepIndex([10, 20, 30], 20)).toBe(1);
    expect(stepIndex([10, 20, 30], 25)).toBe(1);
  });
});

describe('who changed it, exactly as the server says', () => {
  it('shows a category alone under the Chatham House Rule, even to the author', () => {
    expect(historyAuthorText({ category: 'Government', you: false })).toBe('Government');
    expect(historyAuthorText({ category: 'Government', you: true })).toBe('Government (you)');
  });

  it('shows the name and affiliation where the dialogue is attributed', () => {
    expect(historyAuthorText({ category: 'Government', name: 'Ana Ruiz', affiliation: 'Arandia', you: false })).toBe('Ana Ruiz, Arandia');
  });

  it('says how long ago in words', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    expect(relativeTime('2026-12-06T11:59:40Z', now)).toBe('just now');
    expect(relativeTime('2026-12-06T11:55:00Z', now)).toMatch(/5 minutes ago/);
  });
});

const part = (op: RedlinePart['op'], kind: RedlinePart['kind'], text = '', extra: Partial<RedlinePart> = {}): RedlinePart => ({ op, kind, text, inBracket: false, ...extra });

/** A redline's pieces as [op, words], or [op, kind] for a bracket or a footnote. */
const piecesText = (pieces: ReturnType<typeof redlinePieces>) => pieces.map((p) => (p.kind === 'text' ? [p.op, p.text] : [p.op, p.kind]));

describe('the structured redline', () => {
  it('joins neighbouring words of one kind into one insertion or deletion', () => {
    const pieces = redlinePieces([part('equal', 'text', 'States '), part('delete', 'text', 'shall'), part('delete', 'text', ' '), part('insert', 'text', 'should'), part('equal', 'text', '')]);
    expect(pieces).toEqual([
      { kind: 'text', op: 'equal', text: 'States ', inBracket: false },
      { kind: 'text', op: 'delete', text: 'shall ', inBracket: false },
      { kind: 'text', op: 'insert', text: 'should', inBracket: false },
    ]);
  });

  it("hands a bracket's sponsors to its closing bracket, nested brackets each their own", () => {
    const pieces = redlinePieces([
      part('insert', 'open', '', { sponsors: ['Veloria'] }),
      part('equal', 'text', 'meaningful '),
      part('equal', 'open', '', { sponsors: ['Arandia'] }),
      part('equal', 'text', 'human'),
      part('equal', 'close'),
      part('insert', 'close'),
    ]);
    expect(pieces.filter((p) => p.kind === 'close')).toEqual([
      { kind: 'close', op: 'equal', sponsors: ['Arandia'] },
      { kind: 'close', op: 'insert', sponsors: ['Veloria'] },
    ]);
  });

  it('draws the space between kept words and an insertion or deletion unmarked, only the words coloured', () => {
    expect(piecesText(redlinePieces([part('equal', 'text', 'kept by States.'), part('insert', 'text', ' Training records shall be kept.')]))).toEqual([
      ['equal', 'kept by States. '],
      ['insert', 'Training records shall be kept.'],
    ]);
    expect(piecesText(redlinePieces([part('equal', 'text', 'States'), part('delete', 'text', ' shall'), part('insert', 'text', ' should'), part('equal', 'text', ' ensure')]))).toEqual([
      ['equal', 'States '],
      ['delete', 'shall'],
      ['equal', ' '],
      ['insert', 'should'],
      ['equal', ' ensure'],
    ]);
    expect(piecesText(redlinePieces([part('equal', 'text', 'a '), part('insert', 'text', 'new '), part('equal', 'text', 'text')]))).toEqual([
      ['equal', 'a '],
      ['insert', 'new'],
      ['equal', ' text'],
    ]);
  });

  it('keeps an added or removed space marked, and a space at a bracket as it is', () => {
    expect(piecesText(redlinePieces([part('equal', 'text', 'a'), part('insert', 'text', ' '), part('equal', 'text', 'b')]))).toEqual([
      ['equal', 'a'],
      ['insert', ' '],
      ['equal', 'b'],
    ]);
    expect(piecesText(redlinePieces([part('insert', 'open', ''), part('insert', 'text', ' word', { inBracket: true })]))).toEqual([
      ['insert', 'open'],
      ['insert', ' word'],
    ]);
  });

  it('numbers footnotes in reading order, whatever became of them', () => {
    const pieces = redlinePieces([part('delete', 'footnote', 'old understanding'), part('equal', 'text', 'x'), part('insert', 'footnote', 'The Chair understands')]);
    expect(pieces.filter((p) => p.kind === 'footnote').map((p) => (p.kind === 'footnote' ? p.number : 0))).toEqual([1, 2]);
  });
});

function revision(id: string, label: string, seq: number): Revision {
  return {
    id,
    documentId: 'd',
    label,
    symbol: null,
    seq,
    baseSeq: null,
    renumbered: false,
    statusDate: null,
    note: null,
    createdAt: `2026-12-0${seq}T10:00:00.000Z`,
    createdBy: { category: 'Chair', you: false },
  };
}

describe('revisions', () => {
  it('keeps the list oldest first when a live event brings one, and replaces a copy by id', () => {
    const list = upsertRevision([revision('a', 'Rev.1', 1), revision('c', 'Rev.3', 3)], revision('b', 'Rev.2', 2));
    expect(list.map((r) => r.label)).toEqual(['Rev.1', 'Rev.2', 'Rev.3']);
    expect(upsertRevision(list, { ...revision('b', 'Rev.2', 2), note: 'x' })).toHaveLength(3);
    expect(previousRevision(list, list[1]!)?.label).toBe('Rev.1');
    expect(previousRevision(list, list[0]!)).toBeNull();
  });

  it('suggests the next label in the series', () => {
    expect(nextLabel([])).toBe('Rev.1');
    expect(nextLabel(['Rev.1', 'Rev.2'])).toBe('Rev.3');
    expect(nextLabel(['Clean text'])).toBe('');
  });
});

const box = (name: string, agreed: number) => ({ box: name, title: `Box ${name}`, openBrackets: 2, agreed, agreedAdRef: 1, underNegotiation: 3 });

describe('progress by box', () => {
  it('leaves a box empty at a revision that did not have it rather than count it as nothing agreed', () => {
    const progress: Progress = {
      points: [
        { label: 'Rev.1', revisionId: null, seq: 1, statusDate: null, boxes: [box('I', 1)] },
        { label: 'Now', revisionId: null, seq: 2, statusDate: null, boxes: [box('I', 2), box('II', 4)] },
      ],
    };
    const series = boxSeries(progress);
    expect(series.map((s) => s.box)).toEqual(['I', 'II']);
    expect(series[1]!.points[0]!.progress).toBeNull();
    expect(scaleOf(series)).toEqual({ paragraphs: 8, brackets: 2 });
  });
});

describe('an inserted or deleted paragraph drawn like a redline', () => {
  it('reads brackets with their sponsors, footnotes and escapes from the plain-text format', () => {
    const parts = plainTextParts('States [shall]{Veloria, Arandia} act^[The Chair understands \\[x\\]] \\[sic\\]', 'insert');
    expect(parts).toEqual([
      { op: 'insert', kind: 'text', text: 'States ', inBracket: false },
      { op: 'insert', kind: 'open', text: '', sponsors: ['Veloria', 'Arandia'], inBracket: false },
      { op: 'insert', kind: 'text', text: 'shall', inBracket: true },
      { op: 'insert', kind: 'close', text: '', inBracket: false },
      { op: 'insert', kind: 'text', text: ' act', inBracket: false },
      { op: 'insert', kind: 'footnote', text: 'The Chair understands [x]', inBracket: false },
      { op: 'insert', kind: 'text', text: ' [sic]', inBracket: false },
    ]);
  });

  it('keeps a bracket without sponsors, and an unmatched "]" as a character', () => {
    const parts = plainTextParts('[a] b]', 'delete');
    expect(parts.map((p) => p.kind)).toEqual(['open', 'text', 'close', 'text']);
    expect(parts[0]!.sponsors).toEqual([]);
    expect(parts[3]!.text).toBe(' b]');
  });
});

const change = (paragraphId: string, boxLabel: string, kind: ComparisonChange['kind']): ComparisonChange => ({ paragraphId, blockKind: 'paragraph', kind, box: boxLabel });

describe('the compare page', () => {

  it('groups the changes by box in the order the server gave them, a box met again later starting a new group', () => {
    const groups = changesByBox([change('a', 'I', 'modified'), change('b', 'I', 'inserted'), change('c', 'III', 'moved'), change('d', 'I', 'deleted')]);
    expect(groups.map((g) => [g.box, g.changes.map((c) => c.paragraphId).join('')])).toEqual([
      ['I', 'ab'],
      ['III', 'c'],
      ['I', 'd'],
    ]);
  });

  it("puts one paragraph's changes of several kinds on one card, a paragraph and a sub-paragraph of one id apart", () => {
    const sub: ComparisonChange = { ...change('b', 'I', 'inserted'), blockKind: 'subparagraph' };
    const groups = changesByParagraph([change('a', 'I', 'relabelled'), change('a', 'I', 'modified'), change('b', 'I', 'deleted'), sub, change('c', 'I', 'moved'), change('c', 'I', 'status')]);
    expect(groups.map((g) => g.map((c) => `${c.paragraphId}:${c.kind}`))).toEqual([['a:relabelled', 'a:modified'], ['b:deleted'], ['b:inserted'], ['c:moved', 'c:status']]);
  });

  it('offers a paragraph restore only where it undoes the change: wording, status or a deletion', () => {
    expect(restorable(change('a', 'I', 'modified'))).toBe(true);
    expect(restorable(change('a', 'I', 'deleted'))).toBe(true);
    expect(restorable(change('a', 'I', 'status'))).toBe(true);
    expect(restorable(change('a', 'I', 'inserted'))).toBe(false);
    expect(restorable(change('a', 'I', 'relabelled'))).toBe(false);
    expect(restorable(change('a', 'I', 'moved'))).toBe(false);
  });

  it('offers every revision, a log position named in the address, and Now last', () => {
    const choices = refChoices([revision('r1', 'Rev.1', 1)], ['seq:12', 'current']);
    expect(choices.map((c) => c.ref)).toEqual(['r1', 'seq:12', 'current']);
    expect(choices.at(-1)!.label).toBe('Now');
  });
});

describe("a timeline entry's paragraphs", () => {
  it('lists a label met twice once, as the paragraph still in the text, and the paragraphs gone after those still there', () => {
    const now: Record<string, string> = { new1: 'Box I(1)', new2: 'Box I(2)' };
    const listed = entryParagraphs(
      [
        { paragraphId: 'old1', label: 'Box I(1)' },
        { paragraphId: 'new1', label: 'Box I(1)' },
        { paragraphId: 'old3', label: 'Box I(3)' },
        { paragraphId: 'new2', label: 'Box I(2)' },
      ],
      (id) => now[id] ?? null,
    );
    expect(listed).toEqual([
      { paragraphId: 'new1', label: 'Box I(1)', now: 'Box I(1)' },
      { paragraphId: 'new2', label: 'Box I(2)', now: 'Box I(2)' },
      { paragraphId: 'old3', label: 'Box I(3)', now: null },
    ]);
  });

  it('keeps every paragraph without a label, named as it is cited now', () => {
    const listed = entryParagraphs(
      [
        { paragraphId: 'x', label: null },
        { paragraphId: 'y', label: null },
        { paragraphId: 'z', label: null },
      ],
      (id) => (id === 'z' ? 'Box V(1)' : null),
    );
    expect(listed.map((p) => p.label)).toEqual(['Box V(1)', 'a paragraph without a label', 'a paragraph without a label']);
  });
});
