import { get } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';

/** A stand-in for apps/web/dist, so these tests do not depend on a web build being present. */
function fakeWebDist(): { dir: string; script: string } {
  const dir = mkdtempSync(join(tmpdir(), 'accord-web-'));
  mkdirSync(join(dir, 'assets'));
  const script = `export const editor = ${JSON.stringify('rolling text '.repeat(2_000))};\n`;
  writeFileSync(join(dir, 'assets', 'editor-Ab12Cd34.js'), script);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Accord</title><script type="module" src="/assets/editor-Ab12Cd34.js"></script>');
  return { dir, script };
}

/** A GET that hands back the bytes as sent: fetch would decompress them. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('the web app as the server serves it', () => {
  const web = fakeWebDist();
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({ env: { WEB_DIST: web.dir }, seedDemo: false });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(web.dir, { recursive: true, force: true });
  });

  it('sends hashed assets gzipped to a browser that accepts it, cached for a year as immutable', async () => {
    const res = await rawGet(`${t.url}/assets/editor-Ab12Cd34.js`, { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body.length).toBeLessThan(web.script.length / 10);
    expect(gunzipSync(res.body).toString()).toBe(web.script);
  });

  it('sends them plain to a client that does not accept gzip', async () => {
    const res = await rawGet(`${t.url}/assets/editor-Ab12Cd34.js`, { 'accept-encoding': 'identity' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe(web.script);
  });

  it('answers a missing asset with 404, not with the app page', async () => {
    const res = await fetch(`${t.url}/assets/gone-Zz99.js`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type') ?? '').not.toMatch(/html/);
  });

  it("answers the app's own routes with index.html, revalidated on every load", async () => {
    const res = await fetch(`${t.url}/dialogues/x/documents/y`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('/assets/editor-Ab12Cd34.js');
  });
});
