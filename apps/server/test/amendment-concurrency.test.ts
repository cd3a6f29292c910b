/**
 * Accepting an amendment while delegates type in the same paragraph, over real sockets: the chair's
 * change is computed from the live text and written as minimal edits, so every keystroke the server
 * acknowledged (and every one still in flight) keeps its place; the three editors converge; and the
 * stored log, replayed from empty, gives the server's text.
 */
import type { TestDatabase } from '@accord/db/testing';
import { toPlainText } from '@accord/text';
import { fromYDoc } from '@accord/text/yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CollabGateway } from '../src/collab/collab.gateway.js';
import { AmendmentsFixture, type AmendmentEvents, blockTextIn, closeDemoServer, openDemoServer } from './support/amendments.js';
import { eventually } from './support/eventually.js';
import { draft } from './support/rolling-text.js';
import type { TestServer } from './support/test-server.js';

const SHALL = 'States shall ensure meaningful human control over the use of force in all circumstances.';
const SHOULD = 'States should ensure meaningful human control over the use of force in all circumstances.';
/** What Arandia types at the end of the paragraph, and Veloria in its middle (before " in all circumstances"). */
const ARANDIA_TYPES = ' This applies at every stage of the life cycle.';
const VELORIA_TYPES = ', including the selection and engagement of targets,';

let database: TestDatabase;
let t: TestServer;
let f: AmendmentsFixture;

beforeAll(async () => {
  ({ database, t, f } = await openDemoServer({ MAX_DOCUMENTS_PER_HOUR: '1000' }));
});

afterAll(() => closeDemoServer({ database, t, f }));

/**
 * Types `text` one character at a time into Box I(1), each keystroke sent and acknowledged before the
 * next; `where` gives the position of each keystroke in the editor's words as they then are.
 * Returns how many keystrokes the server acknowledged.
 */
async function type(editor: AmendmentEvents, text: string, where: (words: Y.XmlText) => number, typed: { count: number }): Promise<void> {
  for (const character of text) {
    const words = draft(editor.handle.doc);
    words.insert(where(words), character);
    await editor.handle.whenSaved();
    typed.count += 1;
  }
}

const serverText = (documentId: string): string => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, t.server.app.get(CollabGateway).engine.stateOf(documentId)!);
  return toPlainText(fromYDoc(doc));
};

describe('accepting an amendment while two delegates type in the paragraph', () => {
  for (const round of [1, 2, 3]) {
    it(`keeps the amendment and every acknowledged keystroke of both; all converge; the log replays to the server's text (round ${round})`, async () => {
      const documentId = await f.createDocument(`1. ${SHALL}\n2. Each State should review new weapons before their deployment.`);
      const target = await f.block(documentId, 'Box I(1)');
      const amendment = await f.propose('ngo', documentId, { paragraphId: target.id, kind: 'replace', text: SHOULD });
      await (await f.api('arandia')).amendments.support(f.dialogueId, documentId, amendment.id);
      const [chair, arandia, veloria] = [await f.open('chair', documentId), await f.open('arandia', documentId), await f.open('veloria', documentId)];

      // Veloria's caret: before " in all circumstances", kept as a relative position so the chair's change moves it along.
      const veloriaWords = draft(veloria.handle.doc);
      const caret = Y.createRelativePositionFromTypeIndex(veloriaWords, veloriaWords.toString().indexOf(' in all circumstances'), 0);
      const veloriaAt = () => Y.createAbsolutePositionFromRelativePosition(caret, veloria.handle.doc)!.index;
      const typed = { arandia: { count: 0 }, veloria: { count: 0 } };
      const typing = Promise.all([
        type(arandia, ARANDIA_TYPES, (words) => words.length, typed.arandia),
        type(veloria, VELORIA_TYPES, veloriaAt, typed.veloria),
      ]);
      // The chair accepts mid-typing: some keystrokes acknowledged, more to come.
      await eventually(() => expect(Math.min(typed.arandia.count, typed.veloria.count)).toBeGreaterThanOrEqual(3 * round));
      const before = { arandia: typed.arandia.count, veloria: typed.veloria.count };
      const accepted = await (await f.api('chair')).amendments.accept(f.dialogueId, documentId, amendment.id);
      await typing;
      // The acceptance really fell in the middle of the typing.
      expect(before.arandia).toBeLessThan(ARANDIA_TYPES.length);
      expect(before.veloria).toBeLessThan(VELORIA_TYPES.length);
      expect(accepted.status).toBe('accepted');

      const expected = SHOULD.replace(' in all circumstances', `${VELORIA_TYPES} in all circumstances`) + ARANDIA_TYPES;
      expect((await f.block(documentId, 'Box I(1)')).text).toBe(expected);
      const server = serverText(documentId);
      await eventually(() => {
        for (const editor of [chair, arandia, veloria]) {
          expect(blockTextIn(editor.handle.doc, target.id)).toBe(expected);
          expect(toPlainText(fromYDoc(editor.handle.doc))).toBe(server);
        }
      });

      const log = await f.log.readLog(documentId);
      const replayed = new Y.Doc();
      for (const row of log) Y.applyUpdate(replayed, row.update);
      expect(toPlainText(fromYDoc(replayed))).toBe(server);
      expect(blockTextIn(replayed, target.id)).toBe(expected);
      expect(log.filter((row) => row.source === `amendment:${amendment.id}`).map((row) => row.seq)).toEqual([accepted.appliedSeq]);
      // Keystrokes were logged before and after the chair's change.
      const keystrokes = log.filter((row) => (row.source ?? null) === null && row.seq > amendment.baseSeq);
      expect(keystrokes.some((row) => row.seq < accepted.appliedSeq!)).toBe(true);
      expect(keystrokes.some((row) => row.seq > accepted.appliedSeq!)).toBe(true);
    });
  }
});

describe('decisions racing one another', () => {
  it('of an acceptance and a withdrawal (or a rejection) sent at once, exactly one counts, and the text agrees with it', async () => {
    for (let i = 0; i < 8; i++) {
      const documentId = await f.createDocument(`1. ${SHALL}`);
      const target = await f.block(documentId, 'Box I(1)');
      const amendment = await f.propose('ngo', documentId, { paragraphId: target.id, kind: 'replace', text: SHOULD });
      const [chair, ngo, secretariat] = [await f.api('chair'), await f.api('ngo'), await f.api('secretariat')];
      // Sent a little later each round, so the other decision lands before, during and after the acceptance's change.
      const other = new Promise((resolve) => setTimeout(resolve, i * 3)).then(() =>
        i % 2 === 0 ? ngo.amendments.withdraw(f.dialogueId, documentId, amendment.id) : secretariat.amendments.reject(f.dialogueId, documentId, amendment.id, { reason: 'Racing.' }),
      );
      const results = await Promise.allSettled([chair.amendments.accept(f.dialogueId, documentId, amendment.id), other]);
      const won = results.map((r) => r.status);
      // One succeeds; the other is told the amendment is decided.
      expect(won.toSorted(), `race ${i}`).toEqual(['fulfilled', 'rejected']);
      const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(loser.reason, `race ${i}`).toMatchObject({ status: 409, code: 'AMENDMENT_DECIDED' });
      const final = await (await f.api('chair')).amendments.get(f.dialogueId, documentId, amendment.id);
      const text = (await f.block(documentId, 'Box I(1)')).text;
      if (won[0] === 'fulfilled') {
        expect([final.status, text], `race ${i}`).toEqual(['accepted', SHOULD]);
      } else {
        expect([final.status, text], `race ${i}`).toEqual([i % 2 === 0 ? 'withdrawn' : 'rejected', SHALL]);
        expect((await f.log.readLog(documentId)).filter((row) => row.source === `amendment:${amendment.id}`), `race ${i}`).toEqual([]);
      }
    }
  });

  it('the same amendment accepted twice at once goes in once: one 200, one 409 AMENDMENT_DECIDED, one log row', async () => {
    const documentId = await f.createDocument(`1. ${SHALL}`);
    const target = await f.block(documentId, 'Box I(1)');
    const amendment = await f.propose('ngo', documentId, { paragraphId: target.id, kind: 'replace', text: SHOULD });
    const results = await Promise.allSettled([
      (await f.api('chair')).amendments.accept(f.dialogueId, documentId, amendment.id),
      (await f.api('secretariat')).amendments.accept(f.dialogueId, documentId, amendment.id, { mode: 'bracketed' }),
    ]);
    expect(results.map((r) => r.status).toSorted()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 409, code: 'AMENDMENT_DECIDED' });
    const won = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ mode: string }>).value.mode;
    expect((await f.block(documentId, 'Box I(1)')).text).toBe(won === 'bracketed' ? 'States [shall][should] ensure meaningful human control over the use of force in all circumstances.' : SHOULD);
    expect((await f.log.readLog(documentId)).filter((row) => row.source === `amendment:${amendment.id}`)).toHaveLength(1);
  });

  it('two amendments to one paragraph accepted at once: both go in when they touch different words; of two touching the same words, the second is 409 AMENDMENT_CONFLICT', async () => {
    const documentId = await f.createDocument(`1. ${SHALL}`);
    const target = await f.block(documentId, 'Box I(1)');
    const propose = (text: string) => f.propose('ngo', documentId, { paragraphId: target.id, kind: 'replace', text });
    const [should, atAllTimes, must] = [await propose(SHOULD), await propose(SHALL.replace('in all circumstances', 'at all times')), await propose(SHALL.replace('shall', 'must'))];
    const [chair, secretariat] = [await f.api('chair'), await f.api('secretariat')];
    const apart = await Promise.allSettled([
      chair.amendments.accept(f.dialogueId, documentId, should.id),
      secretariat.amendments.accept(f.dialogueId, documentId, atAllTimes.id),
    ]);
    expect(apart.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect((await f.block(documentId, 'Box I(1)')).text).toBe(SHOULD.replace('in all circumstances', 'at all times'));
    const refused = await chair.amendments.accept(f.dialogueId, documentId, must.id).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 409, code: 'AMENDMENT_CONFLICT' });
    expect((await chair.amendments.get(f.dialogueId, documentId, must.id)).status).toBe('conflict');
  });
});
