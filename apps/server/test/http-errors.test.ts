import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot } from './support/snapshot.js';
import { type ApiClient, demo, startTestServer, type TestServer } from './support/test-server.js';

describe('bad input gets a clear error and changes nothing', () => {
  let t: TestServer;
  let chair: ApiClient;
  let dialogueId: string;

  beforeAll(async () => {
    t = await startTestServer();
    chair = await t.login(demo.chair.email);
    dialogueId = (await chair.get('/api/dialogues')).body.dialogues[0].id;
  });
  afterAll(() => t?.close());

  const cases: Array<[string, () => Promise<{ status: number; body: any }>, number, string, string[]]> = [
    ['login without a password', () => t.client().post('/api/auth/login', { email: demo.chair.email }), 400, 'VALIDATION_FAILED', ['password']],
    ['login with a malformed address', () => t.client().post('/api/auth/login', { email: 'not-an-address', password: 'x' }), 400, 'VALIDATION_FAILED', ['email']],
    ['login with an unknown field', () => t.client().post('/api/auth/login', { email: demo.chair.email, password: 'x', admin: true }), 400, 'VALIDATION_FAILED', ['admin']],
    ['a dialogue without a title', () => chair.post('/api/dialogues', { title: '   ' }), 400, 'VALIDATION_FAILED', ['title']],
    ['a dialogue with an unknown attribution mode', () => chair.post('/api/dialogues', { title: 'T', attributionMode: 'anonymous' }), 400, 'VALIDATION_FAILED', ['attributionMode']],
    ['a document with a bad symbol', () => chair.post(`/api/dialogues/${dialogueId}/documents`, { title: 'T', symbol: '../../etc' }), 400, 'VALIDATION_FAILED', ['symbol']],
    ['an invitation with an unknown role', () => chair.post(`/api/dialogues/${dialogueId}/invitations`, { role: 'president' }), 400, 'VALIDATION_FAILED', ['role']],
    ['an invitation with a bad affiliation kind', () => chair.post(`/api/dialogues/${dialogueId}/invitations`, { role: 'observer', affiliation: { name: 'X', kind: 'corporate' } }), 400, 'VALIDATION_FAILED', ['affiliation.kind']],
    ['a dialogue id that is not a UUID', () => chair.get('/api/dialogues/not-a-uuid'), 400, 'VALIDATION_FAILED', ['dialogueId']],
    ['a document id that is not a UUID', () => chair.get(`/api/dialogues/${dialogueId}/documents/42/text`), 400, 'VALIDATION_FAILED', ['documentId']],
    ['an unknown text format', () => chair.get(`/api/dialogues/${dialogueId}/documents/00000000-0000-4000-8000-000000000000/text?format=pdf`), 400, 'VALIDATION_FAILED', ['format']],
    ['a member id that is not a UUID', () => chair.delete(`/api/dialogues/${dialogueId}/members/42`), 400, 'VALIDATION_FAILED', ['userId']],
    ['an invitation token of the wrong shape', () => t.client().get('/api/invitations/abc'), 400, 'VALIDATION_FAILED', ['token']],
    ['a body that is not JSON', () => chair.post('/api/dialogues', '{"title": "unterminated'), 400, 'INVALID_JSON', []],
    ['a body that is too large', () => chair.post('/api/dialogues', { title: 'x', description: 'y'.repeat(300_000) }), 413, 'PAYLOAD_TOO_LARGE', []],
    ['an unknown API route', () => chair.get('/api/no-such-thing'), 404, 'NOT_FOUND', []],
    ['an unknown dialogue', () => chair.get('/api/dialogues/00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND', []],
    ['a duplicate document symbol', () => chair.post(`/api/dialogues/${dialogueId}/documents`, { title: 'Again', symbol: 'T15/AWS/2026/1' }), 409, 'SYMBOL_TAKEN', ['symbol']],
  ];

  for (const [name, send, status, code, fields] of cases) {
    it(`${name} → ${status} ${code}${fields.length ? ` naming ${fields.join(', ')}` : ''}`, async () => {
      const before = await snapshot(t.db);
      const res = await send();
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toEqual(expect.any(String));
      expect(res.body.error.fields?.map((f: { field: string }) => f.field) ?? []).toEqual(fields);
      expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack trace
      // Failed sign-ins are audited by design; everything else leaves no trace.
      if (!name.startsWith('login')) expect(await snapshot(t.db)).toBe(before);
    });
  }

  it('answers unknown non-API paths with the web app, not a JSON error', async () => {
    const res = await t.client().get('/dialogues/anything', { accept: 'text/html' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/(html|plain)/);
  });

  it('serves the OpenAPI document and its viewer at /api/docs', async () => {
    const doc = await t.client().get('/api/docs/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/dialogues/{dialogueId}/members/{userId}', '/api/dialogues/{dialogueId}/documents/{documentId}/text']),
    );
    const text = doc.body.paths['/api/dialogues/{dialogueId}/documents/{documentId}/text'].get;
    expect(Object.keys(text.responses['200'].content)).toEqual(['application/json', 'text/plain']);
    expect(text.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(['path:dialogueId', 'path:documentId', 'query:format', 'query:at']);
    const ui = await t.client().get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.body).toContain('swagger-ui');
  });
});
