/**
 * One HTTP exchange with the Accord API: credentials on the way out; on the way back, the answer
 * parsed with the contract's zod schema (a drifted answer fails here, named, instead of deep inside
 * an application), or the error body turned into an AccordApiError.
 */
import type { z } from 'zod';
import { AccordApiError, errorFromResponse } from './accord-api-error.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** Aborting rejects with the fetch's own AbortError, not an AccordApiError. */
  signal?: AbortSignal;
}

export interface TransportConfig {
  baseUrl: string;
  fetch: typeof fetch;
  /** `include` when the session is a cookie on another origin; `omit` with a bearer token. */
  credentials: 'omit' | 'same-origin' | 'include';
  token: () => string | undefined;
  onUnauthenticated: (() => void) | undefined;
}

/** `/api/` followed by each segment, encoded: ids from outside never change the path's shape. */
export function apiPath(...segments: string[]): string {
  return `/api/${segments.map(encodeURIComponent).join('/')}`;
}

/** `path?key=value&…`, leaving out what is undefined. */
export function withQuery(path: string, query: Record<string, unknown>): string {
  const search = new URLSearchParams(
    Object.entries(query)
      .filter((entry) => entry[1] !== undefined)
      .map(([key, value]): [string, string] => [key, String(value)]),
  ).toString();
  return search ? `${path}?${search}` : path;
}

export class ApiTransport {
  constructor(private readonly config: TransportConfig) {}

  /** A request answered with JSON, parsed with `schema`. */
  async json<T>(method: Method, path: string, schema: z.ZodType<T>, body?: unknown, options?: RequestOptions): Promise<T> {
    const { response, payload } = await this.exchange(method, path, body, options);
    const parsed = schema.safeParse(payload);
    if (parsed.success) return parsed.data;
    const where = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
      .join('; ');
    throw new AccordApiError(
      { status: response.status, code: 'UNEXPECTED_RESPONSE', message: `${method} ${path} answered something the contract does not describe: ${where}` },
      { cause: parsed.error },
    );
  }

  /**
   * A multipart request (a file upload) answered with JSON, parsed with `schema`. The browser or
   * Node's fetch writes the boundary; credentials and the session go exactly as for a JSON POST.
   */
  form<T>(method: Method, path: string, schema: z.ZodType<T>, body: FormData, options?: RequestOptions): Promise<T> {
    return this.json(method, path, schema, body, options);
  }

  /**
   * The full address of a path, for what the browser fetches itself (a download link): same-origin
   * pages carry the session cookie with it. A bearer token cannot ride on a link, so scripts fetch it.
   */
  url(path: string): string {
    return this.config.baseUrl + path;
  }

  /** A request answered with text (text/plain): the body as is. */
  async text(method: Method, path: string, options?: RequestOptions): Promise<string> {
    const { text } = await this.exchange(method, path, undefined, options);
    return text;
  }

  /** A request answered with a file: its bytes and the response (for Content-Type and Content-Disposition). */
  async file(method: Method, path: string, options?: RequestOptions): Promise<{ bytes: Uint8Array; response: Response }> {
    const { response, bytes } = await this.exchange(method, path, undefined, options, 'bytes');
    return { response, bytes };
  }

  /** A request answered with 204 No Content. */
  async empty(method: Method, path: string, body?: unknown, options?: RequestOptions): Promise<void> {
    await this.exchange(method, path, body, options);
  }

  private async exchange(
    method: Method,
    path: string,
    body: unknown,
    options: RequestOptions = {},
    read: 'text' | 'bytes' = 'text',
  ): Promise<{ response: Response; payload: unknown; text: string; bytes: Uint8Array }> {
    const headers: Record<string, string> = { accept: read === 'bytes' ? '*/*' : 'application/json, text/plain;q=0.9' };
    const multipart = body instanceof FormData;
    if (body !== undefined && !multipart) headers['content-type'] = 'application/json';
    const token = this.config.token();
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    let text = '';
    let bytes = new Uint8Array();
    try {
      response = await this.config.fetch(this.config.baseUrl + path, {
        method,
        headers,
        credentials: this.config.credentials,
        ...(body !== undefined ? { body: multipart ? body : JSON.stringify(body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (read === 'bytes') bytes = new Uint8Array(await response.arrayBuffer());
      else text = await response.text();
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new AccordApiError({ status: 0, code: 'NETWORK', message: `${method} ${path}: the server could not be reached` }, { cause: error });
    }
    // A file is returned as it came; only an error's body is read as JSON.
    if (response.ok && read === 'bytes') return { response, payload: undefined, text, bytes };
    if (read === 'bytes') text = new TextDecoder().decode(bytes);
    let payload: unknown;
    try {
      payload = text ? JSON.parse(text) : undefined;
    } catch {
      payload = undefined;
    }
    if (response.ok) return { response, payload, text, bytes };
    const error = errorFromResponse(response, payload);
    if (error.code === 'UNAUTHENTICATED') this.config.onUnauthenticated?.();
    throw error;
  }
}
