/**
 * Amendments through the SDK against a real server, real sockets and a real database: the whole
 * cycle (an NGO proposes, delegations support, the chair accepts in brackets, every editor shows
 * it live, the compilation lists it, the log names the chair and the amendment), each kind and
 * mode of acceptance, rejection, withdrawal, support, the merge of a paragraph that moved on, a
 * conflict and its edited acceptance, the re-check of other amendments, and an agreed paragraph.
 * Bad input is amendments-bad-input.test.ts's; attribution is amendments-chatham-house.test.ts's.
 */
import { AccordApi } from '@accord/client';
import type { Amendment } from '@accord/contract';
import { amendments } from '@accord/db';
import type { TestDatabase } from '@accord/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { redlineText } from '../src/amendments/compilation-text.js';
import { AmendmentsFixture, blockTextIn, refusal, closeDemoServer, openDemoServer } from './support/amendments.js';
import { CommentsFixture, demoAffiliation } from './support/comments.js';
import { eventually } from './support/eventually.js';
import { draft } from './support/rolling-text.js';
import type { TestServer } from './support/test-server.js';

const SHALL = 'States shall ensure meaningful human control over the use of force in all circumstances.';
const SHOULD = 'States should ensure meaningful human control over the use of force in all circumstances.';
const REVIEW = 'Each State should review new weapons before their deployment.';
const AGREED = 'This paragraph records agreed language on the scope of the instrument.';
/** Box I: (1) and (2) under negotiation, (3) agreed. */
const BOX_I = `1. ${SHALL}\n2. ${REVIEW}\n3. ${AGREED} {agreed}`;

let database: TestDatabase;
let t: TestServer;
let f: AmendmentsFixture;
let chairId: string;

beforeAll(async () => {
  ({ database, t, f } = await openDemoServer({ MAX_DOCUMENTS_PER_HOUR: '1000' }));
  chairId = await f.userId('chair');
});

afterAll(() => closeDemoServer({ database, t, f }));

const am = async (name: Parameters<AmendmentsFixture['api']>[0]) => (await f.api(name)).amendments;

/** The redline read both ways: without insertions it is the wording now, without deletions the proposal. */
function expectRedline(amendment: Amendment, from: string, to: string): void {
  expect(amendment.diff.filter((p) => p.op !== 'insert').map((p) => p.text).join('')).toBe(from);
  expect(amendment.diff.filter((p) => p.op !== 'delete').map((p) => p.text).join('')).toBe(to);
  expect(amendment.diff.some((p) => p.op !== 'equal')).toBe(true);
}

/** The status of an amendment as stored, read without going through the API (which re-checks on the way out). */
async function storedStatus(amendmentId: string): Promise<string> {
  const [row] = await t.db.select().from(amendments).where(eq(amendments.id, amendmentId));
  return row!.status;
}

describe('the whole cycle', () => {
  it('an NGO proposes a replacement for Box I(1), two delegations support it, the chair accepts it in brackets: live in both delegates’ editors with the sponsors, accepted in the compilation, logged under the chair and the amendment', async () => {
    const documentId = await f.createDocument(BOX_I);
    const target = await f.block(documentId, 'Box I(1)');
    expect([target.text, target.status]).toEqual([SHALL, 'under_negotiation']);
    const arandiaEditor = await f.open('arandia', documentId);
    const veloriaEditor = await f.open('veloria', documentId);

    const proposed = await (await am('ngo')).propose(f.dialogueId, documentId, {
      paragraphId: target.id,
      kind: 'replace',
      text: SHOULD,
      justification: 'An obligation of conduct is more likely to find consensus.',
    });
    expect(proposed).toMatchObject({
      documentId,
      paragraphId: target.id,
      label: 'Box I(1)',
      kind: 'replace',
      text: SHOULD,
      justification: 'An obligation of conduct is more likely to find consensus.',
      status: 'submitted',
      baseText: SHALL,
      currentText: SHALL,
      decidedAt: null,
      decidedBy: null,
      mode: null,
      appliedSeq: null,
      supporters: { governments: 0, cosponsors: 0, organizations: 0, summary: 'no support yet', yours: null },
      can: { support: false, withdraw: true, decide: false },
    });
    expectRedline(proposed, SHALL, SHOULD);
    expect(proposed.diff).toContainEqual({ op: 'insert', text: expect.stringContaining('should') });
    // Nothing in the text yet: an amendment is a record of its own.
    expect((await f.block(documentId, 'Box I(1)')).text).toBe(SHALL);
    await arandiaEditor.next(proposed.id, (a) => a.status === 'submitted');

    const cosponsored = await (await am('arandia')).support(f.dialogueId, documentId, proposed.id, { kind: 'cosponsor' });
    expect(cosponsored.supporters).toMatchObject({ governments: 1, cosponsors: 1, organizations: 0, yours: 'cosponsor', summary: 'supported by 1 government (1 co-sponsor)' });
    await veloriaEditor.next(proposed.id, (a) => a.supporters.governments === 1);
    const supported = await (await am('veloria')).support(f.dialogueId, documentId, proposed.id);
    expect(supported.supporters).toMatchObject({ governments: 2, cosponsors: 1, yours: 'support', summary: 'supported by 2 governments (1 co-sponsor)' });
    await arandiaEditor.next(proposed.id, (a) => a.supporters.governments === 2 && a.supporters.yours === 'cosponsor');

    const accepted = await (await am('chair')).accept(f.dialogueId, documentId, proposed.id, { mode: 'bracketed' });
    expect(accepted).toMatchObject({ status: 'accepted', mode: 'bracketed', decidedBy: { category: 'Chair', you: true }, reason: null });
    expect(accepted.decidedAt).not.toBeNull();
    expect(accepted.appliedSeq).toBeGreaterThan(proposed.baseSeq);

    // The old wording stays, bracketed; the proposal stands next to it, sponsored by the supporting delegations.
    const bracketed = 'States [shall][should]{Arandia, Veloria} ensure meaningful human control over the use of force in all circumstances.';
    expect((await f.block(documentId, 'Box I(1)')).text).toBe(bracketed);
    for (const editor of [arandiaEditor, veloriaEditor]) {
      await eventually(() => expect(blockTextIn(editor.handle.doc, target.id)).toBe(bracketed));
      const decided = await editor.next(proposed.id, (a) => a.status === 'accepted');
      expect(decided).toMatchObject({ mode: 'bracketed', appliedSeq: accepted.appliedSeq, decidedBy: { category: 'Chair', you: false } });
    }

    const compilation = await (await am('observer')).compilation(f.dialogueId, documentId);
    expect(compilation).toMatchObject({ documentId, attribution: 'chatham_house' });
    expect(compilation.totals).toMatchObject({ accepted: 1, submitted: 0, rejected: 0, withdrawn: 0, conflict: 0 });
    const row = compilation.boxes[0]!.paragraphs.find((p) => p.paragraphId === target.id)!;
    expect(row).toMatchObject({ label: 'Box I(1)', status: 'under_negotiation', text: bracketed });
    expect(row.amendments).toHaveLength(1);
    expect(row.amendments[0]).toMatchObject({ id: proposed.id, status: 'accepted', mode: 'bracketed', supporters: { governments: 2, cosponsors: 1 } });
    // A decided amendment's redline is against the wording it was written against.
    expectRedline(row.amendments[0]!, SHALL, SHOULD);
    const plain = await (await am('observer')).compilationText(f.dialogueId, documentId);
    expect(plain).toContain(`\nBox I(1) ${bracketed}\n`);
    expect(plain).toContain('Amendment 1: Replace, accepted. Proposed by Civil society; supported by 2 governments (1 co-sponsor).');
    expect(plain).toContain('Justification: An obligation of conduct is more likely to find consensus.');
    // The plain redline is the JSON one, written out (whatever the markers).
    expect(plain).toContain(`Redline: ${redlineText(row.amendments[0]!.diff)}\n`);
    expect(redlineText(row.amendments[0]!.diff)).not.toBe(SHALL);

    const log = await f.log.readLog(documentId);
    const change = log.find((r) => r.seq === accepted.appliedSeq)!;
    expect(change).toMatchObject({ userId: chairId, source: `amendment:${proposed.id}` });
    expect(log.filter((r) => r.source === `amendment:${proposed.id}`)).toHaveLength(1);
    // Replaying the log gives the text the server holds.
    const replayed = new Y.Doc();
    for (const r of log) Y.applyUpdate(replayed, r.update);
    expect(blockTextIn(replayed, target.id)).toBe(bracketed);
  });
});

describe('accepting as proposed', () => {
  it('a replacement becomes the paragraph’s wording', async () => {
    const documentId = await f.createDocument(BOX_I);
    const target = await f.block(documentId, 'Box I(2)');
    const text = 'Each State shall review new weapons, means and methods of warfare before their deployment.';
    const proposed = await f.propose('arandia', documentId, { paragraphId: target.id, kind: 'replace', text });
    const accepted = await (await am('secretariat')).accept(f.dialogueId, documentId, proposed.id);
    expect(accepted).toMatchObject({ status: 'accepted', mode: 'as_proposed', decidedBy: { category: 'Secretariat', you: true } });
    expect((await f.block(documentId, 'Box I(2)')).text).toBe(text);
    expect((await f.block(documentId, 'Box I(1)')).text).toBe(SHALL);
    const change = (await f.log.readLog(documentId)).find((r) => r.seq === accepted.appliedSeq)!;
    expect(change).toMatchObject({ userId: await f.userId('secretariat'), source: `amendment:${proposed.id}` });
  });

  it('an insertion becomes a new paragraph right after its target, labelled 1bis', async () => {
    const documentId = await f.createDocument(BOX_I);
    const target = await f.block(documentId, 'Box I(1)');
    const text = 'States shall record each use of force in a manner that allows subsequent review.';
    const proposed = await f.propose('veloria', documentId, { paragraphId: target.id, kind: 'insert_after', text });
    expect(proposed).toMatchObject({ kind: 'insert_after', text, diff: [{ op: 'insert', text }] });
    await (await am('chair')).accept(f.dialogueId, documentId, proposed.id, { mode: 'as_proposed' });
    const blocks = await f.blocks(documentId);
    expect(blocks.filter((b) => b.boxLabel === 'I').map((b) => [b.citation, b.text])).toEqual([
      ['Box I(1)', SHALL],
      ['Box I(1bis)', text],
      ['Box I(2)', REVIEW],
      ['Box I(3)', AGREED],
    ]);
  });

  it('a deletion removes the paragraph; the amendment keeps its label and is listed apart in the compilation', async () => {
    const documentId = await f.createDocument(BOX_I);
    const target = await f.block(documentId, 'Box I(2)');
    const proposed = await f.propose('veloria', documentId, { paragraphId: target.id, kind: 'delete', justification: 'Covered elsewhere.' });
    expect(proposed).toMatchObject({ kind: 'delete', text: null, diff: [{ op: 'delete', text: REVIEW }] });
    const accepted = await (await am('chair')).accept(f.dialogueId, documentId, proposed.id);
    expect(accepted).toMatchObject({ status: 'accepted', label: 'Box I(2)', currentText: null });
    const blocks = await f.blocks(documentId);
    expect(blocks.map((b) => b.id)).not.toContain(target.id);
    expect(blocks.filter((b) => b.boxLabel === 'I').map((b) => b.text)).toEqual([SHALL, AGREED]);
    expect(await f.plain(documentId)).not.toContain(REVIEW);
    const compilation = await (await am('arandia')).compilation(f.dialogueId, documentId);
    expect(compilation.removed.map((a) => [a.id, a.label, a.status])).toEqual([[proposed.id, 'Box I(2)', 'accepted']]);
    expect(await (await am('arandia')).compilationText(f.dialogueId, documentId)).toContain('Amendments to paragraphs no longer in the text');
  });
});

describe('accepting in brackets', () => {
  it('an insertion goes in wholly in brackets, sponsored by the supporting delegations only (not the endorsing organization)', async () => {
    const documentId = await f.createDocument(BOX_I);
    const target = await f.block(documentId, 'Box I(2)');
    const text = 'States shall exchange information on national review procedures.';
    const proposed = await f.propose('icrc', documentId, { paragraphId: target.id, kind: 'insert_after', text });
    await (await am('veloria')).support(f.dialogueId, documentId, proposed.id);
    await (await am('ngo')).support(f.dialogueId, documentId, proposed.id);
    await (await am('chair')).accept(f.dialogueId, documentId, proposed.id, { mode: 'bracketed' });
    expect((await f.block(documentId, 'Box I(2bis)')).text).toBe(`[${text}]{Veloria}`);
  });

  it("a delegate's own proposal is sponsored by their delegation, ahead of the supporting ones", async () => {
    const documentId = await f.createDocument(BOX_I);
    const target = await f.block(documentId, 'Box I(2)');
    const text = 'States shall exchange information on national review procedures.';
    const proposed = await f.propose('arandia', documentId, { paragraphId: target.id, kind: 'insert_after', text });
    await (await am('veloria')).support(f.dialogueId, documentId, proposed.id);
    await (await am('chair')).accept(f.dialogueId, documentId, proposed.id, { mode: 'bracketed' });
    expect((await f.block(documentId, 'Box I(2bis)')).text).toBe(`[${text}]{Arandia, Veloria}`);
  });

  it('a deletion puts the words in brackets with a footnote "Proposed for deletion"', async () => {
    const documentId = await f.createDocument(BOX_I);
    const target = await f.block(documentId, 'Box I(2)');
    const proposed = await f.propose('ngo', documentId, { paragraphId: target.id, kind: 'delete' });
    await (await am('arandia')).support(f.dialogueId, documentId, proposed.id);
    await (await am('chair')).accept(f.dialogueId, documentId, proposed.id, { mode: 'bracketed' });
    const after = (await f.block(documentId, 'Box I(2)')).text;
    expect(after).toContain(`[${REVIEW}]`);
    expect(after).toContain('Proposed for deletion');
  });
});

describe('rejecting and withdrawing', () => {
  it('the chair rejects with a reason: recorded, announced live, the text untouched', async () => {
    const documentId = await f.createDocument(BOX_I);
    const target = await f.block(documentId, 'Box I(1)');
    const watcher = await f.open('veloria', documentId);
    const proposed = await f.propose('arandia', documentId, { paragraphId: target.id, kind: 'replace', text: SHOULD });
    const before = { text: await f.plain(documentId), log: (await f.log.readLog(documentId)).length };
    const rejected = await (await am('chair')).reject(f.dialogueId, documentId, proposed.id, { reason: 'The Group prefers "shall" here.' });
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'The Group prefers "shall" here.', mode: null, appliedSeq: null, decidedBy: { category: 'Chair', you: true } });
    expect(rejected.decidedAt).not.toBeNull();
    expect({ text: await f.plain(documentId), log: (await f.log.readLog(documentId)).length }).toEqual(before);
    expect(await watcher.next(proposed.id, (a) => a.status === 'rejected')).toMatchObject({ reason: 'The Group prefers "shall" here.', can: { support: false, withdraw: false, decide: false } });
    const listed = await (await am('observer')).list(f.dialogueId, documentId, { status: 'rejected' });
    expect(listed.map((a) => a.id)).toEqual([proposed.id]);
    expect(await (await am('observer')).compilationText(f.dialogueId, documentId)).toContain('Reason: The Group prefers "shall" here.');
  });

  it('the proposer withdraws (announced live); nobody else may, not even the chair (403), and that stores nothing', async () => {
    const documentId = await f.createDocument(BOX_I);
    const target = await f.block(documentId, 'Box I(1)');
    const watcher = await f.open('arandia', documentId);
    const proposed = await f.propose('ngo', documentId, { paragraphId: target.id, kind: 'replace', text: SHOULD });
    const stored = await f.stored();
    for (const name of ['chair', 'secretariat', 'arandia', 'icrc', 'observer'] as const) {
      const refused = await refusal((await am(name)).withdraw(f.dialogueId, documentId, proposed.id));
      expect([refused.status, refused.code], name).toEqual([403, 'ROLE_FORBIDDEN']);
    }
    expect(await f.stored()).toBe(stored);
    const withdrawn = await (await am('ngo')).withdraw(f.dialogueId, documentId, proposed.id);
    expect(withdrawn).toMatchObject({ status: 'withdrawn', can: { withdraw: false } });
    expect(await watcher.next(proposed.id, (a) => a.status === 'withdrawn')).toMatchObject({ status: 'withdrawn' });
    expect((await f.block(documentId, 'Box I(1)')).text).toBe(SHALL);
    expect(await refusal((await am('ngo')).withdraw(f.dialogueId, documentId, proposed.id))).toMatchObject({ status: 409, code: 'AMENDMENT_DECIDED' });
  });
});

describe('support', () => {
  let documentId: string;
  let proposed: Amendment;
  /** A second member of the Arandian delegation, joined for these tests. */
  let arandia2: AccordApi;
  let watcher: Awaited<ReturnType<AmendmentsFixture['open']>>;

  beforeAll(async () => {
    documentId = await f.createDocument(BOX_I);
    const target = await f.block(documentId, 'Box I(1)');
    proposed = await f.propose('chair', documentId, { paragraphId: target.id, kind: 'replace', text: SHOULD });
    const comments = await new CommentsFixture(t).useDemo();
    await comments.join('arandia2', { role: 'delegate', affiliation: demoAffiliation('arandia') });
    arandia2 = new AccordApi({ baseUrl: t.url, token: comments.tokens.get('arandia2')! });
    watcher = await f.open('observer', documentId);
  });

  it('a delegate supports (the default) or co-sponsors for their delegation: one per delegation, a second member changes its kind, not the count', async () => {
    const supported = await (await am('arandia')).support(f.dialogueId, documentId, proposed.id);
    expect(supported.supporters).toMatchObject({ governments: 1, cosponsors: 0, organizations: 0, yours: 'support' });
    const again = await (await am('arandia')).support(f.dialogueId, documentId, proposed.id);
    expect(again.supporters).toMatchObject({ governments: 1, yours: 'support' });
    const colleague = await arandia2.amendments.support(f.dialogueId, documentId, proposed.id, { kind: 'cosponsor' });
    expect(colleague.supporters).toMatchObject({ governments: 1, cosponsors: 1, yours: 'cosponsor', summary: 'supported by 1 government (1 co-sponsor)' });
    // The first member reads their delegation's support as it now stands.
    expect((await (await am('arandia')).get(f.dialogueId, documentId, proposed.id)).supporters.yours).toBe('cosponsor');
    await watcher.next(proposed.id, (a) => a.supporters.cosponsors === 1);
  });

  it('civil society endorses for its organization; support or co-sponsorship is not theirs to give (400 kind)', async () => {
    const endorsed = await (await am('ngo')).support(f.dialogueId, documentId, proposed.id);
    expect(endorsed.supporters).toMatchObject({ organizations: 1, yours: 'endorse' });
    const icrc = await (await am('icrc')).support(f.dialogueId, documentId, proposed.id);
    expect(icrc.supporters).toMatchObject({ governments: 1, organizations: 2, yours: 'endorse', summary: 'supported by 1 government (1 co-sponsor), endorsed by 2 organizations' });
    const stored = await f.stored();
    const refused = await refusal((await am('icrc')).support(f.dialogueId, documentId, proposed.id, { kind: 'cosponsor' }));
    expect([refused.status, refused.code, refused.fields]).toEqual([400, 'VALIDATION_FAILED', ['kind']]);
    expect(await f.stored()).toBe(stored);
  });

  it("the proposer's own delegation or organization does not support its own amendment (403): the proposal is its support", async () => {
    const own = await f.propose('icrc', documentId, { paragraphId: (await f.block(documentId, 'Box I(2)')).id, kind: 'replace', text: 'States should exchange views.' });
    expect(own.can.support).toBe(false);
    const stored = await f.stored();
    const refused = await refusal((await am('icrc')).support(f.dialogueId, documentId, own.id));
    expect([refused.status, refused.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    expect(await f.stored()).toBe(stored);
    expect((await (await am('icrc')).get(f.dialogueId, documentId, own.id)).supporters.summary).toBe('no support yet');
  });

  it('observers, the chair and the secretariat give no support (403), and that stores nothing', async () => {
    const stored = await f.stored();
    for (const name of ['observer', 'chair', 'secretariat'] as const) {
      const refused = await refusal((await am(name)).support(f.dialogueId, documentId, proposed.id));
      expect([refused.status, refused.code], name).toEqual([403, 'ROLE_FORBIDDEN']);
      const unsupport = await refusal((await am(name)).unsupport(f.dialogueId, documentId, proposed.id));
      expect([unsupport.status, unsupport.code], name).toEqual([403, 'ROLE_FORBIDDEN']);
    }
    expect(await f.stored()).toBe(stored);
  });

  it('withdrawing support is per delegation, live for everyone; withdrawing none changes nothing', async () => {
    const from = watcher.received.length;
    const withdrawn = await arandia2.amendments.unsupport(f.dialogueId, documentId, proposed.id);
    expect(withdrawn.supporters).toMatchObject({ governments: 0, cosponsors: 0, organizations: 2, yours: null });
    expect((await (await am('arandia')).get(f.dialogueId, documentId, proposed.id)).supporters.yours).toBeNull();
    await watcher.next(proposed.id, (a) => a.supporters.governments === 0, from);
    const stored = await f.stored();
    const none = await (await am('veloria')).unsupport(f.dialogueId, documentId, proposed.id);
    expect(none.supporters).toMatchObject({ governments: 0, organizations: 2 });
    expect(await f.stored()).toBe(stored);
  });

  it('a decided amendment takes no more support, nor its withdrawal (409 AMENDMENT_DECIDED)', async () => {
    await (await am('chair')).reject(f.dialogueId, documentId, proposed.id, {});
    const stored = await f.stored();
    expect(await refusal((await am('veloria')).support(f.dialogueId, documentId, proposed.id))).toMatchObject({ status: 409, code: 'AMENDMENT_DECIDED' });
    expect(await refusal((await am('ngo')).unsupport(f.dialogueId, documentId, proposed.id))).toMatchObject({ status: 409, code: 'AMENDMENT_DECIDED' });
    expect(await f.stored()).toBe(stored);
  });
});

describe('a decided amendment stays decided', () => {
  it('every second decision is 409 AMENDMENT_DECIDED, naming the state, and changes nothing', async () => {
    const documentId = await f.createDocument(BOX_I);
    const target = await f.block(documentId, 'Box I(1)');
    const accepted = await f.propose('ngo', documentId, { paragraphId: target.id, kind: 'replace', text: SHOULD });
    await (await am('chair')).accept(f.dialogueId, documentId, accepted.id);
    const rejected = await f.propose('ngo', documentId, { paragraphId: target.id, kind: 'replace', text: SHALL });
    await (await am('chair')).reject(f.dialogueId, documentId, rejected.id, { reason: 'No.' });
    const stored = await f.stored();
    const text = await f.plain(documentId);
    const [chair, secretariat, ngo] = [await am('chair'), await am('secretariat'), await am('ngo')];
    const attempts: Array<[string, () => Promise<unknown>, string]> = [
      ['accept the accepted', () => chair.accept(f.dialogueId, documentId, accepted.id), 'accepted'],
      ['accept it in brackets', () => secretariat.accept(f.dialogueId, documentId, accepted.id, { mode: 'bracketed' }), 'accepted'],
      ['reject the accepted', () => chair.reject(f.dialogueId, documentId, accepted.id, { reason: 'Changed my mind.' }), 'accepted'],
      ['withdraw the accepted', () => ngo.withdraw(f.dialogueId, documentId, accepted.id), 'accepted'],
      ['accept the rejected', () => chair.accept(f.dialogueId, documentId, rejected.id), 'rejected'],
      ['reject the rejected', () => secretariat.reject(f.dialogueId, documentId, rejected.id), 'rejected'],
      ['accept the rejected with edited text', () => chair.accept(f.dialogueId, documentId, rejected.id, { text: SHOULD.replace('States', 'All States') }), 'rejected'],
    ];
    for (const [what, attempt, state] of attempts) {
      const refused = await refusal(attempt());
      expect([refused.status, refused.code], what).toEqual([409, 'AMENDMENT_DECIDED']);
      expect(refused.message, what).toContain(state);
    }
    expect(await f.stored()).toBe(stored);
    expect(await f.plain(documentId)).toBe(text);
  });
});

describe('a paragraph that moved on since the amendment was written', () => {
  it('is merged by words: other words changed since the base are kept alongside the proposal', async () => {
    const documentId = await f.createDocument(BOX_I);
    const target = await f.block(documentId, 'Box I(1)');
    const proposed = await f.propose('ngo', documentId, { paragraphId: target.id, kind: 'replace', text: SHOULD });
    // Arandia, in the editor, adds a word elsewhere in the paragraph.
    const editor = await f.open('arandia', documentId);
    const words = draft(editor.handle.doc);
    words.insert(words.toString().indexOf('force'), 'lethal ');
    await editor.handle.whenSaved();
    const moved = SHALL.replace('force', 'lethal force');
    expect((await f.block(documentId, 'Box I(1)')).text).toBe(moved);
    const seen = await (await am('chair')).get(f.dialogueId, documentId, proposed.id);
    expect(seen).toMatchObject({ status: 'submitted', baseText: SHALL, currentText: moved });

    const accepted = await (await am('chair')).accept(f.dialogueId, documentId, proposed.id);
    expect(accepted.status).toBe('accepted');
    const merged = SHOULD.replace('force', 'lethal force');
    expect((await f.block(documentId, 'Box I(1)')).text).toBe(merged);
    await eventually(() => expect(blockTextIn(editor.handle.doc, target.id)).toBe(merged));
  });

  it('when both touched the same words: 409 AMENDMENT_CONFLICT with the attempted merge, nothing changes; accepted again with edited text, it goes in', async () => {
    const documentId = await f.createDocument(BOX_I);
    const target = await f.block(documentId, 'Box I(1)');
    const proposed = await f.propose('ngo', documentId, { paragraphId: target.id, kind: 'replace', text: SHOULD });
    const editor = await f.open('veloria', documentId);
    const words = draft(editor.handle.doc);
    const at = words.toString().indexOf('shall');
    editor.handle.doc.transact(() => {
      words.delete(at, 'shall'.length);
      words.insert(at, 'must');
    });
    await editor.handle.whenSaved();
    const MUST = SHALL.replace('shall', 'must');
    expect((await f.block(documentId, 'Box I(1)')).text).toBe(MUST);
    // Read after the change, it shows as a conflict (re-checked on the way out).
    expect(await (await am('observer')).get(f.dialogueId, documentId, proposed.id)).toMatchObject({ status: 'conflict', currentText: MUST });

    const log = (await f.log.readLog(documentId)).length;
    const refused = await refusal((await am('chair')).accept(f.dialogueId, documentId, proposed.id));
    expect([refused.status, refused.code]).toEqual([409, 'AMENDMENT_CONFLICT']);
    expect(refused.conflict).toMatchObject({ currentText: MUST, proposedText: SHOULD });
    expect(refused.conflict!.preview).toMatch(/<<<<[\s\S]*must[\s\S]*====[\s\S]*should[\s\S]*>>>>/);
    expect(refused.conflict!.preview).toContain('ensure meaningful human control');
    expect((await f.block(documentId, 'Box I(1)')).text).toBe(MUST);
    expect((await f.log.readLog(documentId)).length).toBe(log);
    expect(await storedStatus(proposed.id)).toBe('conflict');
    // The conflict is stable: reading it again, or a second refused acceptance, stores nothing more.
    const stored = await f.stored();
    await (await am('observer')).list(f.dialogueId, documentId);
    expect(await refusal((await am('chair')).accept(f.dialogueId, documentId, proposed.id))).toMatchObject({ status: 409, code: 'AMENDMENT_CONFLICT' });
    await (await am('observer')).get(f.dialogueId, documentId, proposed.id);
    expect(await f.stored()).toBe(stored);

    const edited = 'States must, and should, ensure meaningful human control over the use of force in all circumstances.';
    const accepted = await (await am('chair')).accept(f.dialogueId, documentId, proposed.id, { text: edited });
    expect(accepted).toMatchObject({ status: 'accepted', mode: 'as_proposed' });
    expect((await f.block(documentId, 'Box I(1)')).text).toBe(edited);
    await eventually(() => expect(blockTextIn(editor.handle.doc, target.id)).toBe(edited));
  });

  it('other amendments to the paragraph are re-checked when one is accepted: the one that overlaps becomes `conflict` (stored, and live), the others stay open and still merge', async () => {
    const documentId = await f.createDocument(BOX_I);
    const target = await f.block(documentId, 'Box I(1)');
    const watcher = await f.open('icrc', documentId);
    const first = await f.propose('ngo', documentId, { paragraphId: target.id, kind: 'replace', text: SHOULD });
    const overlapping = await f.propose('arandia', documentId, { paragraphId: target.id, kind: 'replace', text: SHALL.replace('shall', 'must') });
    const elsewhere = await f.propose('veloria', documentId, { paragraphId: target.id, kind: 'replace', text: SHALL.replace('in all circumstances', 'at all times') });
    const other = await f.block(documentId, 'Box I(2)');
    const otherParagraph = await f.propose('icrc', documentId, { paragraphId: other.id, kind: 'replace', text: REVIEW.replace('should', 'shall') });

    const from = watcher.received.length;
    await (await am('chair')).accept(f.dialogueId, documentId, first.id);
    expect(await storedStatus(overlapping.id)).toBe('conflict');
    expect(await storedStatus(elsewhere.id)).toBe('submitted');
    expect(await storedStatus(otherParagraph.id)).toBe('submitted');
    const live = await watcher.next(overlapping.id, (a) => a.status === 'conflict', from);
    expect(live.reason).toMatch(/changed since the amendment was written/);
    expect(await (await am('observer')).list(f.dialogueId, documentId, { status: 'conflict' })).toMatchObject([{ id: overlapping.id }]);
    const ofParagraph = await (await am('observer')).list(f.dialogueId, documentId, { paragraphId: target.id });
    expect(ofParagraph.map((a) => a.id)).toEqual([first.id, overlapping.id, elsewhere.id]);
    expect((await (await am('observer')).list(f.dialogueId, documentId, { paragraphId: other.id })).map((a) => a.id)).toEqual([otherParagraph.id]);

    await (await am('chair')).accept(f.dialogueId, documentId, elsewhere.id);
    expect((await f.block(documentId, 'Box I(1)')).text).toBe(SHOULD.replace('in all circumstances', 'at all times'));
    expect(await refusal((await am('chair')).accept(f.dialogueId, documentId, overlapping.id))).toMatchObject({ status: 409, code: 'AMENDMENT_CONFLICT' });
  });
});

describe('sub-paragraphs, alternatives and paragraphs that are gone', () => {
  const CHAPEAU = 'In particular, States shall not employ weapon systems that:';
  const A = 'are designed to operate without human control over their critical functions;';
  const B = 'have effects that cannot be anticipated and limited.';
  const RECORDS = 'States [shall][should] keep records of each use of force.';
  const WITH_SUBS = `1. ${SHALL}\n2. ${CHAPEAU}\n   (a) ${A}\n   (b) ${B}\n3. ${RECORDS}`;

  it('a sub-paragraph is amended on its own: replaced, and a new one inserted after it as (a bis); the chapeau and its sisters untouched', async () => {
    const documentId = await f.createDocument(WITH_SUBS);
    const a = await f.block(documentId, 'Box I(2)(a)');
    expect([a.kind, a.text]).toEqual(['subparagraph', A]);
    const replaced = 'are designed to operate without meaningful human control over their critical functions;';
    const replace = await f.propose('icrc', documentId, { paragraphId: a.id, kind: 'replace', text: replaced });
    expect(replace.label).toBe('Box I(2)(a)');
    await (await am('chair')).accept(f.dialogueId, documentId, replace.id);
    const inserted = 'are designed to target persons on the basis of sensor profiles;';
    const insert = await f.propose('ngo', documentId, { paragraphId: a.id, kind: 'insert_after', text: inserted });
    await (await am('chair')).accept(f.dialogueId, documentId, insert.id);
    const box = (await f.blocks(documentId)).filter((b) => b.boxLabel === 'I').map((b) => [b.citation, b.text]);
    expect(box).toEqual([
      ['Box I(1)', SHALL],
      ['Box I(2)', CHAPEAU],
      ['Box I(2)(a)', replaced],
      ['Box I(2)(a bis)', inserted],
      ['Box I(2)(b)', B],
      ['Box I(3)', RECORDS],
    ]);
  });

  it('in brackets, a change that touches existing brackets becomes an alternative paragraph (Alt 1 / Alt 2)', async () => {
    const documentId = await f.createDocument(WITH_SUBS);
    const target = await f.block(documentId, 'Box I(3)');
    const text = 'States must keep records of each use of force.';
    const proposed = await f.propose('ngo', documentId, { paragraphId: target.id, kind: 'replace', text });
    await (await am('arandia')).support(f.dialogueId, documentId, proposed.id);
    await (await am('chair')).accept(f.dialogueId, documentId, proposed.id, { mode: 'bracketed' });
    const box = (await f.blocks(documentId)).filter((b) => b.boxLabel === 'I' && b.citation.startsWith('Box I(3'));
    expect(box.map((b) => [b.citation, b.text])).toEqual([
      ['Box I(3, Alt 1)', RECORDS],
      ['Box I(3, Alt 2)', `[${text}]{Arandia}`],
    ]);
    expect(box[0]!.id).toBe(target.id);
  });

  it('an insertion after an alternative goes after the whole group; deleting one of two alternatives leaves the other a plain paragraph', async () => {
    const ALT1 = 'The type and degree of human control depend on the weapon system.';
    const ALT2 = 'Meaningful human control shall be retained over every use of force.';
    const documentId = await f.createDocument(`1. ${SHALL}\n2 Alt 1. ${ALT1}\n2 Alt 2. ${ALT2}`);
    const alt1 = await f.block(documentId, 'Box I(2, Alt 1)');
    const text = 'States shall train operators to understand the system.';
    const insert = await f.propose('arandia', documentId, { paragraphId: alt1.id, kind: 'insert_after', text });
    await (await am('chair')).accept(f.dialogueId, documentId, insert.id);
    expect((await f.blocks(documentId)).filter((b) => b.boxLabel === 'I').map((b) => [b.citation, b.text])).toEqual([
      ['Box I(1)', SHALL],
      ['Box I(2, Alt 1)', ALT1],
      ['Box I(2, Alt 2)', ALT2],
      // Last in its box, the new paragraph takes the next free number.
      ['Box I(3)', text],
    ]);
    const deletion = await f.propose('veloria', documentId, { paragraphId: alt1.id, kind: 'delete' });
    await (await am('chair')).accept(f.dialogueId, documentId, deletion.id);
    expect((await f.blocks(documentId)).filter((b) => b.boxLabel === 'I').map((b) => [b.citation, b.text])).toEqual([
      ['Box I(1)', SHALL],
      ['Box I(2)', ALT2],
      ['Box I(3)', text],
    ]);
  });

  it('once its paragraph is deleted, an open amendment to it is a conflict (stored when the deletion is accepted), and accepting it is 409 AMENDMENT_CONFLICT', async () => {
    const documentId = await f.createDocument(WITH_SUBS);
    const target = await f.block(documentId, 'Box I(1)');
    const replace = await f.propose('ngo', documentId, { paragraphId: target.id, kind: 'replace', text: SHOULD });
    const deletion = await f.propose('veloria', documentId, { paragraphId: target.id, kind: 'delete' });
    await (await am('chair')).accept(f.dialogueId, documentId, deletion.id);
    expect(await storedStatus(replace.id)).toBe('conflict');
    expect(await (await am('ngo')).get(f.dialogueId, documentId, replace.id)).toMatchObject({ status: 'conflict', label: 'Box I(1)', currentText: null, reason: 'Box I(1) is no longer in the text' });
    const text = await f.plain(documentId);
    const refused = await refusal((await am('chair')).accept(f.dialogueId, documentId, replace.id));
    expect([refused.status, refused.code]).toEqual([409, 'AMENDMENT_CONFLICT']);
    expect(refused.message).toContain('Box I(1)');
    expect(await f.plain(documentId)).toBe(text);
    // It can still be rejected, or withdrawn by its proposer.
    expect((await (await am('ngo')).withdraw(f.dialogueId, documentId, replace.id)).status).toBe('withdrawn');
  });
});

describe('an agreed paragraph', () => {
  it('is locked for amendments too: accepting one (as proposed or in brackets) is 409 PARAGRAPH_AGREED, the text unchanged, the amendment still open', async () => {
    const documentId = await f.createDocument(BOX_I);
    const agreed = await f.block(documentId, 'Box I(3)');
    expect(agreed.status).toBe('agreed');
    const proposed = await f.propose('ngo', documentId, { paragraphId: agreed.id, kind: 'replace', text: AGREED.replace('records', 'sets out') });
    const stored = await f.stored();
    const text = await f.plain(documentId);
    for (const mode of ['as_proposed', 'bracketed'] as const) {
      const refused = await refusal((await am('chair')).accept(f.dialogueId, documentId, proposed.id, { mode }));
      expect([refused.status, refused.code], mode).toEqual([409, 'PARAGRAPH_AGREED']);
      expect(refused.message).toContain('Box I(3)');
    }
    expect(await f.stored()).toBe(stored);
    expect(await f.plain(documentId)).toBe(text);
    expect((await (await am('chair')).get(f.dialogueId, documentId, proposed.id)).status).toBe('submitted');
  });
});

describe('live events', () => {
  it('a proposal, support, its withdrawal and each decision reach every other open editor, as they may see it', async () => {
    const documentId = await f.createDocument(BOX_I);
    const target = await f.block(documentId, 'Box I(1)');
    const second = await f.block(documentId, 'Box I(2)');
    const listeners = await Promise.all((['chair', 'veloria', 'icrc', 'observer'] as const).map((name) => f.open(name, documentId)));
    /** Every listener hears about it before the next step (deliveries read the amendment as it then is). */
    const heard = (id: string, check: (x: Amendment) => boolean) => Promise.all(listeners.map((listener) => listener.next(id, check)));
    const a = await f.propose('ngo', documentId, { paragraphId: target.id, kind: 'replace', text: SHOULD });
    await heard(a.id, (x) => x.status === 'submitted');
    const b = await f.propose('arandia', documentId, { paragraphId: second.id, kind: 'delete' });
    await heard(b.id, (x) => x.status === 'submitted');
    await (await am('veloria')).support(f.dialogueId, documentId, a.id);
    await heard(a.id, (x) => x.supporters.governments === 1);
    await (await am('veloria')).unsupport(f.dialogueId, documentId, a.id);
    await heard(a.id, (x) => x.status === 'submitted' && x.supporters.governments === 0 && x.supporters.yours === null);
    await (await am('arandia')).withdraw(f.dialogueId, documentId, b.id);
    await heard(b.id, (x) => x.status === 'withdrawn');
    const c = await f.propose('icrc', documentId, { paragraphId: second.id, kind: 'replace', text: REVIEW.replace('new weapons', 'new weapons and methods') });
    await (await am('secretariat')).reject(f.dialogueId, documentId, c.id, { reason: 'Out of scope.' });
    await heard(c.id, (x) => x.status === 'rejected' && x.reason === 'Out of scope.');
    await (await am('chair')).accept(f.dialogueId, documentId, a.id, { mode: 'bracketed' });
    await heard(a.id, (x) => x.status === 'accepted');
    for (const listener of listeners) {
      // Each gets the changes of one amendment once each, in the order they happened.
      expect(listener.about(a.id).map((x) => [x.status, x.supporters.governments])).toEqual([
        ['submitted', 0],
        ['submitted', 1],
        ['submitted', 0],
        ['accepted', 0],
      ]);
    }
    const [chair, veloria] = listeners;
    expect(chair!.about(a.id).at(-1)!.can).toEqual({ support: false, withdraw: false, decide: false });
    expect(veloria!.about(a.id)[0]!.can).toEqual({ support: true, withdraw: false, decide: false });
    expect(chair!.about(a.id)[0]!.can).toEqual({ support: false, withdraw: false, decide: true });
  });
});
