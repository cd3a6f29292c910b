/**
 * Who is named where. Under the Chatham House Rule (the demo dialogue) nobody but the proposer sees
 * the proposer's name or affiliation, in the list, one amendment, the compilation or live events,
 * and supporters are counts with a summary; the plain compilation names nobody at all, not even for
 * the proposer. In an attributed dialogue the names and affiliations are there, live too.
 */
import type { Amendment, Compilation } from '@accord/contract';
import type { TestDatabase } from '@accord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AmendmentEvents, AmendmentsFixture, type DemoName, demoNames, demoSecrets, closeDemoServer, openDemoServer } from './support/amendments.js';
import { CommentsFixture, demoAffiliation } from './support/comments.js';
import { demo, type TestServer } from './support/test-server.js';

const SHALL = 'States shall ensure meaningful human control over the use of force in all circumstances.';
const SHOULD = 'States should ensure meaningful human control over the use of force in all circumstances.';
const BOX_I = `1. ${SHALL}\n2. Each State should review new weapons before their deployment.`;

let database: TestDatabase;
let t: TestServer;
let f: AmendmentsFixture;

beforeAll(async () => {
  ({ database, t, f } = await openDemoServer());
});

afterAll(() => closeDemoServer({ database, t, f }));

/** The strings in `value` that name a demo member or an affiliation. */
const namesIn = (value: unknown): string[] => {
  const json = JSON.stringify(value);
  return demoSecrets().filter((secret) => json.includes(secret));
};

/** An amendment as its proposer reads it, less the one place that rightly names them. */
const withoutSelf = (a: Amendment) => ({ ...a, proposer: null });

describe('under the Chatham House Rule (the demo dialogue)', () => {
  let documentId: string;
  let amendment: Amendment;
  const editors = new Map<DemoName, AmendmentEvents>();

  beforeAll(async () => {
    documentId = await f.createDocument(BOX_I);
    for (const name of demoNames) editors.set(name, await f.open(name, documentId));
    const target = await f.block(documentId, 'Box I(1)');
    amendment = await f.propose('ngo', documentId, { paragraphId: target.id, kind: 'replace', text: SHOULD, justification: 'Softer, so that more can join.' });
    await (await f.api('arandia')).amendments.support(f.dialogueId, documentId, amendment.id, { kind: 'cosponsor' });
    await (await f.api('veloria')).amendments.support(f.dialogueId, documentId, amendment.id);
    await (await f.api('icrc')).amendments.support(f.dialogueId, documentId, amendment.id);
    for (const editor of editors.values()) await editor.next(amendment.id, (a) => a.supporters.organizations === 1);
  });

  it('everyone but the proposer sees "Civil society" and counts: no name or affiliation in the list, one amendment, the compilation or live events', async () => {
    const supporters = {
      governments: 2,
      cosponsors: 1,
      organizations: 1,
      summary: 'supported by 2 governments (1 co-sponsor), endorsed by 1 organization',
    };
    for (const name of demoNames.filter((n) => n !== 'ngo')) {
      const api = (await f.api(name)).amendments;
      const listed = await api.list(f.dialogueId, documentId);
      const one = await api.get(f.dialogueId, documentId, amendment.id);
      const compilation = await api.compilation(f.dialogueId, documentId);
      const live = editors.get(name)!.about(amendment.id);
      expect(live.length, name).toBeGreaterThanOrEqual(4);
      for (const seen of [...listed, one, ...compilation.boxes.flatMap((b) => b.paragraphs.flatMap((p) => p.amendments)), ...live]) {
        expect(seen.proposer, name).toEqual({ category: 'Civil society', you: false });
        expect(seen.supporters, name).not.toHaveProperty('list');
      }
      expect(one.supporters, name).toMatchObject(supporters);
      expect(namesIn({ listed, one, compilation, live }), name).toEqual([]);
    }
  });

  it('each supporter sees only their own kind of support, not who else supports', async () => {
    const yours: Array<[DemoName, string | null]> = [
      ['arandia', 'cosponsor'],
      ['veloria', 'support'],
      ['icrc', 'endorse'],
      ['ngo', null],
      ['observer', null],
      ['chair', null],
    ];
    for (const [name, kind] of yours) {
      expect((await (await f.api(name)).amendments.get(f.dialogueId, documentId, amendment.id)).supporters.yours, name).toBe(kind);
    }
  });

  it('the proposer sees themself (name and affiliation, you: true), and nobody else', async () => {
    const api = (await f.api('ngo')).amendments;
    const one = await api.get(f.dialogueId, documentId, amendment.id);
    expect(one.proposer).toEqual({ category: 'Civil society', name: demo.ngo.displayName, affiliation: demo.ngo.affiliation.name, you: true });
    const compilation = await api.compilation(f.dialogueId, documentId);
    const live = editors.get('ngo')!.about(amendment.id);
    expect(namesIn([one, ...(await api.list(f.dialogueId, documentId)), ...live].map(withoutSelf))).toEqual([]);
    expect(namesIn(compilation.boxes.flatMap((b) => b.paragraphs.flatMap((p) => p.amendments.map(withoutSelf))))).toEqual([]);
  });

  it('a decision shows the decider by category to everyone else, live too', async () => {
    const other = await f.propose('arandia', documentId, { paragraphId: (await f.block(documentId, 'Box I(2)')).id, kind: 'delete' });
    await (await f.api('chair')).amendments.reject(f.dialogueId, documentId, other.id, { reason: 'Needed.' });
    for (const name of demoNames.filter((n) => n !== 'chair')) {
      const live = await editors.get(name)!.next(other.id, (a) => a.status === 'rejected');
      expect(live.decidedBy, name).toEqual({ category: 'Chair', you: false });
      const seen = await (await f.api(name)).amendments.get(f.dialogueId, documentId, other.id);
      expect(seen.decidedBy, name).toEqual({ category: 'Chair', you: false });
      expect(namesIn(name === 'arandia' ? { ...seen, proposer: null } : seen), name).toEqual([]);
    }
  });

  it("the stewards' audit trail shows the amendment's records by category, never who proposed or supported it", async () => {
    const others = await Promise.all((['ngo', 'arandia', 'veloria', 'icrc'] as const).map((name) => f.userId(name)));
    for (const steward of ['chair', 'secretariat'] as const) {
      const token = (await f.api(steward)).token!;
      const res = await t.client(token).get(`/api/dialogues/${f.dialogueId}/audit?limit=1000`);
      expect(res.status).toBe(200);
      const records = (res.body.events as Array<Record<string, unknown>>).filter((e) => e.targetId === amendment.id);
      expect(records.map((e) => [e.action, e.actorCategory, e.actorId])).toEqual(
        expect.arrayContaining([
          ['amendment.proposed', 'Civil society', null],
          ['amendment.supported', 'Government', null],
          ['amendment.supported', 'Civil society', null],
        ]),
      );
      const json = JSON.stringify(records);
      for (const id of others) expect(json, steward).not.toContain(id);
      expect(namesIn(records), steward).toEqual([]);
    }
  });

  it('the plain compilation names no member and no affiliation, for any viewer, the proposer included, on the demo document too', async () => {
    for (const doc of [documentId, f.demoDocumentId]) {
      for (const name of demoNames) {
        const plain = await (await f.api(name)).amendments.compilationText(f.dialogueId, doc);
        expect(plain, name).toContain('Under the Chatham House Rule');
        expect(namesIn(plain), `${name} reading ${doc}`).toEqual([]);
      }
    }
    const plain = await (await f.api('ngo')).amendments.compilationText(f.dialogueId, documentId);
    expect(plain).toContain('Proposed by Civil society; supported by 2 governments (1 co-sponsor), endorsed by 1 organization.');
    // The demo's own amendments, with their supporters, are in it too: the check above covered something.
    const demoCompilation: Compilation = await (await f.api('observer')).amendments.compilation(f.dialogueId, f.demoDocumentId);
    expect(Object.values(demoCompilation.totals).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5);
    expect(namesIn(demoCompilation)).toEqual([]);
  });
});

describe('in an attributed dialogue', () => {
  it('every viewer sees the proposer and the supporting delegations and organizations, in the list, the compilation (json and plain) and live', async () => {
    const comments = new CommentsFixture(t);
    const chair = await comments.as('chair');
    const created = await chair.post('/api/dialogues', { title: 'Attributed consultations on amendments', attributionMode: 'attributed' });
    expect(created.status).toBe(201);
    const dialogueId = created.body.id as string;
    for (const [name, role] of [
      ['arandia', 'delegate'],
      ['veloria', 'delegate'],
      ['ngo', 'civil_society'],
      ['icrc', 'civil_society'],
      ['observer', 'observer'],
    ] as const) {
      await comments.invite(name, dialogueId, { role, affiliation: demoAffiliation(name) });
    }
    const documentId = await f.createDocument(BOX_I, dialogueId);
    const observer = await f.open('observer', documentId);
    const target = await f.block(documentId, 'Box I(1)', dialogueId);
    const proposed = await f.propose('ngo', documentId, { paragraphId: target.id, kind: 'replace', text: SHOULD }, dialogueId);
    await (await f.api('arandia')).amendments.support(dialogueId, documentId, proposed.id, { kind: 'cosponsor' });
    await (await f.api('veloria')).amendments.support(dialogueId, documentId, proposed.id);
    await (await f.api('icrc')).amendments.support(dialogueId, documentId, proposed.id);

    const named = { category: 'Civil society', name: demo.ngo.displayName, affiliation: demo.ngo.affiliation.name, you: false };
    const list = [
      { kind: 'cosponsor', affiliation: demo.arandia.affiliation.name, you: false },
      { kind: 'support', affiliation: demo.veloria.affiliation.name, you: false },
      { kind: 'endorse', affiliation: demo.icrc.affiliation.name, you: false },
    ];
    const seen = await (await f.api('observer')).amendments.get(dialogueId, documentId, proposed.id);
    expect(seen.proposer).toEqual(named);
    expect(seen.supporters.list).toEqual(list);
    const live = await observer.next(proposed.id, (a) => a.supporters.organizations === 1);
    expect(live.proposer).toEqual(named);
    expect(live.supporters.list).toEqual(list);
    const veloriaView = await (await f.api('veloria')).amendments.get(dialogueId, documentId, proposed.id);
    expect(veloriaView.supporters.list).toContainEqual({ kind: 'support', affiliation: demo.veloria.affiliation.name, you: true });

    const compilation = await (await f.api('arandia')).amendments.compilation(dialogueId, documentId);
    expect(compilation.attribution).toBe('attributed');
    expect(compilation.boxes[0]!.paragraphs[0]!.amendments[0]).toMatchObject({ id: proposed.id, proposer: { name: demo.ngo.displayName } });
    const plain = await (await f.api('observer')).amendments.compilationText(dialogueId, documentId);
    expect(plain).not.toContain('Chatham House');
    // The same detector that finds nothing under the rule finds the names here.
    expect(namesIn(plain)).toEqual(expect.arrayContaining([demo.ngo.displayName, demo.ngo.affiliation.name, demo.arandia.affiliation.name, demo.icrc.affiliation.name]));
    expect(plain).toContain(`Proposed by ${demo.ngo.displayName}, ${demo.ngo.affiliation.name}`);
    expect(plain).toContain(`Supporters: ${demo.arandia.affiliation.name} (co-sponsor); ${demo.veloria.affiliation.name} (support); ${demo.icrc.affiliation.name} (endorse)`);

    // In brackets, sponsored by the delegations in their short names; the endorsing organization is no sponsor.
    await (await f.api('chair')).amendments.accept(dialogueId, documentId, proposed.id, { mode: 'bracketed' });
    expect((await f.block(documentId, 'Box I(1)', dialogueId)).text).toBe('States [shall][should]{Arandia, Veloria} ensure meaningful human control over the use of force in all circumstances.');
  });
});
