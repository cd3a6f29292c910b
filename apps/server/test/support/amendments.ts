/**
 * Amendment tests' fixtures: documents with known wording (written by the chair's own editor, as
 * drafting does), the text as the server reads it block by block, members as SDK sessions and as
 * live editors, their live `amendments.changed` events, and "nothing was stored" made checkable.
 */
import { type AccordApi, AccordApiError, AccordClient, type DocumentHandle } from '@accord/client';
import type { Amendment, CreateAmendmentInput } from '@accord/contract';
import { amendments, amendmentSupports, auditEvents, documentUpdates } from '@accord/db';
import { emptyRollingText, fromJSON, fromPlainText, toPlainText } from '@accord/text';
import { type Block, findBlock, listBlocks } from '@accord/text/amendments';
import { applyDocumentChange, fromYDoc } from '@accord/text/yjs';
import type * as Y from 'yjs';
import { DocumentLogRepository } from '../../src/collab/document-log.repository.js';
import { demoDocument } from '../../src/seed/demo-data.js';
import { eventually } from './eventually.js';
import { createTestDatabase, type TestDatabase } from '@accord/db/testing';
import { demo, startTestServer, type TestServer } from './test-server.js';

export type DemoName = keyof typeof demo;
export const demoNames = Object.keys(demo) as DemoName[];

/** Every display name and affiliation of the demo: what the Chatham House Rule keeps out of others' views. */
export const demoSecrets = (): string[] => [...new Set(demoNames.flatMap((name) => [demo[name].displayName, demo[name].affiliation.name]))];

const template = toPlainText(emptyRollingText());

/** The five-box template with Box I's paragraphs given (plain-text lines: "1. Words…", "2. …"). */
export function textWithBoxI(lines: string): string {
  return template.replace('\n1.\n', `\n${lines.trim()}\n`);
}

/** An SDK refusal, as a test compares one. */
export interface Refusal {
  status: number;
  code: string;
  fields: string[];
  message: string;
  conflict: AccordApiError['conflict'];
}

/** Awaits a call that must fail with an AccordApiError, and returns what it said. */
export async function refusal(call: Promise<unknown>): Promise<Refusal> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof AccordApiError)) throw error;
    return { status: error.status, code: error.code, fields: error.fields.map((f) => f.field), message: error.message, conflict: error.conflict };
  }
  throw new Error('the call succeeded; a refusal was expected');
}

/** A member's live `amendments.changed` events (their socket has the document open). */
export class AmendmentEvents {
  readonly received: Amendment[] = [];

  constructor(
    readonly client: AccordClient,
    readonly handle: DocumentHandle,
  ) {
    client.onEvent('amendments.changed', (data) => {
      if (data.documentId === handle.documentId) this.received.push(data.amendment);
    });
  }

  about(amendmentId: string): Amendment[] {
    return this.received.filter((a) => a.id === amendmentId);
  }

  /** Waits for an event about the amendment that passes `check` (from the `from`th event on). */
  async next(amendmentId: string, check: (a: Amendment) => boolean = () => true, from = 0): Promise<Amendment> {
    let found: Amendment | undefined;
    await eventually(() => {
      found = this.received.slice(from).find((a) => a.id === amendmentId && check(a));
      if (!found) throw new Error(`no amendments.changed for ${amendmentId} passing the check; got ${JSON.stringify(this.about(amendmentId).map((a) => [a.status, a.supporters.summary]))}`);
    });
    return found!;
  }
}

export class AmendmentsFixture {
  private readonly apis = new Map<DemoName, AccordApi>();
  private readonly clients: AccordClient[] = [];
  private documentCount = 0;
  dialogueId = '';
  demoDocumentId = '';

  constructor(readonly t: TestServer) {}

  /** The demo dialogue (Chatham House Rule) and its document. */
  async useDemo(): Promise<this> {
    const chair = await this.api('chair');
    this.dialogueId = (await chair.dialogues.list())[0]!.id;
    this.demoDocumentId = (await chair.documents.list(this.dialogueId)).find((d) => d.symbol === demoDocument.symbol)!.id;
    return this;
  }

  /** A demo member's SDK session, signed in once. */
  async api(name: DemoName): Promise<AccordApi> {
    let api = this.apis.get(name);
    if (!api) {
      api = await this.t.api(demo[name].email);
      this.apis.set(name, api);
    }
    return api;
  }

  async userId(name: DemoName): Promise<string> {
    return (await (await this.api(name)).me()).user.id;
  }

  /**
   * A new document whose Box I holds `boxI` (plain-text paragraph lines), created by the chair and
   * written in the chair's own editor, over the socket, as drafting is done.
   */
  async createDocument(boxI: string, dialogueId = this.dialogueId): Promise<string> {
    const chair = await this.api('chair');
    const document = await chair.documents.create(dialogueId, { title: 'Amendments test text', symbol: `AMD/${++this.documentCount}/${Math.random().toString(36).slice(2, 8)}` });
    const client = await AccordClient.connect({ url: this.t.url, token: chair.token!, transports: ['websocket'] });
    try {
      const handle = client.open(document.id);
      await handle.synced;
      applyDocumentChange(handle.doc, fromPlainText(textWithBoxI(boxI)));
      await handle.whenSaved();
    } finally {
      client.close();
    }
    const written = await this.plain(document.id, dialogueId);
    if (written !== toPlainText(fromPlainText(textWithBoxI(boxI)))) throw new Error(`the chair's editor wrote something else:\n${written}`);
    return document.id;
  }

  /** A member's live editor on a document (its socket also carries their live events). */
  async open(name: DemoName, documentId: string): Promise<AmendmentEvents> {
    const client = await AccordClient.connect({ url: this.t.url, token: (await this.api(name)).token!, transports: ['websocket'] });
    this.clients.push(client);
    const handle = client.open(documentId);
    const events = new AmendmentEvents(client, handle);
    await handle.synced;
    return events;
  }

  /** The document's plain text as the server reads it now. */
  async plain(documentId: string, dialogueId = this.dialogueId): Promise<string> {
    return (await (await this.api('chair')).documents.text(dialogueId, documentId)).text;
  }

  /** Every paragraph and sub-paragraph as the server reads them now, in reading order. */
  async blocks(documentId: string, dialogueId = this.dialogueId): Promise<Block[]> {
    return listBlocks(fromJSON((await (await this.api('chair')).documents.text(dialogueId, documentId)).content));
  }

  /** One block by its citation ("Box I(1)"), or a failure naming what there is. */
  async block(documentId: string, citation: string, dialogueId = this.dialogueId): Promise<Block> {
    const blocks = await this.blocks(documentId, dialogueId);
    const block = blocks.find((b) => b.citation === citation);
    if (!block) throw new Error(`no ${citation}; the text has ${blocks.map((b) => b.citation).join(', ')}`);
    return block;
  }

  /** Proposes as `name` or fails the test: for setting the scene. */
  async propose(name: DemoName, documentId: string, input: CreateAmendmentInput, dialogueId = this.dialogueId): Promise<Amendment> {
    return (await this.api(name)).amendments.propose(dialogueId, documentId, input);
  }

  get log(): DocumentLogRepository {
    return this.t.server.app.get(DocumentLogRepository);
  }

  /** Every amendment, support, log row and audit record: "nothing was stored" made checkable. */
  async stored(): Promise<string> {
    const dump = async (table: typeof amendments | typeof amendmentSupports | typeof documentUpdates | typeof auditEvents) =>
      (await this.t.db.select().from(table)).map((row) => JSON.stringify(row, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v))).toSorted();
    return JSON.stringify({
      amendments: await dump(amendments),
      supports: await dump(amendmentSupports),
      updates: await dump(documentUpdates),
      audit: await dump(auditEvents),
    });
  }

  /** How many amendments the document has, in storage. */
  async count(documentId: string): Promise<number> {
    return (await this.t.db.select().from(amendments)).filter((row) => row.documentId === documentId).length;
  }

  close(): void {
    for (const client of this.clients) client.close();
  }
}

/** A block's wording in a live editor's (or any) Y.Doc: '' when it is not there. */
export function blockTextIn(doc: Y.Doc, blockId: string): string | null {
  return findBlock(fromYDoc(doc), blockId)?.text ?? null;
}

/** A test file's own server: a fresh database, the demo seeded, and the fixture on the demo dialogue. */
export interface DemoServer {
  database: TestDatabase;
  t: TestServer;
  f: AmendmentsFixture;
}

export async function openDemoServer(env?: Record<string, string>): Promise<DemoServer> {
  const database = await createTestDatabase();
  const t = await startTestServer({ database, ...(env ? { env } : {}) });
  return { database, t, f: await new AmendmentsFixture(t).useDemo() };
}

/** Closes what openDemoServer opened, whatever of it was opened before a failure. */
export async function closeDemoServer(server: Partial<DemoServer>): Promise<void> {
  server.f?.close();
  await server.t?.close();
  await server.database?.close();
}
