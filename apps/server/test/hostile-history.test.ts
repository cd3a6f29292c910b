/**
 * A hostile reviewer against the revision history (issue 12), through real HTTP on a real server and
 * database. Each case is an attack; the test states what must hold. Cases the review found broken say so above them; each is fixed.
 *   UNSTORED     a position the engine applied but has not stored yet passes the "past the end" check;
 *                its text was rebuilt from the stored log without it and kept for ever (LRU of immutable
 *                texts). Fixed in 17d23c6 while this review ran; kept as a guard.
 *   CHR-FILTER   two members of one category typing one after the other read as one session; the
 *                paragraph filter split them again, revealing where one person took over (fixed in d567246).
 *   CHR-FORMER   a member who left shows as "Former member" on all their past changes: inside the room
 *                everyone knows who left, so the category names them.
 *   CHR-ROLE     attribution uses today's role: promoting a delegate moves their past sessions from
 *                "Government" to "Secretariat", telling everyone which ones were theirs.
 *   LABEL        labels that look the same as one already used (zero-width space, NFD) are accepted;
 *                a newline in a label forges lines in the plain-text concordance.
 *   INPUT        positions, cursors and limits at the edges: 400 naming the field, never 500. Found:
 *                statusDate 0000-01-01 is a 500; limit=1e2 and limit=0x10 are read as numbers.
 *   RACE         two stewards naming one label at once: exactly one wins.
 *   DUP-ID       a delegate's script writes a paragraph with Box I(1)'s id: compare shows no change, and
 *                restoring Box I(1) deletes it.
 *   NO-ID        a delegate's script writes a paragraph with no id: compare shows no change.
 *   RESTORE      a restore while a delegate types elsewhere keeps the delegate's words.
 *   RENUMBER     renumbering while an amendment is accepted: both land, the concordance holds.
 *   RESTART      the timeline and the text at every position survive a restart (checkpoints every 2).
 *   COST         a 500-paragraph compare at every position answers in bounded time.
 */
import { fromJSON, toJSON, toPlainText } from '@accord/text';
import { applyDocumentChange, fromYDoc } from '@accord/text/yjs';
import { createTestDatabase } from '@accord/db/testing';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollabGateway } from '../src/collab/collab.gateway.js';
import { DocumentLogRepository } from '../src/collab/document-log.repository.js';
import { AmendmentsFixture, demoSecrets } from './support/amendments.js';
import { eventually } from './support/eventually.js';
import { editIn, idAt, withWords, wordsOf } from './support/history.js';
import { type ApiClient, demo, startTestServer, type TestServer } from './support/test-server.js';

const ONE = 'States shall ensure meaningful human control over the use of force.';
const TWO = 'Each State should review new weapons before their deployment.';
const THREE = 'This paragraph records language on the scope of the instrument.';
const BOX_I = `1. ${ONE}\n2. ${TWO}\n3. ${THREE}`;

let t: TestServer;
let f: AmendmentsFixture;
const http = new Map<string, ApiClient>();
const as = async (name: keyof typeof demo) => {
  let client = http.get(name);
  if (!client) {
    client = t.client((await f.api(name)).token!);
    http.set(name, client);
  }
  return client;
};
const base = (documentId: string) => `/api/dialogues/${f.dialogueId}/documents/${documentId}`;

beforeAll(async () => {
  t = await startTestServer({ env: { LOG_LEVEL: 'silent', MAX_DOCUMENTS_PER_HOUR: '1000' } });
  f = await new AmendmentsFixture(t).useDemo();
});

afterAll(async () => {
  f?.close();
  await t?.close();
});

async function textNow(documentId: string) {
  return fromJSON((await (await f.api('chair')).documents.text(f.dialogueId, documentId)).content);
}

/** The text a replay of the stored log's first `seq` updates gives. */
async function replayed(documentId: string, seq: number): Promise<string> {
  const doc = new Y.Doc();
  for (const row of await t.server.app.get(DocumentLogRepository).readLog(documentId)) if (row.seq <= seq) Y.applyUpdate(doc, row.update);
  return toPlainText(fromYDoc(doc));
}

describe('UNSTORED: positions the engine applied but has not stored', () => {
  // Found in review, fixed in 17d23c6 (TextAtReader.applyRange waits for the position to be stored):
  // the end of the log is the engine's room (nextSeq - 1, possibly not committed), and a past text
  // rebuilt from the stored rows only was kept under (document, seq) for ever.
  it('the text at a position read while its update waited for storage is the text the log has there, once stored', async () => {
    const documentId = await f.createDocument(BOX_I);
    const one = idAt(await textNow(documentId), 'Box I(1)');
    const arandia = await f.open('arandia', documentId);
    const chair = await as('chair');
    const start = (await chair.get(`${base(documentId)}/text`)).body.seq as number;
    // The live position, read without GET …/text (which keeps the live text of each position it reads).
    const live = () => t.server.app.get(CollabGateway).engine.readDocument(documentId, (_doc, seq) => seq);
    const log = t.server.app.get(DocumentLogRepository);
    const append = log.append.bind(log);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    log.append = async (batch) => {
      await gate;
      return append(batch);
    };
    try {
      applyDocumentChange(arandia.handle.doc, withWords(fromYDoc(arandia.handle.doc), one, `${ONE} Unstored A.`));
      await eventually(() => expect(live()).toBe(start + 1));
      applyDocumentChange(arandia.handle.doc, withWords(fromYDoc(arandia.handle.doc), one, `${ONE} Unstored A. Then B.`));
      await eventually(() => expect(live()).toBe(start + 2));
      const early = await chair.get(`${base(documentId)}/text?at=seq:${start + 1}`);
      // Either refused (not stored yet) or right; what it must not be is a text the log never had.
      expect([200, 503], JSON.stringify(early.body)).toContain(early.status);
      if (early.status === 200) expect(early.body.text).toContain('Unstored A.');
    } finally {
      release();
      log.append = append;
    }
    await arandia.handle.whenSaved();
    const later = await chair.get(`${base(documentId)}/text?at=seq:${start + 1}`);
    expect(later.body.text).toBe(await replayed(documentId, start + 1));
  });
});

describe('the Chatham House Rule', () => {
  let documentId: string;
  let ids: Record<'one' | 'three', string>;

  beforeAll(async () => {
    documentId = await f.createDocument(BOX_I);
    const text = await textNow(documentId);
    ids = { one: idAt(text, 'Box I(1)'), three: idAt(text, 'Box I(3)') };
    const veloria = await f.open('veloria', documentId);
    const arandia = await f.open('arandia', documentId);
    // Two delegations one after the other, each on its own paragraph: one shown session.
    await editIn(veloria.handle, (d) => withWords(d, ids.three, `${THREE} As negotiated.`));
    await editIn(arandia.handle, (d) => withWords(d, ids.one, `${ONE} At all times.`));
  });

  it('shows two delegations typing one after the other as one Government session', async () => {
    const page = (await (await as('observer')).get(`${base(documentId)}/history`)).body;
    expect(page.entries[0]).toMatchObject({ author: { category: 'Government', you: false }, updates: 2 });
  });

  // Found in review (the filter applied before the merge), fixed in d567246 while it ran; kept as a guard.
  it('CHR-FILTER: a paragraph filter does not split a shown session where one person took over from another', async () => {
    const observer = await as('observer');
    const shown = (await observer.get(`${base(documentId)}/history`)).body.entries as Array<{ fromSeq: number; toSeq: number }>;
    const bounds = new Set(shown.flatMap((e) => [`from:${e.fromSeq}`, `to:${e.toSeq}`]));
    for (const paragraphId of [ids.one, ids.three]) {
      const filtered = (await observer.get(`${base(documentId)}/history?paragraphId=${paragraphId}`)).body.entries as Array<{ fromSeq: number; toSeq: number }>;
      for (const e of filtered) expect([bounds.has(`from:${e.fromSeq}`), bounds.has(`to:${e.toSeq}`)], JSON.stringify({ shown, filtered })).toEqual([true, true]);
    }
  });

  it('names no one in the timeline, revisions, compare, progress, concordance (json and plain) or error messages', async () => {
    const chair = await as('chair');
    const renamed = await chair.post(`${base(documentId)}/revisions`, { label: 'Rev.CH', renumber: true });
    expect(renamed.status).toBe(201);
    const revision = renamed.body.revision.id as string;
    const bodies: unknown[] = [renamed.body];
    for (const viewer of ['chair', 'arandia', 'ngo', 'observer'] as const) {
      const c = await as(viewer);
      for (const path of [
        'history',
        'history?category=Government',
        `history?paragraphId=${ids.one}`,
        'revisions',
        `revisions/${revision}`,
        `revisions/${revision}/concordance`,
        `revisions/${revision}/concordance?format=plain`,
        `revisions/${revision}/text?format=plain`,
        `compare?from=seq:1&to=current`,
        'progress',
        'text?at=seq:999999999999999',
        `history?memberId=${await f.userId('arandia')}`,
      ]) {
        const res = await c.get(`${base(documentId)}/${path}`);
        expect(res.status, path).toBeLessThan(500);
        bodies.push(res.body);
      }
    }
    const json = JSON.stringify(bodies);
    expect(demoSecrets().filter((s) => json.includes(s))).toEqual([]);
    for (const name of Object.keys(demo) as Array<keyof typeof demo>) expect(json).not.toContain(demo[name].email);
    for (const name of ['chair', 'arandia', 'veloria'] as const) expect(json).not.toContain(await f.userId(name));
  });
});

describe('INPUT: edges of positions, cursors, limits, labels and dates', () => {
  let documentId: string;
  beforeAll(async () => {
    documentId = await f.createDocument(BOX_I);
  });

  it.each([
    ['text?at=seq:999999999999999', 'at'],
    ['text?at=seq:1000000000000000', 'at'],
    ['text?at=seq:01', 'at'],
    ['text?at=seq:-1', 'at'],
    ['text?at=seq:1e3', 'at'],
    ['text?at=seq:%201', 'at'],
    ['text?at=CURRENT', 'at'],
    ['text?at=current&at=seq:1', 'at'],
    ['compare?from=00000000-0000-0000-0000-000000000000&to=current', 'from'],
    ['compare?from=current&to=FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', 'to'],
    ['history?cursor=0', 'cursor'],
    ['history?cursor=0001', 'cursor'],
    ['history?cursor=9999999999999999', 'cursor'],
    ['history?limit=0', 'limit'],
    ['history?limit=101', 'limit'],
    ['history?limit=1.5', 'limit'],
    ['history?limit=', 'limit'],
    ['history?paragraphId=' + 'a'.repeat(65), 'paragraphId'],
    ['history?paragraphId=%00', 'paragraphId'],
    ['history?category=civil%20society', 'category'],
  ])('GET %s: 400 naming %s', async (path, field) => {
    const res = await (await as('ngo')).get(`${base(documentId)}/${path}`);
    expect([res.status, res.body?.error?.fields?.map((x: { field: string }) => x.field)], JSON.stringify(res.body)).toEqual([400, [field]]);
  });

  // Found in review (low), fixed: historyQuery.limit is z.coerce.number(): "1e2" and "0x10" are read as 100 and 16.
  it.each([['history?limit=1e2'], ['history?limit=0x10']])('GET %s: 400 naming limit', async (path) => {
    const res = await (await as('ngo')).get(`${base(documentId)}/${path}`);
    expect(res.status).toBe(400);
  });

  it('an uppercase revision id is the same revision, in the path and in a position', async () => {
    const chair = await as('chair');
    const id = (await chair.post(`${base(documentId)}/revisions`, { label: 'Rev.U' })).body.revision.id as string;
    expect((await chair.get(`${base(documentId)}/revisions/${id.toUpperCase()}`)).status).toBe(200);
    expect((await chair.get(`${base(documentId)}/text?at=${id.toUpperCase()}`)).status).toBe(200);
    expect((await chair.get(`${base(documentId)}/compare?from=${id.toUpperCase()}&to=current`)).status).toBe(200);
  });

  it.each([
    [{ label: 'x'.repeat(61) }, 'label'],
    [{ label: 'Rev\u0000' }, 'label'],
    [{ label: 'Rev.\uD800' }, 'label'],
    [{ label: 'Rev.5', note: 'a\uDC00' }, 'note'],
    [{ label: 'Rev.5', statusDate: '2026-13-01' }, 'statusDate'],
    [{ label: 'Rev.5', statusDate: '20260101' }, 'statusDate'],
    [{ label: 'Rev.5', statusDate: '2026-01-01T00:00:00Z' }, 'statusDate'],
    [{ label: 'Rev.5', symbol: '   ' }, 'symbol'],
    [{ label: 'Rev.5', note: 'n'.repeat(5001) }, 'note'],
    [{ label: 5 }, 'label'],
  ])('POST revisions %j: 400 naming %s, nothing stored', async (body, field) => {
    const chair = await as('chair');
    const before = (await chair.get(`${base(documentId)}/revisions`)).body.revisions.length;
    const res = await chair.post(`${base(documentId)}/revisions`, body);
    expect([res.status, res.body?.error?.fields?.map((x: { field: string }) => x.field)], JSON.stringify(res.body)).toEqual([400, [field]]);
    expect((await chair.get(`${base(documentId)}/revisions`)).body.revisions.length).toBe(before);
  });

  // Found in review, fixed: z.iso.date() accepts year 0000, which PostgreSQL's date refuses: 500 INTERNAL, not a 400.
  it('a status date of year 0 or 9999 is a 201 or a 400 naming statusDate, never a 500', async () => {
    const chair = await as('chair');
    for (const statusDate of ['0000-01-01', '9999-12-31', '0001-01-01']) {
      const res = await chair.post(`${base(documentId)}/revisions`, { label: `Rev.Y${statusDate}`, statusDate });
      expect([201, 400], `${statusDate}: ${JSON.stringify(res.body)}`).toContain(res.status);
      if (res.status === 400) expect(res.body.error.fields.map((x: { field: string }) => x.field)).toEqual(['statusDate']);
    }
  });
});

describe('LABEL: labels that read as one already used', () => {
  let documentId: string;
  beforeAll(async () => {
    documentId = await f.createDocument(BOX_I);
    const named = await (await as('chair')).post(`${base(documentId)}/revisions`, { label: 'Révision 1' });
    if (named.status !== 201) throw new Error(`naming Révision 1 failed: ${named.status}`);
  });

  // Found in review, fixed: labelTaken compares lower(label) only: a zero-width space, a decomposed é or a
  // non-breaking space gives a second "Révision 1" that delegations cannot tell apart.
  it.each([
    ['a zero-width space', 'Révision 1\u200b'],
    ['decomposed é (NFD)', 'Re\u0301vision 1'],
    ['a non-breaking space', 'Révision\u00a01'],
  ])('refuses a label equal to one already used but for %s', async (_what, label) => {
    const res = await (await as('chair')).post(`${base(documentId)}/revisions`, { label });
    expect(res.status).toBe(400);
  });

  // Found in review, fixed: a label may hold a newline (only NUL and lone surrogates are refused), and concordanceText
  // prints it as the heading: the plain concordance gains lines the concordance does not have.
  it('the plain-text concordance has one line per row: a label cannot add lines', async () => {
    const chair = await as('chair');
    const res = await chair.post(`${base(documentId)}/revisions`, { label: 'Rev.2\n\nBox I(1)        Box I(9)', renumber: true });
    expect(res.status).toBe(400);
  });
});

describe('RACE: two stewards name one label at once', () => {
  it('exactly one wins, the other is a 400 naming label', async () => {
    const documentId = await f.createDocument(BOX_I);
    const [chair, secretariat] = [await as('chair'), await as('secretariat')];
    const results = await Promise.all([
      chair.post(`${base(documentId)}/revisions`, { label: 'Rev.9', renumber: true }),
      secretariat.post(`${base(documentId)}/revisions`, { label: 'rev.9' }),
      chair.post(`${base(documentId)}/revisions`, { label: ' REV.9 ' }),
    ]);
    expect(results.map((r) => r.status).toSorted()).toEqual([201, 400, 400]);
    expect((await chair.get(`${base(documentId)}/revisions`)).body.revisions).toHaveLength(1);
  });
});

describe('RESTORE while a delegate types', () => {
  it('keeps the words a delegate typed elsewhere while the chair restored the whole text, for everyone', async () => {
    const documentId = await f.createDocument(BOX_I);
    const text = await textNow(documentId);
    const [one, three] = [idAt(text, 'Box I(1)'), idAt(text, 'Box I(3)')];
    const chair = await as('chair');
    const rev = (await chair.post(`${base(documentId)}/revisions`, { label: 'Rev.R' })).body.revision.id as string;
    const veloria = await f.open('veloria', documentId);
    const ngo = await f.open('ngo', documentId);
    await editIn(veloria.handle, (d) => withWords(d, one, `${ONE} Changed after Rev.R.`));
    // The delegate keeps typing in Box I(3) while the restore is under way.
    const typing = (async () => {
      for (let i = 0; i < 10; i++) {
        applyDocumentChange(veloria.handle.doc, withWords(fromYDoc(veloria.handle.doc), three, `${THREE} Word ${i}.`));
        await new Promise((r) => setTimeout(r, 5));
      }
      await veloria.handle.whenSaved();
    })();
    const restored = await chair.post(`${base(documentId)}/revisions/${rev}/restore`, {});
    await typing;
    expect(restored.status).toBe(200);
    const after = await textNow(documentId);
    expect(wordsOf(after, one)).toBe(ONE);
    expect(wordsOf(after, three)).toBe(`${THREE} Word 9.`);
    await eventually(() => {
      expect(toPlainText(fromYDoc(ngo.handle.doc))).toBe(toPlainText(after));
      expect(toPlainText(fromYDoc(veloria.handle.doc))).toBe(toPlainText(after));
    });
  });
});

describe('RENUMBER while an amendment is accepted', () => {
  it('both land: the clean revision is renumber() of its base text, the amendment wording is in it or on top, and the concordance names the bis paragraph by id', async () => {
    const documentId = await f.createDocument(`1. ${ONE}\n2. ${TWO}\n2bis. ${THREE}`);
    const bis = idAt(await textNow(documentId), 'Box I(2bis)');
    const proposed = await f.propose('ngo', documentId, { paragraphId: bis, kind: 'replace', text: `${THREE} Amended.` });
    const chair = await as('chair');
    const [renumbered, accepted] = await Promise.all([
      chair.post(`${base(documentId)}/revisions`, { label: 'Rev.Clean', renumber: true }),
      chair.post(`${base(documentId)}/amendments/${proposed.id}/accept`, { mode: 'as_proposed' }),
    ]);
    expect([renumbered.status, accepted.status], JSON.stringify([renumbered.body, accepted.body])).toEqual([201, 200]);
    const revision = renumbered.body.revision as { id: string; seq: number; baseSeq: number };
    expect(renumbered.body.concordance.find((r: { paragraphId: string }) => r.paragraphId === bis)).toMatchObject({ from: 'Box I(2bis)', to: 'Box I(3)' });
    const now = await textNow(documentId);
    expect(wordsOf(now, bis)).toBe(`${THREE} Amended.`);
    expect(idAt(now, 'Box I(3)')).toBe(bis);
    const between = (await chair.get(`${base(documentId)}/compare?from=seq:${revision.baseSeq}&to=${revision.id}`)).body;
    expect(between.changes.map((c: { kind: string }) => c.kind)).toEqual(['relabelled']);
  });
});

describe('DUP-ID: a paragraph a hostile client writes with another paragraph\'s id', () => {
  let documentId: string;
  let rev: string;
  let one: string;
  beforeAll(async () => {
    documentId = await f.createDocument(`1. ${ONE}\n2. ${TWO}`);
    rev = (await (await as('chair')).post(`${base(documentId)}/revisions`, { label: 'Rev.1' })).body.revision.id as string;
    // The editor repairs a repeated id on paste; a script writing to the socket need not.
    const arandia = await f.open('arandia', documentId);
    const doc = fromYDoc(arandia.handle.doc);
    one = idAt(doc, 'Box I(1)');
    const json = toJSON(doc) as unknown as { content: Array<{ content: Array<{ attrs?: { id?: string; num?: unknown }; content?: Array<{ content?: unknown[] }> }> }> };
    const box = json.content[0]!;
    const copy = structuredClone(box.content.find((n) => n.attrs?.id === one)!);
    copy.attrs!.num = null;
    copy.content![0]!.content = [{ type: 'text', text: 'Slipped in under another id.' }];
    box.content.push(copy);
    applyDocumentChange(arandia.handle.doc, fromJSON(json as never));
    await arandia.handle.whenSaved();
    if (!(await f.plain(documentId)).includes('Slipped in under another id.')) throw new Error('the server refused the duplicate: no longer reproducible');
  });

  // Found in review, fixed: the server accepts a repeated paragraph id (yjs-content-check / UpdatePolicy check the schema,
  // not identity), and compareTexts aligns by id keeping the first: the comparison reports nothing.
  it('compare Rev.1 with now shows the inserted wording', async () => {
    const res = await (await as('observer')).get(`${base(documentId)}/compare?from=${rev}&to=current`);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body.changes)).toContain('Slipped in under another id.');
  });

  // Found in review, fixed: restoring Box I(1) as it was (its wording never changed) deletes the other paragraph that carries its id.
  it('restoring one paragraph leaves every other paragraph\'s wording in the text', async () => {
    const res = await (await as('chair')).post(`${base(documentId)}/revisions/${rev}/restore`, { paragraphId: one });
    expect(res.status).toBe(200);
    expect(await f.plain(documentId)).toContain('Slipped in under another id.');
  });
});

describe('NO-ID: a paragraph a hostile client writes with no id', () => {
  // Found in review, fixed: units.ts skips a paragraph without an id ("every paragraph … with an id"), and the server
  // stores one (the editor gives ids; a script need not): its wording is in the text, not in the redline.
  it('compare Rev.1 with now shows the inserted wording', async () => {
    const documentId = await f.createDocument(`1. ${ONE}\n2. ${TWO}`);
    const rev = (await (await as('chair')).post(`${base(documentId)}/revisions`, { label: 'Rev.1' })).body.revision.id as string;
    const arandia = await f.open('arandia', documentId);
    const json = toJSON(fromYDoc(arandia.handle.doc)) as unknown as { content: Array<{ content: unknown[] }> };
    json.content[0]!.content.push({
      type: 'paragraph',
      attrs: { id: null, num: null, sfx: 0, status: 'under_negotiation', alt: null },
      content: [{ type: 'paragraphText', content: [{ type: 'text', text: 'Slipped in with no id.' }] }],
    });
    applyDocumentChange(arandia.handle.doc, fromJSON(json as never));
    await arandia.handle.whenSaved();
    expect(await f.plain(documentId)).toContain('Slipped in with no id.');
    const res = await (await as('observer')).get(`${base(documentId)}/compare?from=${rev}&to=current`);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body.changes)).toContain('Slipped in with no id.');
  });
});

describe('RESTART: the timeline and positions after the server restarts', () => {
  it('are the same entries, labels and texts as before', async () => {
    const database = await createTestDatabase();
    let own = await startTestServer({ database, env: { LOG_LEVEL: 'silent', SYNC_CHECKPOINT_EVERY: '2' } });
    let fixture = await new AmendmentsFixture(own).useDemo();
    try {
      const documentId = await fixture.createDocument(BOX_I);
      const one = idAt(fromJSON((await (await fixture.api('chair')).documents.text(fixture.dialogueId, documentId)).content), 'Box I(1)');
      const arandia = await fixture.open('arandia', documentId);
      const veloria = await fixture.open('veloria', documentId);
      for (let i = 0; i < 3; i++) {
        await editIn(arandia.handle, (d) => withWords(d, one, `${ONE} A${i}.`));
        await editIn(veloria.handle, (d) => withWords(d, one, `${ONE} V${i}.`));
      }
      const read = async () => {
        const observer = own.client((await fixture.api('observer')).token!);
        const path = `/api/dialogues/${fixture.dialogueId}/documents/${documentId}`;
        const page = (await observer.get(`${path}/history`)).body;
        const texts = [];
        for (let s = 1; s <= page.seq; s++) texts.push((await observer.get(`${path}/text?at=seq:${s}&format=plain`)).body);
        return { entries: page.entries.map((e: { author: { you: boolean } }) => ({ ...e, author: { ...e.author, you: false } })), texts };
      };
      const before = await read();
      fixture.close();
      await own.close();
      own = await startTestServer({ database, env: { LOG_LEVEL: 'silent', SYNC_CHECKPOINT_EVERY: '2' } });
      fixture = await new AmendmentsFixture(own).useDemo();
      expect(await read()).toEqual(before);
    } finally {
      fixture.close();
      await own.close();
      await database.close();
    }
  });
});

describe('COST', () => {
  it('a 500-paragraph compare and text at many distinct positions answer in bounded time', async () => {
    const lines = Array.from({ length: 500 }, (_, i) => `${i + 1}. Paragraph ${i} ${TWO}`).join('\n');
    const documentId = await f.createDocument(lines);
    const editor = await f.open('chair', documentId);
    for (let i = 0; i < 20; i++) await editIn(editor.handle, (d) => withWords(d, idAt(d, `Box I(${i * 20 + 1})`), `Reworded ${i} ${ONE}`));
    const observer = await as('observer');
    const end = (await observer.get(`${base(documentId)}/text`)).body.seq as number;
    let slowest = 0;
    const started = performance.now();
    for (let s = 1; s <= end; s++) {
      const t0 = performance.now();
      const res = await observer.get(`${base(documentId)}/compare?from=seq:${s}&to=current`);
      slowest = Math.max(slowest, performance.now() - t0);
      expect(res.status).toBe(200);
    }
    // Measured on the shared 2-core machine: 22 positions in ~3.8 s, slowest ~390 ms (two texts and a compare each).
    expect(slowest, `${end} positions in ${Math.round(performance.now() - started)} ms`).toBeLessThan(2000);
  });
});

describe('who changed what, after members change (run last: it changes the demo dialogue)', () => {
  let documentId: string;
  beforeAll(async () => {
    documentId = await f.createDocument(BOX_I);
    const one = idAt(await textNow(documentId), 'Box I(1)');
    const veloria = await f.open('veloria', documentId);
    await editIn(veloria.handle, (d) => withWords(d, one, `${ONE} Veloria was here.`));
    const arandia = await f.open('arandia', documentId);
    await editIn(arandia.handle, (d) => withWords(d, one, `${ONE} Arandia was here.`));
  });

  // Found in review, fixed: history-context.ts people(): a member who left is category 'Former member' (role null),
  // not the category they had; inside the room everyone saw who left.
  it('CHR-FORMER: a member who left is still shown by the category they had', async () => {
    const chair = await as('chair');
    expect((await chair.delete(`/api/dialogues/${f.dialogueId}/members/${await f.userId('veloria')}`)).status).toBe(204);
    const entries = (await (await as('observer')).get(`${base(documentId)}/history`)).body.entries as Array<{ author: { category: string } }>;
    expect(entries.map((e) => e.author.category)).not.toContain('Former member');
  });

  // Found in review, fixed: history-context.ts people() takes today's role: attribution is not what it was when the change was made.
  it('CHR-ROLE: a delegate made secretariat does not move their past sessions out of "Government"', async () => {
    const observer = await as('observer');
    const before = (await observer.get(`${base(documentId)}/history`)).body.entries as Array<{ fromSeq: number; author: { category: string } }>;
    const chair = await as('chair');
    expect((await chair.patch(`/api/dialogues/${f.dialogueId}/members/${await f.userId('arandia')}`, { role: 'secretariat' })).status).toBe(204);
    const after = (await observer.get(`${base(documentId)}/history`)).body.entries as Array<{ fromSeq: number; author: { category: string } }>;
    expect(after.map((e) => e.author.category)).toEqual(before.map((e) => e.author.category));
  });
});
