/**
 * A new document's starting layout (issue 14), over HTTP against a real server and database:
 *   LAYOUT-DEFAULT  no layout: the five CCW boxes with their titles, as before layouts.
 *   LAYOUT-BOXES    the boxes named, in order, each with an empty paragraph 1; an empty title leaves
 *                   a box untitled for the chair to name.
 *   LAYOUT-BLANK    one untitled box with paragraph 1.
 *   LAYOUT-BAD      a bad layout is a 400 naming the field (layout.titles.3, layout.kind …), and
 *                   nothing is stored: no document, and the symbol stays free.
 *   LAYOUT-ROLE     a delegate may not create a document, whatever its layout.
 */
import { MAX_BOX_TITLE_LENGTH, MAX_BOXES } from '@accord/contract';
import { CCW_BOX_TITLES } from '@accord/text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, demo, startTestServer, type TestServer } from './support/test-server.js';

let t: TestServer;
let chair: ApiClient;
let dialogueId: string;

beforeAll(async () => {
  t = await startTestServer();
  chair = await t.login(demo.chair.email);
  dialogueId = (await chair.get('/api/dialogues')).body.dialogues[0].id;
});

afterAll(async () => {
  await t?.close();
});

const documentsPath = () => `/api/dialogues/${dialogueId}/documents`;
let counter = 0;
const symbol = () => `T15/LAYOUT/${++counter}`;

async function create(layout: unknown, client = chair) {
  const body = { title: 'Layouts', symbol: symbol(), ...(layout === undefined ? {} : { layout }) };
  return { sent: body, response: await client.post(documentsPath(), body) };
}

async function plainText(documentId: string): Promise<string> {
  const response = await chair.get(`${documentsPath()}/${documentId}/text?format=plain`);
  expect(response.status).toBe(200);
  return String(response.body);
}

async function symbols(): Promise<string[]> {
  return ((await chair.get(documentsPath())).body.documents as Array<{ symbol: string }>).map((d) => d.symbol).toSorted();
}

describe('a new document’s starting layout', () => {
  it('LAYOUT-DEFAULT: without a layout, the five CCW boxes with their titles', async () => {
    const { response } = await create(undefined);
    expect(response.status).toBe(201);
    const numerals = ['I', 'II', 'III', 'IV', 'V'];
    expect(await plainText(response.body.id)).toBe(CCW_BOX_TITLES.map((title, i) => `Box ${numerals[i]}. ${title}\n\n1.\n`).join('\n'));
  });

  it('LAYOUT-BOXES: the boxes named, in order; an empty title leaves the box untitled; a title is one line', async () => {
    const { response } = await create({ kind: 'boxes', titles: ['Scope and purpose', '', '  General\n obligations '] });
    expect(response.status).toBe(201);
    expect(await plainText(response.body.id)).toBe('Box I. Scope and purpose\n\n1.\n\nBox II.\n\n1.\n\nBox III. General obligations\n\n1.\n');
    const most = await create({ kind: 'boxes', titles: Array.from({ length: MAX_BOXES }, (_, i) => `Box ${i + 1} ${'x'.repeat(MAX_BOX_TITLE_LENGTH - 10)}`) });
    expect(most.response.status).toBe(201);
    expect((await plainText(most.response.body.id)).match(/^Box [IVXL]+\. /gm)).toHaveLength(MAX_BOXES);
  });

  it('LAYOUT-BLANK: one untitled box with paragraph 1', async () => {
    const { response } = await create({ kind: 'blank' });
    expect(response.status).toBe(201);
    expect(await plainText(response.body.id)).toBe('Box I.\n\n1.\n');
    // The text as the editor gets it: one box, its title empty, paragraph 1 empty.
    const text = await chair.get(`${documentsPath()}/${response.body.id}/text`);
    expect(text.body.content.content).toHaveLength(1);
    expect(text.body.content.content[0].content[0]).toEqual({ type: 'boxTitle' });
  });

  it('LAYOUT-BAD: a bad layout is a 400 naming the field, and nothing is stored', async () => {
    const cases: Array<[unknown, string]> = [
      [{ kind: 'boxes', titles: ['One', 'Two', 'Three', 'x'.repeat(MAX_BOX_TITLE_LENGTH + 1)] }, 'layout.titles.3'],
      [{ kind: 'boxes', titles: [] }, 'layout.titles'],
      [{ kind: 'boxes', titles: Array.from({ length: MAX_BOXES + 1 }, () => 'Box') }, 'layout.titles'],
      [{ kind: 'boxes', titles: ['One', 2] }, 'layout.titles.1'],
      [{ kind: 'boxes' }, 'layout.titles'],
      [{ kind: 'boxes', titles: 'Scope' }, 'layout.titles'],
      [{ kind: 'template' }, 'layout.kind'],
      [{ kind: 'blank', titles: ['Scope'] }, 'layout.titles'],
      ['blank', 'layout'],
      [null, 'layout'],
    ];
    const before = await symbols();
    for (const [layout, field] of cases) {
      const { sent, response } = await create(layout);
      expect(response.status, JSON.stringify(layout)).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.fields.map((f: { field: string }) => f.field), JSON.stringify(layout)).toContain(field);
      // Nothing stored: the symbol is still free, and taking it now works.
      expect(await symbols()).toEqual(before);
      expect((await chair.post(documentsPath(), { title: 'Layouts', symbol: sent.symbol, layout: { kind: 'blank' } })).status).toBe(201);
      before.push(sent.symbol);
      before.sort();
    }
  });

  it('LAYOUT-ROLE: a delegate may not create a document, whatever its layout', async () => {
    const delegate = await t.login(demo.arandia.email);
    const before = await symbols();
    expect((await create({ kind: 'blank' }, delegate)).response.status).toBe(403);
    expect((await create({ kind: 'boxes', titles: ['Arandia’s box'] }, delegate)).response.status).toBe(403);
    expect(await symbols()).toEqual(before);
  });
});
