/**
 * The SDK's HTTP half: the Accord API, typed and checked by @accord/contract's zod schemas.
 *
 *   const api = new AccordApi({ baseUrl: 'http://localhost:3000' });
 *   await api.signIn('chair@accord.example', 'accord-demo');      // the token is kept by `api`
 *   const [dialogue] = await api.dialogues.list();
 *   const client = await AccordClient.connect({ url, token: api.token });
 *
 * In a browser, omit `token`: the session is the HttpOnly cookie sign-in sets, and the bearer token
 * in the sign-in answer is never kept, so a script injected into the page cannot read it from here.
 * Failures throw AccordApiError with the server's code; answers are parsed, so drift between this
 * SDK and a server throws UNEXPECTED_RESPONSE at the call instead of surfacing later as undefined.
 */
import {
  dialogueListSchema,
  dialogueSchema,
  documentListSchema,
  documentSchema,
  documentTextSchema,
  importResultSchema,
  meSchema,
  sessionCheckSchema,
  signedInSchema,
  type CreateDialogueInput,
  type CreateDocumentInput,
  type Dialogue,
  type DocumentSummary,
  type DocumentText,
  type ImportResult,
  type LoginInput,
  type Me,
  type SignedIn,
} from '@accord/contract';
import { apiPath, ApiTransport, type RequestOptions } from './api-transport.js';
import { AmendmentsApi } from './amendments-api.js';
import { HistoryApi } from './history-api.js';
import { CommentsApi } from './comments-api.js';
import { importForm, type ImportDocumentInput } from './document-import.js';
import { ExportsApi } from './exports-api.js';
import { SessionModeApi } from './session-mode-api.js';

export interface AccordApiOptions {
  /** The server's origin, e.g. http://localhost:3000. In a browser, omit it for the page's own origin. */
  baseUrl?: string;
  /** A session token (from sign-in). Without one, `signIn` gets one, or, in a browser, the cookie is used. */
  token?: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /**
   * Where the session lives: `token` (sent as a bearer token; Node, scripts, tests) or `cookie`
   * (browsers). Defaults to `cookie` in a browser when no token is given, else `token`.
   */
  session?: 'token' | 'cookie';
  /** Called whenever the server answers 401 UNAUTHENTICATED: the session ended (expired, revoked, signed out). */
  onUnauthenticated?: () => void;
}

/** Who signed in and until when. The token itself stays inside the AccordApi (see `token`). */
export type Session = Omit<SignedIn, 'token'>;

const browser = globalThis as { document?: unknown; location?: { origin?: string } };

export class AccordApi {
  readonly dialogues: DialoguesApi;
  readonly documents: DocumentsApi;
  readonly comments: CommentsApi;
  readonly amendments: AmendmentsApi;
  readonly history: HistoryApi;
  readonly exports: ExportsApi;
  readonly sessionMode: SessionModeApi;
  readonly session: 'token' | 'cookie';
  private currentToken: string | undefined;
  private readonly http: ApiTransport;

  constructor(options: AccordApiOptions = {}) {
    const inBrowser = browser.document !== undefined;
    if (options.baseUrl === undefined && !inBrowser) throw new Error('AccordApi needs a baseUrl outside a browser');
    const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.session = options.session ?? (inBrowser && options.token === undefined ? 'cookie' : 'token');
    this.currentToken = options.token;
    const sameOrigin = baseUrl === '' || baseUrl === browser.location?.origin;
    this.http = new ApiTransport({
      baseUrl,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      credentials: this.session === 'token' ? 'omit' : sameOrigin ? 'same-origin' : 'include',
      token: () => (this.session === 'token' ? this.currentToken : undefined),
      onUnauthenticated: options.onUnauthenticated,
    });
    this.dialogues = new DialoguesApi(this.http);
    this.documents = new DocumentsApi(this.http);
    this.comments = new CommentsApi(this.http);
    this.amendments = new AmendmentsApi(this.http);
    this.history = new HistoryApi(this.http);
    this.exports = new ExportsApi(this.http);
    this.sessionMode = new SessionModeApi(this.http);
  }

  /** The bearer token this api sends (for AccordClient.connect); undefined in cookie mode. */
  get token(): string | undefined {
    return this.session === 'token' ? this.currentToken : undefined;
  }

  /**
   * Signs in; from then on every call is this user's. A wrong address or password is 401
   * INVALID_CREDENTIALS (which of the two is never said); too many attempts, 429 RATE_LIMITED.
   */
  async signIn(email: string, password: string, options?: RequestOptions): Promise<Session> {
    const credentials: LoginInput = { email, password };
    const { token, ...session } = await this.http.json('POST', apiPath('auth', 'login'), signedInSchema, credentials, options);
    if (this.session === 'token') this.currentToken = token;
    return session;
  }

  /** Ends the session on the server; this api then has none. */
  async signOut(options?: RequestOptions): Promise<void> {
    try {
      await this.http.empty('POST', apiPath('auth', 'logout'), undefined, options);
    } finally {
      this.currentToken = undefined;
    }
  }

  /** The signed-in user and their memberships (role and affiliation per dialogue). */
  me(options?: RequestOptions): Promise<Me> {
    return this.http.json('GET', apiPath('me'), meSchema, undefined, options);
  }

  /**
   * Who is signed in, or null: answered 200 either way, so a signed-out page checks without an error
   * (no 401 in the browser's console, and `onUnauthenticated` is not called).
   */
  async checkSession(options?: RequestOptions): Promise<Me | null> {
    return (await this.http.json('GET', apiPath('auth', 'session'), sessionCheckSchema, undefined, options)).me;
  }
}

export class DialoguesApi {
  constructor(private readonly http: ApiTransport) {}

  /** The dialogues the caller is a member of, with their role in each. */
  async list(options?: RequestOptions): Promise<Dialogue[]> {
    return (await this.http.json('GET', apiPath('dialogues'), dialogueListSchema, undefined, options)).dialogues;
  }

  get(dialogueId: string, options?: RequestOptions): Promise<Dialogue> {
    return this.http.json('GET', apiPath('dialogues', dialogueId), dialogueSchema, undefined, options);
  }

  /** Anyone signed in may create one and becomes its chair. */
  create(input: CreateDialogueInput, options?: RequestOptions): Promise<Dialogue> {
    return this.http.json('POST', apiPath('dialogues'), dialogueSchema, input, options);
  }
}

export class DocumentsApi {
  constructor(private readonly http: ApiTransport) {}

  async list(dialogueId: string, options?: RequestOptions): Promise<DocumentSummary[]> {
    return (await this.http.json('GET', apiPath('dialogues', dialogueId, 'documents'), documentListSchema, undefined, options)).documents;
  }

  get(dialogueId: string, documentId: string, options?: RequestOptions): Promise<DocumentSummary> {
    return this.http.json('GET', apiPath('dialogues', dialogueId, 'documents', documentId), documentSchema, undefined, options);
  }

  /** Chair and secretariat; the server writes the document's first state (the five empty boxes). */
  create(dialogueId: string, input: CreateDocumentInput, options?: RequestOptions): Promise<DocumentSummary> {
    return this.http.json('POST', apiPath('dialogues', dialogueId, 'documents'), documentSchema, input, options);
  }

  /**
   * Chair and secretariat: a new document from a DOCX, Markdown or plain-text file. With `dryRun`,
   * only the report of what was recognized (and what was not); without it, the document is created
   * and its first update is the imported text. A file that cannot be read is 422 FILE_UNREADABLE,
   * FILE_ENCRYPTED, FILE_HAS_MACROS or FILE_TOO_COMPLEX; one too large, 413 PAYLOAD_TOO_LARGE; a DOCX
   * with tracked changes or comments and no choice made, 400 VALIDATION_FAILED naming the field.
   */
  import(input: ImportDocumentInput, options?: RequestOptions): Promise<ImportResult> {
    return this.http.form('POST', apiPath('dialogues', input.dialogueId, 'documents', 'import'), importResultSchema, importForm(input), options);
  }

  /** The text as the server holds it now: plain text and the ProseMirror JSON (null before any content). */
  text(dialogueId: string, documentId: string, options?: RequestOptions): Promise<DocumentText> {
    return this.http.json('GET', apiPath('dialogues', dialogueId, 'documents', documentId, 'text'), documentTextSchema, undefined, options);
  }
}
