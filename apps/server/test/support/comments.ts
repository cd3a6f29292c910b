/**
 * Comment tests' fixtures: the demo dialogue and its document, members beyond the demo's seven
 * (a second delegate of a delegation, a colleague at the NGO), the comments API's paths, the
 * paragraphs of a document as the server reads them, and sockets that record the live events.
 */
import type { ClientEvent, CommentAudience, Thread } from '@accord/contract';
import { auditEvents, commentRevisions, comments, commentThreads } from '@accord/db';
import { demoDocument } from '../../src/seed/demo-data.js';
import { joinAsNewAccount } from './accounts.js';
import { RawConnection, type Received } from './raw-socket.js';
import { ApiClient, type ApiResponse, demo, type TestServer } from './test-server.js';

export type DemoName = keyof typeof demo;

export interface TextParagraph {
  id: string;
  kind: 'paragraph' | 'subparagraph' | 'footnote';
  /** The words as plain text: marks (brackets) dropped, footnotes left out (each is a block of its own). */
  text: string;
}

interface JsonNode {
  type: string;
  attrs?: Record<string, unknown>;
  text?: string;
  content?: JsonNode[];
}

/** Paragraphs, sub-paragraphs and footnotes of a document's ProseMirror JSON (GET …/text's `content`), in order. */
export function paragraphsOf(content: unknown): TextParagraph[] {
  const found: TextParagraph[] = [];
  const words = (node: JsonNode): string => (node.content ?? []).map((c) => (c.type === 'text' ? (c.text ?? '') : '')).join('');
  const walk = (node: JsonNode) => {
    if (node.type === 'paragraph') {
      const text = node.content?.find((c) => c.type === 'paragraphText');
      found.push({ id: String(node.attrs?.id), kind: 'paragraph', text: text ? words(text) : '' });
    } else if (node.type === 'subparagraph') {
      found.push({ id: String(node.attrs?.id), kind: 'subparagraph', text: words(node) });
    } else if (node.type === 'footnote') {
      found.push({ id: String(node.attrs?.id), kind: 'footnote', text: String(node.attrs?.text ?? '') });
    }
    for (const child of node.content ?? []) walk(child);
  };
  walk(content as JsonNode);
  return found;
}

/** A membership for an account made here: its role and the affiliation it speaks for. */
export interface NewMember {
  role: 'chair' | 'secretariat' | 'delegate' | 'civil_society' | 'observer';
  affiliation?: { name: string; kind: 'government' | 'civil_society' | 'international_org' | 'academia' };
}

/** The demo members' affiliations, as the demo seeds them (a new member joins the same one by name and kind). */
export const demoAffiliation = (name: DemoName) => demo[name].affiliation;

/** A response someone received, kept so a test can search everything the server said to them. */
export interface Heard {
  name: string;
  method: string;
  path: string;
  status: number;
  body: unknown;
}

/** An API client that tells its fixture about every answer it gets. */
class ListeningClient extends ApiClient {
  constructor(
    baseUrl: string,
    token: string,
    private readonly heard: (method: string, path: string, res: ApiResponse) => void,
  ) {
    super(baseUrl, token);
  }

  override async request<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>> {
    const res = await super.request<T>(method, path, body, headers);
    this.heard(method, path, res);
    return res;
  }
}

export class CommentsFixture {
  /** Every answer members got through `as`, in order. */
  readonly heard: Heard[] = [];
  readonly tokens = new Map<string, string>();
  readonly userIds = new Map<string, string>();
  readonly sockets: EventSocket[] = [];
  dialogueId = '';
  documentId = '';

  constructor(readonly t: TestServer) {}

  /** The demo dialogue (Chatham House Rule) and its document, the one with the demo rolling text. */
  async useDemo(): Promise<this> {
    const chair = await this.as('chair');
    this.dialogueId = (await chair.get('/api/dialogues')).body.dialogues[0].id;
    const documents = (await chair.get(`/api/dialogues/${this.dialogueId}/documents`)).body.documents as Array<{ id: string; symbol: string }>;
    this.documentId = documents.find((d) => d.symbol === demoDocument.symbol)!.id;
    return this;
  }

  /** A member's API client: a demo member signs in once; others must have joined through `join`. */
  async as(name: string): Promise<ApiClient> {
    let token = this.tokens.get(name);
    if (!token) {
      if (!(name in demo)) throw new Error(`${name} has not joined`);
      token = (await this.t.login(demo[name as DemoName].email)).token!;
      this.tokens.set(name, token);
    }
    return new ListeningClient(this.t.url, token, (method, path, res) => this.heard.push({ name, method, path, status: res.status, body: res.body }));
  }

  async userId(name: string): Promise<string> {
    let id = this.userIds.get(name);
    if (!id) {
      id = (await (await this.as(name)).get('/api/me')).body.user.id as string;
      this.userIds.set(name, id);
    }
    return id;
  }

  /** A new account, invited by the chair into the fixture's dialogue, known from now on as `name`. */
  async join(name: string, member: NewMember, dialogueId = this.dialogueId): Promise<void> {
    const invite = await (await this.as('chair')).post(`/api/dialogues/${dialogueId}/invitations`, member);
    if (invite.status !== 201) throw new Error(`inviting ${name}: ${invite.status} ${JSON.stringify(invite.body)}`);
    const joined = await joinAsNewAccount(this.t, invite.body.token, {
      email: `${name}@members.example`,
      password: `${name} passphrase`,
      displayName: `Member ${name}`,
    });
    this.tokens.set(name, joined.token);
    this.userIds.set(name, joined.userId);
  }

  /** An existing account (a demo member) joins another dialogue through an invitation, signed in. */
  async invite(name: DemoName, dialogueId: string, member: NewMember): Promise<void> {
    const invite = await (await this.as('chair')).post(`/api/dialogues/${dialogueId}/invitations`, member);
    if (invite.status !== 201) throw new Error(`inviting ${name}: ${invite.status} ${JSON.stringify(invite.body)}`);
    const accepted = await (await this.as(name)).post(`/api/invitations/${invite.body.token}/accept`);
    if (accepted.status !== 200) throw new Error(`${name} accepting: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  }

  /** The comments collection of a document (the fixture's unless named), or one thread in it. */
  path(threadId?: string, documentId = this.documentId, dialogueId = this.dialogueId): string {
    const base = `/api/dialogues/${dialogueId}/documents/${documentId}/comments`;
    return threadId ? `${base}/${threadId}` : base;
  }

  /** The document's paragraphs and sub-paragraphs as the server reads them now. */
  async paragraphs(documentId = this.documentId, dialogueId = this.dialogueId): Promise<TextParagraph[]> {
    const res = await (await this.as('chair')).get(`/api/dialogues/${dialogueId}/documents/${documentId}/text`);
    if (res.status !== 200) throw new Error(`reading the text: ${res.status} ${JSON.stringify(res.body)}`);
    return paragraphsOf(res.body.content);
  }

  /** Creates a thread or throws: for setting the scene, not for testing creation. */
  async createThread(
    name: string,
    input: { paragraphId: string; quote?: string; audience: CommentAudience; body: string; anchor?: { start: string; end: string } },
    documentId = this.documentId,
    dialogueId = this.dialogueId,
  ): Promise<Thread> {
    const res = await (await this.as(name)).post(this.path(undefined, documentId, dialogueId), input);
    if (res.status !== 201) throw new Error(`${name} creating a thread: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.thread as Thread;
  }

  async reply(name: string, threadId: string, body: string): Promise<Thread> {
    const res = await (await this.as(name)).post(`${this.path(threadId)}/replies`, { body });
    if (res.status !== 201) throw new Error(`${name} replying: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.thread as Thread;
  }

  /** A socket of `name`'s (or of a given token's) with the document open, recording every event. */
  async watch(name: string, documentId = this.documentId, token?: string): Promise<EventSocket> {
    if (!token) {
      await this.as(name);
      token = this.tokens.get(name)!;
    }
    const socket = await EventSocket.connect(this.t.url, token, { timeoutMs: 5000 });
    this.sockets.push(socket);
    await socket.openOrThrow(documentId);
    return socket;
  }

  /** Every stored comment row and audit record: "nothing was stored" made checkable. */
  async stored(): Promise<string> {
    const dump = async (table: typeof commentThreads | typeof comments | typeof commentRevisions | typeof auditEvents) =>
      (await this.t.db.select().from(table)).map((row) => JSON.stringify(row, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)));
    return JSON.stringify({
      threads: (await dump(commentThreads)).toSorted(),
      comments: (await dump(comments)).toSorted(),
      revisions: (await dump(commentRevisions)).toSorted(),
      audit: (await dump(auditEvents)).toSorted(),
    });
  }

  close(): void {
    for (const socket of this.sockets) socket.close();
  }
}

/** A raw socket.io connection that keeps the server's non-Yjs events (socket.io event `event`) apart. */
export class EventSocket extends RawConnection {
  /** The events received so far, in order of arrival. */
  events(): ClientEvent[] {
    return this.received.filter((e) => e.name === 'event').map((e) => e.args[0] as ClientEvent);
  }

  /** The events about one thread: anything whose payload names it. */
  about(threadId: string): ClientEvent[] {
    return this.events().filter((e) => JSON.stringify(e).includes(threadId));
  }

  /** Waits for the first `event` whose name (and thread, if given) match, counting from `from`. */
  nextEvent(name: ClientEvent['name'], threadId?: string, from = 0): Promise<Received> {
    const matches = (e: ClientEvent) => e.name === name && (!threadId || ('thread' in e.data && e.data.thread.id === threadId));
    return this.next('event', (args) => matches(args[0] as ClientEvent), from);
  }

  /**
   * The events that arrived before the one creating `controlThreadId`. Events reach one socket in the
   * order the server sends them, so once the control event is here, anything sent before it is too.
   */
  async before(controlThreadId: string): Promise<ClientEvent[]> {
    const control = await this.nextEvent('comments.thread_created', controlThreadId);
    return this.received
      .slice(0, this.received.indexOf(control))
      .filter((e) => e.name === 'event')
      .map((e) => e.args[0] as ClientEvent);
  }
}

/** A response as a denial is compared: status and body, nothing else. */
export const answer = (res: ApiResponse) => ({ status: res.status, body: res.body as unknown });
