import { exportCapabilitiesSchema, exportQuery, type ExportCapabilities, type ExportFormat } from '@accord/contract';
import { apiPath, type ApiTransport, type RequestOptions, withQuery } from './api-transport.js';
import type { PositionRef } from './history-api.js';

/** One export: a document's text (now or at a revision), a redline of two points, or the compilation. */
export interface ExportTarget {
  dialogueId: string;
  documentId: string;
  format: ExportFormat;
  /** The text to export, or the newer side of a redline. The server's default is "current". */
  revision?: PositionRef;
  /** A redline: the older side (docx, pdf or html only). */
  compare?: PositionRef;
  /** The compilation of amendments under each paragraph (of the current text). */
  compilation?: boolean;
}

/** An exported file as a script receives it. */
export interface ExportedFile {
  bytes: Uint8Array;
  /** From Content-Disposition: built from the symbol, e.g. CCW-GGE.1-2026-WP.1-Rev.1.docx. */
  fileName: string | null;
  contentType: string | null;
}

/**
 * Documents out: DOCX (a UN working paper, with real tracked changes for a redline), PDF, Akoma
 * Ntoso XML, HTML, plain text and Markdown. docs/documents-in-and-out.md describes what each keeps.
 */
export class ExportsApi {
  constructor(private readonly http: ApiTransport) {}

  /**
   * The export's address, for a link in a page: the browser sends the session cookie with it and
   * saves the file under the server's name. Throws a TypeError for a combination the server refuses
   * (a redline as plain text, a compilation of a past revision), so the mistake shows where it is made.
   */
  url(target: ExportTarget): string {
    return this.http.url(exportPath(target));
  }

  /** The export's bytes, for scripts and tests (a bearer token cannot ride on a link). */
  async download(target: ExportTarget, options?: RequestOptions): Promise<ExportedFile> {
    const { bytes, response } = await this.http.file('GET', exportPath(target), options);
    return { bytes, fileName: fileNameFromDisposition(response.headers.get('content-disposition')), contentType: response.headers.get('content-type') };
  }

  /** What this server can export: each format, and why one is unavailable (PDF needs Chromium). */
  formats(options?: RequestOptions): Promise<ExportCapabilities> {
    return this.http.json('GET', apiPath('export-formats'), exportCapabilitiesSchema, undefined, options);
  }
}

function exportPath({ dialogueId, documentId, format, revision, compare, compilation }: ExportTarget): string {
  const query = { format, revision, compare, compilation: compilation ? 'true' : undefined };
  const checked = exportQuery.safeParse(Object.fromEntries(Object.entries(query).filter((entry) => entry[1] !== undefined)));
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new TypeError(`Not an export the server makes: ${issue ? `${issue.path.join('.') || 'query'}: ${issue.message}` : 'invalid query'}`);
  }
  return withQuery(apiPath('dialogues', dialogueId, 'documents', documentId, 'export'), query);
}

/** `attachment; filename="a.docx"; filename*=UTF-8''a.docx`: the UTF-8 form when there is one (RFC 6266). */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed escape: fall back to the plain form.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
  return name || null;
}
