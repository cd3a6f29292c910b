/**
 * The demo's history: Rev.1 named by the chair, then four changes made in the room since, ending at
 * the demo text. A newcomer comparing Rev.1 with now sees exactly those four, by category only.
 */
import type { TestDatabase } from '@accord/db/testing';
import { fromJSON, fromPlainText, toPlainText } from '@accord/text';
import { demoRollingText } from '@accord/text/demo';
import { compareTexts } from '@accord/text/history';
import { fromYDoc } from '@accord/text/yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { demoHistory, demoRevision } from '../src/seed/demo-history.js';
import { AmendmentsFixture, demoSecrets, closeDemoServer, openDemoServer } from './support/amendments.js';
import type { TestServer } from './support/test-server.js';

/** What a comparison of Rev.1 with now must name: kind and label of each change, nothing more. */
const expectedChanges = [
  ['modified', 'Box II(3)(c)'],
  ['inserted', 'Box III(2bis)'],
  ['status', 'Box I(3)'],
  ['modified', 'Box V(3)'],
].toSorted();

describe('the demo history, as built', () => {
  const text = fromPlainText(demoRollingText);
  const history = demoHistory(text);
  const replay = (upTo: number): Y.Doc => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, history.revisionContent);
    for (const change of history.changes.slice(0, upTo)) Y.applyUpdate(doc, change.update);
    return doc;
  };

  it('ends exactly at the demo text, and each change touches only its own paragraphs', () => {
    expect(toPlainText(fromYDoc(replay(history.changes.length)))).toBe(demoRollingText);
    for (const change of history.changes) expect(change.touched.length).toBeGreaterThan(0);
    expect(history.changes.map((c) => c.touched.length)).toEqual([1, 2, 1, 1]);
  });

  it('compares Rev.1 with the text now as exactly its four changes', () => {
    const comparison = compareTexts(fromYDoc(replay(0)), fromYDoc(replay(history.changes.length)));
    const named = comparison.changes.map((c) => [c.kind, c.toLabel ?? c.fromLabel]).toSorted();
    expect(named).toEqual(expectedChanges);
    const sponsor = comparison.changes.find((c) => c.toLabel === 'Box II(3)(c)')!;
    expect(sponsor.notes).toEqual([expect.objectContaining({ kind: 'sponsor_added', sponsor: 'Veloria' })]);
  });
});

describe('the seeded demo document', () => {
  let database: TestDatabase;
  let t: TestServer;
  let f: AmendmentsFixture;

  beforeAll(async () => {
    ({ database, t, f } = await openDemoServer());
  });

  afterAll(() => closeDemoServer({ database, t, f }));

  it('has Rev.1 and the changes since, by category only: a real comparison at once', async () => {
    const delegate = (await f.api('arandia')).history;
    const [revision, ...others] = await delegate.revisions(f.dialogueId, f.demoDocumentId);
    expect(others).toEqual([]);
    expect(revision).toMatchObject({ label: demoRevision.label, symbol: demoRevision.symbol, statusDate: demoRevision.statusDate, seq: 1, createdBy: { category: 'Chair', you: false } });

    const comparison = await delegate.compare(f.dialogueId, f.demoDocumentId, revision!.id, 'current');
    expect(comparison.changes.map((c) => [c.kind, c.toLabel ?? c.fromLabel]).toSorted()).toEqual(expectedChanges);

    const timeline = await delegate.timeline(f.dialogueId, f.demoDocumentId);
    expect(timeline.entries.map((e) => [e.source, e.author.category])).toEqual([
      ['edit', 'Government'],
      ['edit', 'Chair'],
      ['edit', 'Government'],
      ['edit', 'Government'],
      ['initial', 'Chair'],
    ]);
    expect(timeline.entries.at(-1)!.revisions).toEqual([{ id: revision!.id, label: 'Rev.1' }]);
    const answers = JSON.stringify([timeline, comparison, revision, await delegate.progress(f.dialogueId, f.demoDocumentId)]);
    for (const secret of demoSecrets()) expect(answers).not.toContain(secret);

    // The text now is the demo text: what the editor opens.
    const now = await delegate.textAt(f.dialogueId, f.demoDocumentId, 'current');
    expect(toPlainText(fromJSON(now.content))).toBe(demoRollingText);
  });
});
