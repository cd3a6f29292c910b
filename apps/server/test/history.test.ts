/**
 * Revision history through the SDK against a real server, real sockets and a real database: the
 * timeline (sessions by author, server changes as entries of their own, labels as they were then,
 * accepted amendments and named revisions, filters, pages), who is named under the Chatham House
 * Rule and in an attributed dialogue, named revisions, renumbering with its concordance, restores
 * (whole and one paragraph) that connected editors and offline copies converge on, and the live
 * `revisions.created` event. Bad input is history-bad-input.test.ts's; the text at every position
 * history-text-at.property.test.ts's.
 *
 * The log's timestamps are the engine's wall clock (the server's CLOCK does not reach it): the
 * five-minute pause is exercised by moving Date on for the test's process.
 */
import { type AccordApi, AccordClient } from '@accord/client';
import { HISTORY_SESSION_GAP_MS, type HistoryEntry, type Revision } from '@accord/contract';
import { documentUpdates } from '@accord/db';
import type { TestDatabase } from '@accord/db/testing';
import { fromJSON, renumber, toPlainText } from '@accord/text';
import { fromYDoc } from '@accord/text/yjs';
import { desc, eq } from 'drizzle-orm';
import type { Node } from 'prosemirror-model';
import { afterAll, beforeAll, describe, expect, it, onTestFinished as onTeardown, vi } from 'vitest';
import { type AmendmentEvents, AmendmentsFixture, type DemoName, demoNames, demoSecrets, closeDemoServer, openDemoServer } from './support/amendments.js';
import { CommentsFixture, demoAffiliation } from './support/comments.js';
import { eventually } from './support/eventually.js';
import { citationsById, editIn, editOffline, idAt, withParagraphAfter, withStatus, withWords, withoutParagraph, wordsOf } from './support/history.js';
import { demo, type TestServer } from './support/test-server.js';

const ONE = 'States shall ensure meaningful human control over the use of force.';
const TWO = 'Each State should review new weapons before their deployment.';
const BIS = 'Weapons reviews should be shared where national security allows.';
const THREE = 'This paragraph records language on the scope of the instrument.';
/** Box I with a bis paragraph: (1), (2), (2bis), (3). */
const BOX_I = `1. ${ONE}\n2. ${TWO}\n2bis. ${BIS}\n3. ${THREE}`;

let database: TestDatabase;
let t: TestServer;
let f: AmendmentsFixture;
let chairId: string;

beforeAll(async () => {
  ({ database, t, f } = await openDemoServer({ MAX_DOCUMENTS_PER_HOUR: '1000' }));
  chairId = await f.userId('chair');
});

afterAll(() => closeDemoServer({ database, t, f }));

const history = async (name: DemoName) => (await f.api(name)).history;

/** The text the server holds now, as a ProseMirror document. */
async function textNow(documentId: string, dialogueId = f.dialogueId): Promise<Node> {
  return fromJSON((await (await f.api('chair')).documents.text(dialogueId, documentId)).content);
}

/** Every entry of the timeline, newest first, in one page. */
async function everyEntry(api: AccordApi, documentId: string, dialogueId = f.dialogueId): Promise<HistoryEntry[]> {
  const page = await api.history.timeline(dialogueId, documentId, { limit: 100 });
  expect(page.next).toBeNull();
  return page.entries;
}

const labelsOf = (entry: HistoryEntry) => entry.paragraphs.map((p) => p.label);
const span = (entry: HistoryEntry) => [entry.fromSeq, entry.toSeq];
const byId = (a: { paragraphId: string }, b: { paragraphId: string }) => a.paragraphId.localeCompare(b.paragraphId);

/** The strings in `value` that name a demo member or an affiliation. */
const namesIn = (value: unknown): string[] => {
  const json = JSON.stringify(value);
  return demoSecrets().filter((secret) => json.includes(secret));
};

describe('the timeline of a document under the Chatham House Rule (the demo dialogue)', () => {
  let documentId: string;
  let ids: Record<'one' | 'two' | 'bis' | 'three', string>;
  let amendmentId: string;
  let rev1: Revision;
  let rev2: Revision;
  let chair: AmendmentEvents;

  beforeAll(async () => {
    documentId = await f.createDocument(BOX_I);
    const text = await textNow(documentId);
    ids = { one: idAt(text, 'Box I(1)'), two: idAt(text, 'Box I(2)'), bis: idAt(text, 'Box I(2bis)'), three: idAt(text, 'Box I(3)') };
    chair = await f.open('chair', documentId);
    const arandia = await f.open('arandia', documentId);
    const veloria = await f.open('veloria', documentId);
    // A delegate's session of two updates, the chair's edit, then two delegates one after the other.
    await editIn(arandia.handle, (d) => withWords(d, ids.one, `${ONE} In all circumstances.`));
    await editIn(arandia.handle, (d) => withWords(d, ids.bis, `${BIS} Promptly.`));
    await editIn(chair.handle, (d) => withWords(d, ids.two, `${TWO} Legal reviews included.`));
    await editIn(veloria.handle, (d) => withWords(d, ids.three, `${THREE} As negotiated.`));
    await editIn(arandia.handle, (d) => withWords(d, ids.one, `${ONE} At all times.`));
    // An accepted amendment, then Rev.1 named on it.
    const proposed = await f.propose('ngo', documentId, { paragraphId: ids.three, kind: 'replace', text: THREE.replace('records', 'sets out') });
    amendmentId = proposed.id;
    await (await f.api('chair')).amendments.accept(f.dialogueId, documentId, amendmentId, { mode: 'as_proposed' });
    rev1 = (await (await history('chair')).nameRevision(f.dialogueId, documentId, { label: 'Rev.1', symbol: 'CCW/GGE.1/2026/WP.1/Rev.1', statusDate: '2026-05-12', note: 'The chair’s text of 12 May.' })).revision;
  });

  it('groups one author’s consecutive updates into a session, starts a new entry when the author changes, and makes the first content and an accepted amendment entries of their own', async () => {
    const entries = await everyEntry(await f.api('observer'), documentId);
    expect(entries.map((e) => [e.source, e.author.category, e.updates, labelsOf(e)])).toEqual([
      ['amendment', 'Chair', 1, ['Box I(3)']],
      // Two delegations one after the other read as one session: a boundary would tell that someone else took over.
      ['edit', 'Government', 2, ['Box I(1)', 'Box I(3)']],
      ['edit', 'Chair', 1, ['Box I(2)']],
      ['edit', 'Government', 2, ['Box I(1)', 'Box I(2bis)']],
      ['edit', 'Chair', 1, expect.arrayContaining(['Box I(1)', 'Box I(2)', 'Box I(2bis)', 'Box I(3)'])],
      ['initial', 'Chair', 1, expect.any(Array)],
    ]);
    // Contiguous, newest first, covering the whole log.
    const page = await (await history('observer')).timeline(f.dialogueId, documentId);
    expect(entries.at(-1)!.fromSeq).toBe(1);
    expect(entries[0]!.toSeq).toBe(page.seq);
    for (let i = 0; i < entries.length - 1; i++) expect(entries[i]!.fromSeq).toBe(entries[i + 1]!.toSeq + 1);
    for (const entry of entries) expect(entry.updates).toBe(entry.toSeq - entry.fromSeq + 1);
    expect(entries[0]).toMatchObject({ amendments: [{ id: amendmentId, label: 'Box I(3)', kind: 'replace' }], revisions: [{ id: rev1.id, label: 'Rev.1' }] });
    expect(entries.slice(1).every((e) => e.amendments.length === 0 && e.revisions.length === 0)).toBe(true);
  });

  it('tells a member their own sessions (`you`) without naming them, and a shared session is no one’s', async () => {
    const seen = await everyEntry(await f.api('arandia'), documentId);
    expect(seen.map((e) => e.author)).toEqual([
      { category: 'Chair', you: false },
      { category: 'Government', you: false },
      { category: 'Chair', you: false },
      { category: 'Government', you: true },
      { category: 'Chair', you: false },
      { category: 'Chair', you: false },
    ]);
    const byChair = await everyEntry(await f.api('chair'), documentId);
    expect(byChair.filter((e) => e.author.category === 'Chair').map((e) => e.author)).toEqual(Array.from({ length: 4 }, () => ({ category: 'Chair', you: true })));
  });

  it('filters by paragraph ("every change to Box I(2)") and by category, and pages through with `next`', async () => {
    const observer = await f.api('observer');
    const all = await everyEntry(observer, documentId);
    const touching = (id: string) => all.filter((e) => e.paragraphs.some((p) => p.paragraphId === id)).map(span);
    const toTwo = await observer.history.timeline(f.dialogueId, documentId, { paragraphId: ids.two });
    expect(toTwo.entries.map(span)).toEqual(touching(ids.two));
    expect(toTwo.entries.map((e) => e.source)).toEqual(['edit', 'edit']);
    expect((await observer.history.timeline(f.dialogueId, documentId, { paragraphId: ids.bis })).entries.map(span)).toEqual(touching(ids.bis));
    const government = await observer.history.timeline(f.dialogueId, documentId, { category: 'Government' });
    expect(government.entries.map(span)).toEqual(all.filter((e) => e.author.category === 'Government').map(span));
    expect(government.entries).toHaveLength(2);
    // Sessions left apart by the filter stay apart: an entry never spans others' updates.
    const chairs = await observer.history.timeline(f.dialogueId, documentId, { category: 'Chair' });
    expect(chairs.entries.map(span)).toEqual(all.filter((e) => e.author.category === 'Chair').map(span));
    for (const entry of [...toTwo.entries, ...government.entries, ...chairs.entries]) expect(entry.updates).toBe(entry.toSeq - entry.fromSeq + 1);
    expect((await observer.history.timeline(f.dialogueId, documentId, { category: 'Civil society' })).entries).toEqual([]);

    const paged: HistoryEntry[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await observer.history.timeline(f.dialogueId, documentId, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.entries.length).toBeLessThanOrEqual(2);
      paged.push(...page.entries);
      cursor = page.next ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(paged).toEqual(all);
  });

  it('names a revision with its label, symbol, status date and note; anyone, the observer too, lists and reads it, json and plain', async () => {
    expect(rev1).toMatchObject({
      documentId,
      label: 'Rev.1',
      symbol: 'CCW/GGE.1/2026/WP.1/Rev.1',
      statusDate: '2026-05-12',
      note: 'The chair’s text of 12 May.',
      renumbered: false,
      baseSeq: null,
      createdBy: { category: 'Chair', you: true },
    });
    const observer = await history('observer');
    const listed = await observer.revisions(f.dialogueId, documentId);
    expect(listed.map((r) => r.id)).toContain(rev1.id);
    expect(await observer.revision(f.dialogueId, documentId, rev1.id)).toEqual({ ...rev1, createdBy: { category: 'Chair', you: false } });
    const text = await observer.revisionText(f.dialogueId, documentId, rev1.id);
    expect(text.seq).toBe(rev1.seq);
    expect(toPlainText(fromJSON(text.content))).toBe(text.text);
    expect(await observer.revisionPlainText(f.dialogueId, documentId, rev1.id)).toBe(text.text);
    expect(text.text).toContain(`3. ${THREE.replace('records', 'sets out')}`);
    expect((await observer.textAt(f.dialogueId, documentId, `seq:${rev1.seq}`)).text).toBe(text.text);
  });

  describe('renumbered into a clean revision', () => {
    let before: Node;
    let concordance: Array<{ paragraphId: string; from: string; to: string; changed: boolean }>;
    let threadId: string;
    let bisAmendmentId: string;

    beforeAll(async () => {
      // A comment and an amendment on the bis paragraph, before its number changes.
      const thread = await (await f.api('arandia')).comments.create(f.dialogueId, documentId, { paragraphId: ids.bis, quote: 'Weapons reviews', audience: 'everyone', body: 'Which reviews?' });
      threadId = thread.id;
      bisAmendmentId = (await f.propose('ngo', documentId, { paragraphId: ids.bis, kind: 'replace', text: 'Weapons reviews shall be shared.' })).id;
      before = await textNow(documentId);
      const created = await (await history('chair')).nameRevision(f.dialogueId, documentId, { label: 'Rev.2', renumber: true, symbol: 'CCW/GGE.1/2026/WP.1/Rev.2' });
      rev2 = created.revision;
      concordance = created.concordance!;
    });

    it('renumbers as `renumber` does, and the concordance gives every paragraph’s label before and after, by id', async () => {
      const expected = renumber(before);
      expect(toPlainText(await textNow(documentId))).toBe(toPlainText(expected));
      const labelsBefore = citationsById(before);
      const labelsAfter = citationsById(expected);
      expect(concordance.map(({ paragraphId, from, to, changed }) => ({ paragraphId, from, to, changed })).toSorted(byId)).toEqual(
        [...labelsAfter.entries()].map(([paragraphId, label]) => ({ paragraphId, from: labelsBefore.get(paragraphId), to: label, changed: labelsBefore.get(paragraphId) !== label })).toSorted(byId),
      );
      expect(concordance.find((row) => row.paragraphId === ids.bis)).toMatchObject({ from: 'Box I(2bis)', to: 'Box I(3)', changed: true });
      expect(concordance.find((row) => row.paragraphId === ids.three)).toMatchObject({ from: 'Box I(3)', to: 'Box I(4)', changed: true });
      expect(rev2).toMatchObject({ label: 'Rev.2', renumbered: true, baseSeq: rev2.seq - 1 });
    });

    it('serves the concordance as JSON and as plain text, which agree', async () => {
      const observer = await history('observer');
      const served = await observer.concordance(f.dialogueId, documentId, rev2.id);
      expect(served.revision.id).toBe(rev2.id);
      expect(served.concordance).toEqual(concordance);
      const plain = await observer.concordanceText(f.dialogueId, documentId, rev2.id);
      expect(plain).toContain('Rev.2');
      const lines = plain.split('\n');
      for (const row of served.concordance) {
        const line = lines.find((l) => l.trimStart().startsWith(`${row.from} `) && l.includes(row.to));
        expect(line, `a line for ${row.from} → ${row.to}`).toBeDefined();
        expect(line!.split(/\s{2,}/).map((s) => s.trim())).toEqual(row.changed ? [row.from, row.to] : [row.from, row.to, '(unchanged)']);
      }
    });

    it('compares the text before renumbering with the clean revision as relabellings only', async () => {
      const comparison = await (await history('veloria')).compare(f.dialogueId, documentId, `seq:${rev2.baseSeq}`, rev2.id);
      expect(comparison.changes.length).toBeGreaterThan(0);
      expect(comparison.changes.every((c) => c.kind === 'relabelled')).toBe(true);
      expect(comparison.changes.map((c) => [c.paragraphId, c.fromLabel, c.toLabel]).toSorted()).toEqual(
        concordance.filter((row) => row.changed).map((row) => [row.paragraphId, row.from, row.to]).toSorted(),
      );
      expect(comparison.summary).toMatchObject({ inserted: 0, deleted: 0, moved: 0, modified: 0, status: 0, relabelled: comparison.changes.length });
    });

    it('keeps comments and amendments on the bis paragraph pointing at it by id, under its new label', async () => {
      const amendment = await (await f.api('ngo')).amendments.get(f.dialogueId, documentId, bisAmendmentId);
      expect([amendment.paragraphId, amendment.label]).toEqual([ids.bis, 'Box I(3)']);
      const thread = await (await f.api('veloria')).comments.get(f.dialogueId, documentId, threadId);
      expect(thread.anchor).toMatchObject({ paragraphId: ids.bis, quote: 'Weapons reviews', orphaned: false });
      expect((await f.block(documentId, 'Box I(3)')).id).toBe(ids.bis);
    });

    it('labels each timeline entry as the text stood then: the bis paragraph is "Box I(2bis)" before the renumbering, "Box I(3)" in it', async () => {
      const entries = await everyEntry(await f.api('observer'), documentId);
      expect(entries[0]).toMatchObject({ source: 'renumber', author: { category: 'Chair' }, revisions: [{ id: rev2.id, label: 'Rev.2' }] });
      expect(entries[0]!.paragraphs).toContainEqual({ paragraphId: ids.bis, label: 'Box I(3)' });
      expect(entries[0]!.paragraphs).toContainEqual({ paragraphId: ids.three, label: 'Box I(4)' });
      const arandiaSession = entries.find((e) => e.author.category === 'Government' && e.paragraphs.some((p) => p.paragraphId === ids.bis))!;
      expect(arandiaSession.paragraphs).toEqual([
        { paragraphId: ids.one, label: 'Box I(1)' },
        { paragraphId: ids.bis, label: 'Box I(2bis)' },
      ]);
    });

    it('names no member and no affiliation in the timeline, revisions, comparisons, concordance or progress, for any viewer, the chair included', async () => {
      for (const name of demoNames) {
        const api = (await f.api(name)).history;
        const timeline = await api.timeline(f.dialogueId, documentId, { limit: 100 });
        const revisions = await api.revisions(f.dialogueId, documentId);
        const answers = [
          timeline,
          revisions,
          await api.timeline(f.dialogueId, documentId, { category: 'Government' }),
          await api.revision(f.dialogueId, documentId, rev1.id),
          await api.compare(f.dialogueId, documentId, rev1.id, 'current'),
          await api.compare(f.dialogueId, documentId, 'seq:1', rev2.id),
          await api.concordance(f.dialogueId, documentId, rev2.id),
          await api.concordanceText(f.dialogueId, documentId, rev2.id),
          await api.progress(f.dialogueId, documentId),
        ];
        expect(namesIn(answers), `${name}'s view`).toEqual([]);
        const authors = [...timeline.entries.map((e) => e.author), ...revisions.map((r) => r.createdBy)];
        expect(authors.every((a) => a.name === undefined && a.affiliation === undefined)).toBe(true);
      }
    });

    it('draws the progress of each box at every revision and now', async () => {
      const progress = await (await history('observer')).progress(f.dialogueId, documentId);
      expect(progress.points.map((p) => p.label)).toEqual(['Rev.1', 'Rev.2', 'Now']);
      const boxI = progress.points.at(-1)!.boxes.find((b) => b.box === 'I')!;
      expect(boxI).toMatchObject({ underNegotiation: 4, agreed: 0, agreedAdRef: 0, openBrackets: 0 });
    });
  });
});

describe('sessions and pauses', () => {
  it('starts a new session when one author pauses five minutes or more, and not before', async () => {
    const documentId = await f.createDocument(BOX_I);
    const one = idAt(await textNow(documentId), 'Box I(1)');
    const arandia = await f.open('arandia', documentId);
    // The log's timestamps are the engine's wall clock: moved on here, for Date only.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date() });
    try {
      await editIn(arandia.handle, (d) => withWords(d, one, `${ONE} A.`));
      vi.setSystemTime(Date.now() + HISTORY_SESSION_GAP_MS - 1000);
      await editIn(arandia.handle, (d) => withWords(d, one, `${ONE} B.`));
      vi.setSystemTime(Date.now() + HISTORY_SESSION_GAP_MS);
      await editIn(arandia.handle, (d) => withWords(d, one, `${ONE} C.`));
      await editIn(arandia.handle, (d) => withWords(d, one, `${ONE} D.`));
    } finally {
      vi.useRealTimers();
    }
    const entries = await everyEntry(await f.api('arandia'), documentId);
    expect(entries.slice(0, 2).map((e) => [e.author, e.updates, Date.parse(e.to) - Date.parse(e.from)])).toEqual([
      [{ category: 'Government', you: true }, 2, 0],
      [{ category: 'Government', you: true }, 2, HISTORY_SESSION_GAP_MS - 1000],
    ]);
    expect(Date.parse(entries[0]!.from) - Date.parse(entries[1]!.to)).toBe(HISTORY_SESSION_GAP_MS);
  });

  it('ends a session where a revision was named, even when its author and category type on: "the text after this" is the revision', async () => {
    const documentId = await f.createDocument(BOX_I);
    const text = await textNow(documentId);
    const [one, two] = [idAt(text, 'Box I(1)'), idAt(text, 'Box I(2)')];
    const [arandia, veloria] = [await f.open('arandia', documentId), await f.open('veloria', documentId)];
    await editIn(arandia.handle, (d) => withWords(d, one, `${ONE} A.`));
    await editIn(veloria.handle, (d) => withWords(d, two, `${TWO} B.`));
    const { revision } = await (await history('chair')).nameRevision(f.dialogueId, documentId, { label: 'Mid-session' });
    await editIn(veloria.handle, (d) => withWords(d, two, `${TWO} C.`));
    await editIn(arandia.handle, (d) => withWords(d, one, `${ONE} D.`));
    // Under the Chatham House Rule both delegates' typing reads as one Government session, on each side of the revision.
    const entries = await everyEntry(await f.api('observer'), documentId);
    const withRevision = entries.find((e) => e.revisions.length > 0)!;
    expect(withRevision.toSeq).toBe(revision.seq);
    expect(withRevision.revisions).toEqual([{ id: revision.id, label: 'Mid-session' }]);
    expect(entries.slice(0, 2).map((e) => [e.author.category, e.updates])).toEqual([
      ['Government', 2],
      ['Government', 2],
    ]);
  });
});

describe('in an attributed dialogue', () => {
  it('names who changed what, with their affiliation, in the timeline and on revisions, for every viewer; the member filter works there', async () => {
    const comments = new CommentsFixture(t);
    const created = await (await comments.as('chair')).post('/api/dialogues', { title: 'Attributed consultations on the history', attributionMode: 'attributed' });
    expect(created.status).toBe(201);
    const dialogueId = created.body.id as string;
    for (const [name, role] of [
      ['arandia', 'delegate'],
      ['veloria', 'delegate'],
      ['observer', 'observer'],
    ] as const) {
      await comments.invite(name, dialogueId, { role, affiliation: demoAffiliation(name) });
    }
    const documentId = await f.createDocument(BOX_I, dialogueId);
    const one = idAt(await textNow(documentId, dialogueId), 'Box I(1)');
    const arandia = await f.open('arandia', documentId);
    const veloria = await f.open('veloria', documentId);
    await editIn(arandia.handle, (d) => withWords(d, one, `${ONE} Always.`));
    await editIn(veloria.handle, (d) => withWords(d, one, `${ONE} At all times.`));
    const rev = (await (await history('chair')).nameRevision(dialogueId, documentId, { label: 'Rev.1' })).revision;

    const observer = await f.api('observer');
    const entries = await everyEntry(observer, documentId, dialogueId);
    expect(entries.slice(0, 2).map((e) => e.author)).toEqual([
      { category: 'Government', name: demo.veloria.displayName, affiliation: demo.veloria.affiliation.name, you: false },
      { category: 'Government', name: demo.arandia.displayName, affiliation: demo.arandia.affiliation.name, you: false },
    ]);
    const ownView = await (await f.api('arandia')).history.timeline(dialogueId, documentId);
    expect(ownView.entries[1]!.author).toEqual({ category: 'Government', name: demo.arandia.displayName, affiliation: demo.arandia.affiliation.name, you: true });
    expect((await observer.history.revision(dialogueId, documentId, rev.id)).createdBy).toMatchObject({ category: 'Chair', name: demo.chair.displayName, you: false });
    expect(namesIn(await observer.history.timeline(dialogueId, documentId))).toEqual(expect.arrayContaining([demo.arandia.displayName, demo.veloria.affiliation.name]));
    const byArandia = await observer.history.timeline(dialogueId, documentId, { memberId: await f.userId('arandia') });
    expect(byArandia.entries.map((e) => e.author.name)).toEqual([demo.arandia.displayName]);
  });
});

describe('restoring a revision', () => {
  it('restores the whole text as a change on top, attributed to the chair (log and timeline); compare against the revision shows nothing, and a connected editor converges', async () => {
    const documentId = await f.createDocument(BOX_I);
    let text = await textNow(documentId);
    const [one, two, three] = [idAt(text, 'Box I(1)'), idAt(text, 'Box I(2)'), idAt(text, 'Box I(3)')];
    const chair = await f.open('chair', documentId);
    const arandia = await f.open('arandia', documentId);
    const rev = (await (await history('secretariat')).nameRevision(f.dialogueId, documentId, { label: 'Rev.1' })).revision;
    const then = await (await history('chair')).revisionPlainText(f.dialogueId, documentId, rev.id);
    // What a chair restores away: a wording change, a status change, a deletion and an insertion.
    await editIn(arandia.handle, (d) => withWords(d, one, 'States shall ensure human control.'));
    await editIn(chair.handle, (d) => withStatus(d, two, 'agreed_ad_ref'));
    await editIn(chair.handle, (d) => withoutParagraph(d, three));
    await editIn(chair.handle, (d) => withParagraphAfter(d, one, 'A paragraph added after Rev.1.').doc);
    const changes = await (await history('chair')).compare(f.dialogueId, documentId, rev.id, 'current');
    expect(changes.summary).toMatchObject({ modified: 1, status: 1, deleted: 1, inserted: 1 });
    const logBefore = await f.log.countUpdates(documentId);

    const restored = await (await history('chair')).restore(f.dialogueId, documentId, rev.id);
    expect(restored).toEqual({ seq: logBefore + 1, changed: true });
    expect(await f.plain(documentId)).toBe(then);
    expect((await (await history('arandia')).compare(f.dialogueId, documentId, rev.id, 'current')).changes).toEqual([]);
    await eventually(() => expect(toPlainText(fromYDoc(arandia.handle.doc))).toBe(then));
    await eventually(() => expect(toPlainText(fromYDoc(chair.handle.doc))).toBe(then));

    const [row] = await t.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, documentId)).orderBy(desc(documentUpdates.seq)).limit(1);
    expect([row!.seq, row!.userId, row!.source]).toEqual([restored.seq, chairId, `restore:${rev.id}`]);
    const [newest] = (await (await history('observer')).timeline(f.dialogueId, documentId)).entries;
    expect(newest).toMatchObject({ fromSeq: restored.seq, toSeq: restored.seq, source: 'restore', author: { category: 'Chair', you: false } });
    expect(newest!.paragraphs.map((p) => p.paragraphId)).toEqual(expect.arrayContaining([one, two, three]));
    // Restoring again changes nothing and writes nothing.
    expect(await (await history('chair')).restore(f.dialogueId, documentId, rev.id)).toEqual({ seq: restored.seq, changed: false });
    expect(await f.log.countUpdates(documentId)).toBe(restored.seq);
    text = await textNow(documentId);
    expect(wordsOf(text, one)).toBe(ONE);
  });

  it('restores one paragraph as it was in the revision and leaves the others as they are', async () => {
    const documentId = await f.createDocument(BOX_I);
    const text = await textNow(documentId);
    const [one, two] = [idAt(text, 'Box I(1)'), idAt(text, 'Box I(2)')];
    const veloria = await f.open('veloria', documentId);
    const rev = (await (await history('chair')).nameRevision(f.dialogueId, documentId, { label: 'Rev.1' })).revision;
    await editIn(veloria.handle, (d) => withWords(withWords(d, one, 'Control, always.'), two, 'Reviews, always.'));

    const restored = await (await history('chair')).restore(f.dialogueId, documentId, rev.id, { paragraphId: one });
    expect(restored.changed).toBe(true);
    const comparison = await (await history('veloria')).compare(f.dialogueId, documentId, rev.id, 'current');
    expect(comparison.changes.map((c) => [c.paragraphId, c.kind])).toEqual([[two, 'modified']]);
    const now = await textNow(documentId);
    expect([wordsOf(now, one), wordsOf(now, two)]).toEqual([ONE, 'Reviews, always.']);
    await eventually(() => expect(wordsOf(fromYDoc(veloria.handle.doc), one)).toBe(ONE));
    const [row] = await t.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, documentId)).orderBy(desc(documentUpdates.seq)).limit(1);
    expect([row!.userId, row!.source, row!.touched]).toEqual([chairId, `restore:${rev.id}`, [one]]);
  });

  it('an offline copy that comes back converges on the restored text plus its own edit, and does not bring the old state back', async () => {
    const documentId = await f.createDocument(BOX_I);
    const text = await textNow(documentId);
    const [one, three] = [idAt(text, 'Box I(1)'), idAt(text, 'Box I(3)')];
    const rev = (await (await history('chair')).nameRevision(f.dialogueId, documentId, { label: 'Rev.1' })).revision;
    const arandia = await f.open('arandia', documentId);
    await editIn(arandia.handle, (d) => withWords(d, one, 'States shall ensure human control.'));

    // Arandia's network drops; they keep working on another paragraph while the chair restores Rev.1.
    arandia.client.disconnectForTesting();
    await eventually(() => expect(arandia.handle.status).toBe('offline'));
    editOffline(arandia.handle, (d) => withWords(d, three, `${THREE} Added offline.`));
    const restored = await (await history('chair')).restore(f.dialogueId, documentId, rev.id);
    expect(restored.changed).toBe(true);

    // Back with the same copy of the document.
    const back = await AccordClient.connect({ url: t.url, token: (await f.api('arandia')).token!, transports: ['websocket'] });
    onTeardown(() => back.close());
    const reopened = back.open(documentId, { doc: arandia.handle.doc });
    await reopened.synced;
    await reopened.whenSaved();
    const then = await (await history('chair')).revisionText(f.dialogueId, documentId, rev.id);
    const expected = toPlainText(withWords(fromJSON(then.content), three, `${THREE} Added offline.`));
    await eventually(async () => expect(await f.plain(documentId)).toBe(expected));
    await eventually(() => expect(toPlainText(fromYDoc(reopened.doc))).toBe(expected));
    const comparison = await (await history('chair')).compare(f.dialogueId, documentId, rev.id, 'current');
    expect(comparison.changes.map((c) => [c.paragraphId, c.kind])).toEqual([[three, 'modified']]);
  });
});

describe('live', () => {
  it('a member with the document open gets `revisions.created` as they may see it', async () => {
    const documentId = await f.createDocument(BOX_I);
    const arandia = await f.open('arandia', documentId);
    const heard: Revision[] = [];
    arandia.client.onEvent('revisions.created', (data) => {
      if (data.documentId === documentId) heard.push(data.revision);
    });
    const created = (await (await history('secretariat')).nameRevision(f.dialogueId, documentId, { label: 'Rev.1', note: 'For the second session.' })).revision;
    await eventually(() => expect(heard).toHaveLength(1));
    expect(heard[0]).toEqual({ ...created, createdBy: { category: 'Secretariat', you: false } });
    expect(namesIn(heard)).toEqual([]);
  });
});
