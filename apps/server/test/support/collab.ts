/** Real-time test helpers: SDK clients signed in as demo users against a real test server. */
import { AccordClient, type DocumentHandle } from '@accord/client';
import * as Y from 'yjs';
import { CollabGateway } from '../../src/collab/collab.gateway.js';
import { DocumentLogRepository } from '../../src/collab/document-log.repository.js';
import { draftOf } from './rolling-text.js';
import { demo, type TestServer } from './test-server.js';

export { eventually } from './eventually.js';

export type DemoName = keyof typeof demo;

export class CollabFixture {
  readonly clients: AccordClient[] = [];
  private readonly tokens = new Map<DemoName, string>();
  dialogueId = '';

  constructor(readonly t: TestServer) {}

  async token(name: DemoName): Promise<string> {
    let token = this.tokens.get(name);
    if (!token) {
      token = (await this.t.login(demo[name].email)).token!;
      this.tokens.set(name, token);
    }
    return token;
  }

  /** A new document in the demo dialogue, created by the chair over HTTP. */
  async createDocument(symbol = `T15/AWS/${Math.random().toString(36).slice(2, 8)}`): Promise<string> {
    const chair = this.t.client(await this.token('chair'));
    if (!this.dialogueId) this.dialogueId = (await chair.get('/api/dialogues')).body.dialogues[0].id;
    const created = await chair.post(`/api/dialogues/${this.dialogueId}/documents`, { title: 'Rolling text', symbol });
    if (created.status !== 201) throw new Error(`creating a document failed: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body.id as string;
  }

  async connect(name: DemoName): Promise<AccordClient> {
    const client = await AccordClient.connect({ url: this.t.url, token: await this.token(name), transports: ['websocket'] });
    this.clients.push(client);
    return client;
  }

  async open(name: DemoName, documentId: string): Promise<DocumentHandle> {
    const handle = (await this.connect(name)).open(documentId);
    await handle.synced;
    return handle;
  }

  get log(): DocumentLogRepository {
    return this.t.server.app.get(DocumentLogRepository);
  }

  get gateway(): CollabGateway {
    return this.t.server.app.get(CollabGateway);
  }

  /** The words of Box I(1) the server holds in memory for a document ('' when not loaded); see rolling-text.ts. */
  serverText(documentId: string): string {
    const state = this.gateway.engine.stateOf(documentId);
    const doc = new Y.Doc();
    if (state) Y.applyUpdate(doc, state);
    return draftOf(doc);
  }

  /** The words of Box I(1) a replay of the stored log from empty gives. */
  async storedText(documentId: string): Promise<string> {
    const doc = new Y.Doc();
    for (const row of await this.log.readLog(documentId)) Y.applyUpdate(doc, row.update);
    return draftOf(doc);
  }

  close(): void {
    for (const client of this.clients) client.close();
  }
}
