/**
 * Property: whatever live editors do (words typed and deleted in any paragraph, paragraphs inserted
 * and deleted, statuses changed by the chair) and whatever the chair writes through the server
 * (revisions renumbered, restored whole or one paragraph), with checkpoints written every few updates and the
 * server restarted in between, the text the server gives at every position n of the log equals
 * replaying the first n stored updates from an empty document. Read forwards (the reader steps a
 * replica on) and, after one more restart, backwards (each read starts again from a checkpoint).
 *
 * A new seed each local run; a fixed one in CI (`CI` set). HISTORY_PROPERTY_SEED=<seed> replays a
 * run (the seed is printed); HISTORY_PROPERTY_RUNS runs more.
 */
import { documentCheckpoints } from '@accord/db';
import { createTestDatabase, type TestDatabase } from '@accord/db/testing';
import { fromJSON, type ParagraphStatus, type RollingTextNodeJSON, toJSON, toPlainText } from '@accord/text';
import { fromYDoc, ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import { eq } from 'drizzle-orm';
import * as fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AmendmentsFixture } from './support/amendments.js';
import { editIn, withParagraphAfter, withStatus, withWords, withoutParagraph, wordsOf } from './support/history.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const CI_SEED = 1_226_042_177;
const seed = Number(process.env.HISTORY_PROPERTY_SEED ?? (process.env.CI ? CI_SEED : Math.floor(Math.random() * 2 ** 31)));
const numRuns = Number(process.env.HISTORY_PROPERTY_RUNS ?? 4);
/** Small, so that checkpoints land every few updates and most positions are read from one. */
const ENV = { SYNC_CHECKPOINT_EVERY: '4', MAX_DOCUMENTS_PER_HOUR: '1000' };

const BOX_I = '1. States shall ensure human control.\n2. Each State should review new weapons.\n3. Reviews should be shared.';

type Actor = 'chair' | 'arandia' | 'veloria';
type Action =
  | { kind: 'insertWord'; actor: Actor; paragraph: number; at: number; word: string }
  | { kind: 'deleteWord'; actor: Actor; paragraph: number; at: number }
  | { kind: 'insertParagraph'; actor: Actor; paragraph: number; word: string }
  | { kind: 'deleteParagraph'; actor: Actor; paragraph: number }
  | { kind: 'status'; paragraph: number; status: ParagraphStatus }
  | { kind: 'name'; renumber: boolean }
  | { kind: 'restore'; paragraph: number; whole: boolean }
  | { kind: 'restart' };

const actor = fc.constantFrom<Actor>('chair', 'arandia', 'veloria');
const paragraph = fc.nat({ max: 20 });
const word = fc.constantFrom('human', 'control', 'shall', 'should', 'review', 'weapons', 'States', 'lawful', 'always');
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('insertWord' as const), actor, paragraph, at: fc.nat({ max: 30 }), word }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('deleteWord' as const), actor, paragraph, at: fc.nat({ max: 30 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('insertParagraph' as const), actor, paragraph, word }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteParagraph' as const), actor, paragraph }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('status' as const), paragraph, status: fc.constantFrom<ParagraphStatus>('under_negotiation', 'agreed_ad_ref', 'agreed') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('name' as const), renumber: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const), paragraph, whole: fc.boolean() }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

let database: TestDatabase;
let t: TestServer;
let f: AmendmentsFixture;

beforeAll(async () => {
  database = await createTestDatabase();
  t = await startTestServer({ database, env: ENV });
  f = await new AmendmentsFixture(t).useDemo();
  process.stdout.write(`history text-at property: seed ${seed} (HISTORY_PROPERTY_SEED=${seed} to replay), ${numRuns} runs\n`);
});

afterAll(async () => {
  f?.close();
  await t?.close();
  await database?.close();
});

/** The server stopped and started again on the same database: every editor goes with it. */
async function restart(): Promise<void> {
  f.close();
  await t.close();
  t = await startTestServer({ database, env: ENV });
  f = await new AmendmentsFixture(t).useDemo();
}

/** Box I's paragraphs as an editor sees them: id and status. */
function paragraphsOf(doc: Node): Array<{ id: string; status: ParagraphStatus }> {
  const box = toJSON(doc).content[0]!;
  return (box.content ?? []).filter((n: RollingTextNodeJSON) => n.type === 'paragraph').map((n) => ({ id: String(n.attrs!.id), status: n.attrs!.status as ParagraphStatus }));
}

/** The text a replay of the first n updates gives, for every n: the plain text and the JSON. */
async function replayed(documentId: string): Promise<Array<{ text: string; content: unknown }>> {
  const doc = new Y.Doc();
  const states = [{ text: '', content: null as unknown }];
  for (const row of await f.log.readLog(documentId)) {
    Y.applyUpdate(doc, row.update);
    const empty = doc.getXmlFragment(ROLLING_TEXT_FIELD).length === 0;
    const text = empty ? null : fromYDoc(doc);
    states.push({ text: text ? toPlainText(text) : '', content: text ? toJSON(text) : null });
  }
  doc.destroy();
  return states;
}

async function expectEveryPosition(documentId: string, order: 'forwards' | 'backwards'): Promise<void> {
  const expected = await replayed(documentId);
  const history = (await f.api('observer')).history;
  const positions = expected.map((_, n) => n).slice(1);
  if (order === 'backwards') positions.reverse();
  for (const n of positions) {
    const served = await history.textAt(f.dialogueId, documentId, `seq:${n}`);
    expect({ n, seq: served.seq, text: served.text, content: served.content }, `${order}, position ${n}`).toEqual({ n, seq: n, ...expected[n]! });
  }
}

describe('the text at any position', () => {
  it(
    'equals replaying the first n updates of the log from empty, for every n, with checkpoints and restarts in between',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(action, { minLength: 8, maxLength: 16 }), async (actions) => {
          const documentId = await f.createDocument(BOX_I);
          const editors = new Map<Actor, Awaited<ReturnType<AmendmentsFixture['open']>>>();
          const editor = async (name: Actor) => {
            let open = editors.get(name);
            if (!open) {
              open = await f.open(name, documentId);
              editors.set(name, open);
            }
            return open.handle;
          };
          const revisions: Array<{ id: string; paragraphs: string[] }> = [];
          for (const step of actions) {
            if (step.kind === 'restart') {
              editors.clear();
              await restart();
              continue;
            }
            const history = (await f.api('chair')).history;
            if (step.kind === 'name') {
              const { revision } = await history.nameRevision(f.dialogueId, documentId, { label: `Rev.${revisions.length + 1}`, renumber: step.renumber });
              const text = await history.revisionText(f.dialogueId, documentId, revision.id);
              revisions.push({ id: revision.id, paragraphs: text.content ? paragraphsOf(fromJSON(text.content)).map((p) => p.id) : [] });
              continue;
            }
            if (step.kind === 'restore') {
              const revision = revisions.at(-1);
              if (!revision) continue;
              const paragraphId = step.whole ? undefined : revision.paragraphs[step.paragraph % revision.paragraphs.length];
              await history.restore(f.dialogueId, documentId, revision.id, paragraphId ? { paragraphId } : {});
              continue;
            }
            const chair = await editor('chair');
            const paragraphs = paragraphsOf(fromYDoc(chair.doc));
            const target = paragraphs[step.paragraph % paragraphs.length]!;
            // Delegates write only under negotiation (the rules of the room): the chair does the rest.
            const who: Actor = step.kind === 'status' || target.status !== 'under_negotiation' ? 'chair' : step.actor;
            const handle = await editor(who);
            if (!paragraphsOf(fromYDoc(handle.doc)).some((p) => p.id === target.id)) continue;
            await editIn(handle, (doc) => {
              const words = wordsOf(doc, target.id).split(' ').filter(Boolean);
              switch (step.kind) {
                case 'insertWord':
                  words.splice(step.at % (words.length + 1), 0, step.word);
                  return withWords(doc, target.id, words.join(' '));
                case 'deleteWord':
                  words.splice(step.at % Math.max(words.length, 1), 1);
                  return withWords(doc, target.id, words.join(' '));
                case 'insertParagraph':
                  return withParagraphAfter(doc, target.id, `${step.word} in a new paragraph.`).doc;
                case 'deleteParagraph':
                  return paragraphs.length > 1 ? withoutParagraph(doc, target.id) : doc;
                case 'status':
                  return withStatus(doc, target.id, step.status);
              }
            });
          }
          for (const open of editors.values()) await open.handle.whenSaved();
          await expectEveryPosition(documentId, 'forwards');
          await restart();
          await expectEveryPosition(documentId, 'backwards');
          const checkpoints = await t.db.select({ seq: documentCheckpoints.seq }).from(documentCheckpoints).where(eq(documentCheckpoints.documentId, documentId));
          expect(checkpoints.length).toBeGreaterThan(0);
        }),
        { seed, numRuns, endOnFailure: true },
      );
    },
    180_000,
  );
});
