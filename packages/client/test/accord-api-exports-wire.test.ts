/**
 * Exports and import as the SDK puts them on the wire: the export link's address, and the import's
 * multipart body read back by the platform's own multipart parser (undici's Request.formData), the
 * one a server in Node reads it with. The same calls against a real server are in
 * accord-api-exports.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { AccordApi, AccordApiError, fileNameFromDisposition } from '../src/index.js';

interface Sent {
  url: string;
  init: RequestInit;
}

/** An AccordApi whose fetch records each request and answers with `reply`. */
function recording(reply: () => Response, options: { baseUrl?: string; token?: string } = {}) {
  const sent: Sent[] = [];
  const api = new AccordApi({
    baseUrl: options.baseUrl ?? 'https://accord.example',
    ...(options.token ? { token: options.token } : {}),
    fetch: async (input, init) => {
      sent.push({ url: String(input), init: init ?? {} });
      return reply();
    },
  });
  return { api, sent };
}

const dryRunReport = {
  document: null,
  report: {
    source: 'plain',
    fileName: 'text.txt',
    suggested: { title: 'Rolling text', symbol: 'CCW/GGE.1/2026/WP.1', statusDate: null },
    recognized: Object.fromEntries(
      ['boxes', 'paragraphs', 'subparagraphs', 'alternatives', 'brackets', 'sponsors', 'footnotes', 'statuses'].map((kind) => [kind, { count: 0, examples: [] }]),
    ),
    unrecognized: [],
    trackedChanges: { insertions: 0, deletions: 0, moves: 0, examples: [], applied: null },
    comments: { count: 0, examples: [] },
    warnings: [],
    needs: [],
    preview: '',
  },
};

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const DIALOGUE = '11111111-1111-4111-8111-111111111111';
const DOCUMENT = '22222222-2222-4222-8222-222222222222';
const REVISION = '33333333-3333-4333-8333-333333333333';

describe('export links', () => {
  const { api } = recording(() => json({}));

  it('build the route under the server given, with the current text by default', () => {
    expect(api.exports.url({ dialogueId: DIALOGUE, documentId: DOCUMENT, format: 'docx' })).toBe(
      `https://accord.example/api/dialogues/${DIALOGUE}/documents/${DOCUMENT}/export?format=docx`,
    );
  });

  it('carry a revision, a redline against an older point, or the compilation', () => {
    const revision = new URL(api.exports.url({ dialogueId: DIALOGUE, documentId: DOCUMENT, format: 'pdf', revision: REVISION }));
    expect(Object.fromEntries(revision.searchParams)).toEqual({ format: 'pdf', revision: REVISION });
    const redline = new URL(api.exports.url({ dialogueId: DIALOGUE, documentId: DOCUMENT, format: 'docx', revision: 'current', compare: 'seq:42' }));
    expect(Object.fromEntries(redline.searchParams)).toEqual({ format: 'docx', revision: 'current', compare: 'seq:42' });
    const compilation = new URL(api.exports.url({ dialogueId: DIALOGUE, documentId: DOCUMENT, format: 'html', compilation: true }));
    expect(Object.fromEntries(compilation.searchParams)).toEqual({ format: 'html', compilation: 'true' });
  });

  it('are relative to the page in a browser (no base): the session cookie goes with them', () => {
    const { api: inPage } = recording(() => json({}), { baseUrl: '' });
    expect(inPage.exports.url({ dialogueId: DIALOGUE, documentId: DOCUMENT, format: 'markdown' })).toBe(`/api/dialogues/${DIALOGUE}/documents/${DOCUMENT}/export?format=markdown`);
  });

  it('encode ids, so an id from outside never changes the path', () => {
    const url = api.exports.url({ dialogueId: '../admin', documentId: 'a?b', format: 'plain' });
    expect(new URL(url).pathname).toBe('/api/dialogues/..%2Fadmin/documents/a%3Fb/export');
  });

  it('refuse what the server refuses: a redline as plain text, a compilation of a past revision or as a redline, a malformed point', () => {
    const base = { dialogueId: DIALOGUE, documentId: DOCUMENT };
    expect(() => api.exports.url({ ...base, format: 'plain', compare: REVISION })).toThrow(/redline is exported as docx, pdf or html/);
    expect(() => api.exports.url({ ...base, format: 'akn', compare: 'seq:3' })).toThrow(TypeError);
    expect(() => api.exports.url({ ...base, format: 'docx', compilation: true, revision: REVISION })).toThrow(/compilation is of the current text/);
    expect(() => api.exports.url({ ...base, format: 'docx', compilation: true, compare: 'seq:1' })).toThrow(/cannot also be a redline/);
    expect(() => api.exports.url({ ...base, format: 'docx', revision: 'Rev.1' })).toThrow(/revision/);
  });
});

describe('the import request', () => {
  it('is multipart: the file under its name with its bytes, and each choice as a field; no JSON content type', async () => {
    const { api, sent } = recording(() => json(dryRunReport), { token: 'secret-token' });
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x10]);
    const result = await api.documents.import({
      dialogueId: DIALOGUE,
      file: new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }),
      fileName: 'WP.1 Rev.1 (draft).docx',
      title: 'Rolling text',
      symbol: 'CCW/GGE.1/2026/WP.1',
      dryRun: true,
      trackedChanges: 'reject',
      comments: 'drop',
    });
    expect(result.report.suggested.symbol).toBe('CCW/GGE.1/2026/WP.1');

    const [request] = sent;
    expect(request!.url).toBe(`https://accord.example/api/dialogues/${DIALOGUE}/documents/import`);
    expect(request!.init.method).toBe('POST');
    const headers = request!.init.headers as Record<string, string>;
    expect(headers['content-type']).toBeUndefined();
    expect(headers.authorization).toBe('Bearer secret-token');

    // Read back as a server would: the boundary fetch wrote, the fields, the file's name and bytes.
    const received = new Request(request!.url, { method: 'POST', body: request!.init.body as FormData });
    expect(received.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    const form = await received.formData();
    expect([...form.keys()]).toEqual(['title', 'symbol', 'dryRun', 'trackedChanges', 'comments', 'file']);
    expect(form.get('title')).toBe('Rolling text');
    expect(form.get('symbol')).toBe('CCW/GGE.1/2026/WP.1');
    expect(form.get('dryRun')).toBe('true');
    expect(form.get('trackedChanges')).toBe('reject');
    expect(form.get('comments')).toBe('drop');
    const file = form.get('file');
    expect(file).toBeInstanceOf(File);
    expect((file as File).name).toBe('WP.1 Rev.1 (draft).docx');
    expect(new Uint8Array(await (file as File).arrayBuffer())).toEqual(bytes);
  });

  it('leaves out the choices not made', async () => {
    const { api, sent } = recording(() => json(dryRunReport));
    await api.documents.import({ dialogueId: DIALOGUE, file: new Blob(['Box I\n1. Text.']), fileName: 'text.txt', dryRun: false });
    const form = await new Request(sent[0]!.url, { method: 'POST', body: sent[0]!.init.body as FormData }).formData();
    expect([...form.keys()]).toEqual(['dryRun', 'file']);
    expect(form.get('dryRun')).toBe('false');
  });

  it("fails with the server's code and the field it names", async () => {
    const refusal = { error: { code: 'VALIDATION_FAILED', message: 'choose', fields: [{ field: 'trackedChanges', message: 'The file has 3 tracked changes: accept or reject them' }] } };
    const { api } = recording(() => json(refusal, 400));
    const error = await api.documents.import({ dialogueId: DIALOGUE, file: new Blob(['x']), fileName: 'a.docx' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccordApiError);
    expect((error as AccordApiError).fieldMessage('trackedChanges')).toMatch(/3 tracked changes/);

    const { api: refused } = recording(() => json({ error: { code: 'FILE_HAS_MACROS', message: 'macros' } }, 422));
    const macros = await refused.documents.import({ dialogueId: DIALOGUE, file: new Blob(['x']), fileName: 'a.docm' }).catch((e: unknown) => e);
    expect([(macros as AccordApiError).status, (macros as AccordApiError).code]).toEqual([422, 'FILE_HAS_MACROS']);
  });
});

describe('downloads for scripts', () => {
  it('return the bytes as sent and the file name from Content-Disposition', async () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xfe, 0xff]);
    const { api, sent } = recording(
      () =>
        new Response(bytes, {
          headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="CCW-GGE.1-2026-WP.1-Rev.1.pdf"' },
        }),
      { token: 'secret-token' },
    );
    const file = await api.exports.download({ dialogueId: DIALOGUE, documentId: DOCUMENT, format: 'pdf', revision: REVISION });
    expect(file.bytes).toEqual(bytes);
    expect(file.fileName).toBe('CCW-GGE.1-2026-WP.1-Rev.1.pdf');
    expect(file.contentType).toBe('application/pdf');
    expect((sent[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer secret-token');
  });

  it('fail with the error body read as JSON (503 EXPORT_UNAVAILABLE)', async () => {
    const { api } = recording(() => json({ error: { code: 'EXPORT_UNAVAILABLE', message: 'PDF needs Chromium on the server (CHROMIUM_PATH)' } }, 503));
    const error = (await api.exports.download({ dialogueId: DIALOGUE, documentId: DOCUMENT, format: 'pdf' }).catch((e: unknown) => e)) as AccordApiError;
    expect([error.status, error.code, error.message]).toEqual([503, 'EXPORT_UNAVAILABLE', 'PDF needs Chromium on the server (CHROMIUM_PATH)']);
  });

  it('read the file name in either form of Content-Disposition, preferring the UTF-8 one', () => {
    expect(fileNameFromDisposition('attachment; filename="a b.docx"')).toBe('a b.docx');
    expect(fileNameFromDisposition('attachment; filename=plain.txt')).toBe('plain.txt');
    expect(fileNameFromDisposition(`attachment; filename="Rev.1.docx"; filename*=UTF-8''R%C3%A9v.1.docx`)).toBe('Rév.1.docx');
    expect(fileNameFromDisposition('attachment; filename="say \\"hi\\".txt"')).toBe('say "hi".txt');
    expect(fileNameFromDisposition('attachment')).toBeNull();
    expect(fileNameFromDisposition(null)).toBeNull();
  });
});
