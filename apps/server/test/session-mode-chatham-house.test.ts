/**
 * The Chatham House Rule for session mode: the floor and the current paragraph are shown in the room
 * and nowhere else. Under the rule (the demo dialogue), the chair gives the floor to two delegations
 * and moves the current paragraph through the text, refusals included; then every place that leaves
 * the room is searched for the delegations' names, their affiliation ids and the paragraph ids:
 * the audit trail (table and API), the document's log and timeline, the text itself, the exports
 * (plain, Markdown, HTML, Akoma Ntoso and DOCX, each entry unzipped) and everything the server logged,
 * at the most verbose level, from the first request to the last.
 *
 * So that the search can fail: the room itself (the answers and the live event) does carry the
 * names, found by the same search.
 */
import { AccordClient } from '@accord/client';
import type { SessionMode } from '@accord/contract';
import { auditEvents, documentUpdates } from '@accord/db';
import { fromJSON } from '@accord/text';
import { listBlocks } from '@accord/text/amendments';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDocument } from '../src/seed/demo-data.js';
import { eventually } from './support/eventually.js';
import { download, secretsInBytes, secretsInText, unzip } from './support/exports.js';
import { captureLog, type LogLine } from './support/server-log.js';
import { type ApiClient, demo, startTestServer, type TestServer } from './support/test-server.js';

/** Text exports searched whole; the DOCX entry by entry. */
const FORMATS = ['plain', 'markdown', 'html', 'akn', 'docx'] as const;

let t: TestServer;
let chair: ApiClient;
let dialogueId: string;
let documentId: string;
let log: LogLine[];
/** What the room was shown: the answers to the chair and the events a delegate heard. */
const shown: SessionMode[] = [];
const heard: unknown[] = [];
let client: AccordClient;
/** Names, affiliation ids and paragraph ids that session mode handled. */
let secrets: string[];
/** The paragraph ids alone: a text names its own paragraphs, so these are compared before and after, not sought. */
let paragraphIds: string[];

interface Outside {
  audit: unknown[];
  auditApi: unknown;
  updates: number;
  history: unknown;
  text: unknown;
  exports: Map<string, Map<string, Uint8Array>>;
}

let before: Outside;
let after: Outside;

/** For setting the scene, outside any test: a failure here stops the file with what went wrong. */
function must(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

/** Dates masked: a DOCX's core.xml is stamped at export. */
const undated = (b: Uint8Array) => Buffer.from(b).toString('latin1').replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?/g, '<time>');

const documentPath = () => `/api/dialogues/${dialogueId}/documents/${documentId}`;

async function exportOf(format: (typeof FORMATS)[number]): Promise<Map<string, Uint8Array>> {
  const file = await download(t.url, chair.token, `${documentPath()}/export?format=${format}`);
  must(file.status === 200, `exporting ${format}: ${file.status} ${file.text.slice(0, 300)}`);
  return format === 'docx' ? unzip(file.bytes) : new Map([[`export.${format}`, file.bytes]]);
}

/** Everything that leaves the room, as it stands. */
async function record(): Promise<Outside> {
  const exports = new Map<string, Map<string, Uint8Array>>();
  for (const format of FORMATS) exports.set(format, await exportOf(format));
  return {
    audit: await t.db.select().from(auditEvents),
    auditApi: (await chair.get(`/api/dialogues/${dialogueId}/audit?limit=200`)).body,
    updates: (await t.db.select({ seq: documentUpdates.seq }).from(documentUpdates).where(eq(documentUpdates.documentId, documentId))).length,
    history: (await chair.get(`${documentPath()}/history`)).body,
    text: (await chair.get(`${documentPath()}/text`)).body,
    exports,
  };
}

beforeAll(async () => {
  t = await startTestServer({ env: { LOG_LEVEL: 'trace', HISTORY_REPLAY_MS_PER_SECOND: '100000' } });
  chair = await t.login(demo.chair.email);
  const dialogue = (await chair.get('/api/dialogues')).body.dialogues[0];
  must(dialogue.attributionMode === 'chatham_house', 'the demo dialogue is under the Chatham House Rule');
  dialogueId = dialogue.id;
  const documents = (await chair.get(`/api/dialogues/${dialogueId}/documents`)).body.documents as Array<{ id: string; symbol: string }>;
  documentId = documents.find((d) => d.symbol === demoDocument.symbol)!.id;
  const members = (await chair.get(`/api/dialogues/${dialogueId}/members`)).body.members as Array<{ displayName: string; affiliation: { id: string; name: string } | null }>;
  const affiliation = (name: 'arandia' | 'veloria') => members.find((m) => m.displayName === demo[name].displayName)!.affiliation!;
  const [arandia, veloria] = [affiliation('arandia'), affiliation('veloria')];
  const content = (await chair.get(`${documentPath()}/text`)).body.content;
  const blocks = listBlocks(fromJSON(content)).filter((b) => b.kind === 'paragraph');
  const on = (citation: string) => blocks.find((b) => b.citation === citation)!.id;
  paragraphIds = [on('Box III(2)'), on('Box III(2bis)'), on('Box II(4, Alt 2)')];
  secrets = [arandia.name, veloria.name, arandia.id, veloria.id, ...paragraphIds];

  client = await AccordClient.connect({ url: t.url, token: (await t.login(demo.arandia.email)).token!, transports: ['websocket'] });
  client.onEvent('session_mode.changed', (data) => heard.push(data));
  await client.open(documentId).synced;

  // Signing in is audited: done before the record is taken.
  const delegate = await t.login(demo.veloria.email);
  before = await record();
  log = captureLog(t);
  const steer = async (body: object, status = 200, as = chair) => {
    const res = await as.request<SessionMode>('PUT', `${documentPath()}/session-mode`, body);
    must(res.status === status, `steering ${JSON.stringify(body)}: ${res.status}, not ${status}`);
    if (res.status === 200) shown.push(res.body);
  };
  await steer({ paragraphId: paragraphIds[0], floorAffiliationId: arandia.id });
  await steer({ paragraphId: paragraphIds[1] });
  await steer({ floorAffiliationId: veloria.id });
  await steer({ paragraphId: paragraphIds[2] });
  // Refusals too: their messages must not echo what was asked.
  await steer({ paragraphId: `${paragraphIds[0]}-gone`, floorAffiliationId: arandia.id }, 400);
  await steer({ floorAffiliationId: veloria.id }, 403, delegate);
  await eventually(() => must(heard.length === 4, `${heard.length} events heard, not 4`), 2000);
  // The GET a latecomer makes, then the end of the session.
  must((await chair.get(`${documentPath()}/session-mode`)).status === 200, 'reading the session mode');
  must((await chair.delete(`${documentPath()}/session-mode`)).status === 200, 'ending the session');
  after = await record();
});

afterAll(async () => {
  client?.close();
  await t?.close();
});

describe('session mode under the Chatham House Rule', () => {
  it('the room is shown the floor: the same search finds the names in the answers and the live events (so it can fail)', () => {
    expect(secretsInText(JSON.stringify(shown), secrets)).toEqual(secrets);
    expect(secretsInText(JSON.stringify(heard), secrets)).toEqual(secrets);
  });

  it('no audit record: the table and the trail’s API are exactly as before', () => {
    expect(after.audit).toEqual(before.audit);
    expect(after.auditApi).toEqual(before.auditApi);
    expect(secretsInText(JSON.stringify(after.audit.slice(before.audit.length)), secrets)).toEqual([]);
  });

  it('nothing in the document’s log, timeline or text: no update stored, the same history and the same words', () => {
    expect(after.updates).toBe(before.updates);
    expect(after.history).toEqual(before.history);
    expect(after.text).toEqual(before.text);
  });

  it.each(FORMATS)('the %s export names no delegation nor affiliation, and is the same as before but for its time stamps', (format) => {
    const then = before.exports.get(format)!;
    const now = after.exports.get(format)!;
    expect([...now.keys()]).toEqual([...then.keys()]);
    for (const [entry, bytes] of now) {
      expect(secretsInBytes(bytes, secrets.filter((s) => !paragraphIds.includes(s))), entry).toEqual([]);
      // A text may carry its paragraphs' ids (anchors): the same ones as before, and the same bytes but for dates.
      expect(secretsInBytes(bytes, paragraphIds), entry).toEqual(secretsInBytes(then.get(entry)!, paragraphIds));
      expect(undated(bytes), entry).toBe(undated(then.get(entry)!));
    }
  });

  it('the server logged nothing that names the floor or the paragraph, at the most verbose level', () => {
    // The capture is real: the steering requests themselves were logged (method, URL, status).
    const lines = log.map((line) => JSON.stringify(line));
    expect(lines.filter((line) => line.includes('/session-mode')).length).toBeGreaterThanOrEqual(6);
    expect(secretsInText(lines.join('\n'), secrets)).toEqual([]);
  });
});
