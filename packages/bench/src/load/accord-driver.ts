/**
 * Accord's client side, through the SDK exactly as an application uses it: one AccordClient per
 * simulated editor, signed in as one of the demo dialogue's editors, documents created over the API
 * (the server writes each one's first state, the five-box template; clients type in a paragraph).
 */
import { AccordApi, AccordClient } from '@accord/client';
import type { RollingTextJSON } from '@accord/text';
import type { BenchConnection, BenchDocument, Driver } from './driver.js';
import { firstParagraphText } from './rolling-text.js';
import { paragraphTextOf, writeRollingText } from './write-rolling-text.js';

/** The demo seed's members who may edit (chair, secretariat, two government delegates). */
const EDITORS = ['chair@accord.example', 'secretariat@accord.example', 'arandia@accord.example', 'veloria@accord.example'];
/** The demo's two government delegates: writers whose every update the rules of the room classify. */
export const DELEGATES = ['arandia@accord.example', 'veloria@accord.example'];
const CHAIR = 'chair@accord.example';
const DEMO_PASSWORD = 'accord-demo';

export interface AccordDriverOptions {
  /** Who the connections sign in as, in turn (default: the four editors). The chair creates the documents. */
  editors?: readonly string[];
  /**
   * A rolling text the chair writes into each new document before anyone opens it (default: the
   * server's five-box template as it is), and the paragraph whose text line the clients type into
   * (default: the first paragraph's).
   */
  content?: { text: RollingTextJSON; paragraphId: string };
}

export class AccordDriver implements Driver {
  readonly acknowledgement = 'durable' as const;

  private constructor(
    private url: string,
    /** One session per account, shared by its connections: a sign-in costs an argon2id hash. */
    private readonly tokens: readonly string[],
    private readonly chairToken: string,
    private readonly dialogueId: string,
    private readonly content: AccordDriverOptions['content'],
  ) {}

  static async create(url: string, options: AccordDriverOptions = {}): Promise<AccordDriver> {
    const signIn = async (email: string) => {
      const api = new AccordApi({ baseUrl: url });
      await api.signIn(email, DEMO_PASSWORD);
      return api.token!;
    };
    const editors = options.editors ?? EDITORS;
    const tokens: string[] = [];
    for (const email of editors) tokens.push(await signIn(email));
    const chairToken = editors[0] === CHAIR ? tokens[0]! : await signIn(CHAIR);
    const dialogue = (await new AccordApi({ baseUrl: url, token: chairToken }).dialogues.list()).find((d) => d.myRole === 'chair');
    if (!dialogue) throw new Error('the demo dialogue is missing: was the server started with SEED_DEMO=true on an empty database?');
    return new AccordDriver(url, tokens, chairToken, dialogue.id, options.content);
  }

  setUrl(url: string): void {
    this.url = url;
  }

  /** The chair's API, at the current url (the server may have been restarted on another port). */
  private get chair(): AccordApi {
    return new AccordApi({ baseUrl: this.url, token: this.chairToken });
  }

  async createDocuments(count: number, label: string): Promise<string[]> {
    const ids: string[] = [];
    const run = Date.now().toString(36);
    for (let i = 0; i < count; i++) {
      const body = { title: `Bench ${label} ${i}`, symbol: `BENCH/${label}/${run}/${i}` };
      const { id } = await this.chair.documents.create(this.dialogueId, body);
      if (this.content) await this.write(id, this.content.text);
      ids.push(id);
    }
    return ids;
  }

  /** The chair writes the text over the collaboration socket; resolves once it is stored. */
  private async write(documentId: string, text: RollingTextJSON): Promise<void> {
    const client = await AccordClient.connect({ url: this.url, token: this.chairToken, transports: ['websocket'] });
    try {
      const handle = client.open(documentId);
      await handle.synced;
      writeRollingText(handle.doc, text);
      await handle.whenSaved();
      handle.close();
    } finally {
      client.close();
    }
  }

  /**
   * `url`: another server than the driver's (X1 places clients on chosen nodes, or behind its proxy);
   * `routeKey`: the document the connection is for, which a proxy hashing on it routes by.
   */
  async connect(seat: number, where: { url?: string; routeKey?: string } = {}): Promise<BenchConnection> {
    const token = this.tokens[seat % this.tokens.length]!;
    // WebSocket only, as Hocuspocus's provider: no long-polling upgrade dance in the figures.
    const client = await AccordClient.connect({
      url: where.url ?? this.url,
      token,
      transports: ['websocket'],
      ...(where.routeKey ? { routeKey: where.routeKey } : {}),
    });
    return {
      open: async (documentId): Promise<BenchDocument> => {
        const handle = client.open(documentId);
        await handle.synced;
        return {
          doc: handle.doc,
          awareness: handle.awareness,
          typingText: () => (this.content ? paragraphTextOf(handle.doc, this.content.paragraphId) : firstParagraphText(handle.doc)),
          whenAcknowledged: () => handle.whenSaved(),
          whenSaved: () => handle.whenSaved(),
          onStatus: (listener) => handle.onStatus(listener),
          close: () => handle.close(),
        };
      },
      close: () => client.close(),
    };
  }
}
