/**
 * Accord's client side, through the SDK exactly as an application uses it: one AccordClient per
 * simulated editor, signed in as one of the demo dialogue's editors, documents created over the API
 * (the server writes each one's first state, the five-box template; clients type in a paragraph).
 */
import { AccordApi, AccordClient } from '@accord/client';
import type { BenchConnection, BenchDocument, Driver } from './driver.js';
import { firstParagraphText } from './rolling-text.js';

/** The demo seed's members who may edit (chair, secretariat, two government delegates). */
const EDITORS = ['chair@accord.example', 'secretariat@accord.example', 'arandia@accord.example', 'veloria@accord.example'];
const DEMO_PASSWORD = 'accord-demo';

export class AccordDriver implements Driver {
  readonly acknowledgement = 'durable' as const;

  private constructor(
    private url: string,
    /** One session per account, shared by its connections: a sign-in costs an argon2id hash. */
    private readonly tokens: readonly string[],
    private readonly dialogueId: string,
  ) {}

  static async create(url: string): Promise<AccordDriver> {
    const tokens: string[] = [];
    for (const email of EDITORS) {
      const api = new AccordApi({ baseUrl: url });
      await api.signIn(email, DEMO_PASSWORD);
      tokens.push(api.token!);
    }
    const dialogue = (await new AccordApi({ baseUrl: url, token: tokens[0]! }).dialogues.list()).find((d) => d.myRole === 'chair');
    if (!dialogue) throw new Error('the demo dialogue is missing: was the server started with SEED_DEMO=true on an empty database?');
    return new AccordDriver(url, tokens, dialogue.id);
  }

  setUrl(url: string): void {
    this.url = url;
  }

  /** The chair's API, at the current url (the server may have been restarted on another port). */
  private get chair(): AccordApi {
    return new AccordApi({ baseUrl: this.url, token: this.tokens[0]! });
  }

  async createDocuments(count: number, label: string): Promise<string[]> {
    const ids: string[] = [];
    const run = Date.now().toString(36);
    for (let i = 0; i < count; i++) {
      const body = { title: `Bench ${label} ${i}`, symbol: `BENCH/${label}/${run}/${i}` };
      ids.push((await this.chair.documents.create(this.dialogueId, body)).id);
    }
    return ids;
  }

  async connect(seat: number): Promise<BenchConnection> {
    const token = this.tokens[seat % this.tokens.length]!;
    // WebSocket only, as Hocuspocus's provider: no long-polling upgrade dance in the figures.
    const client = await AccordClient.connect({ url: this.url, token, transports: ['websocket'] });
    return {
      open: async (documentId): Promise<BenchDocument> => {
        const handle = client.open(documentId);
        await handle.synced;
        return {
          doc: handle.doc,
          typingText: () => firstParagraphText(handle.doc),
          whenAcknowledged: () => handle.whenSaved(),
          whenSaved: () => handle.whenSaved(),
          close: () => handle.close(),
        };
      },
      close: () => client.close(),
    };
  }
}
