/**
 * Import, from a hostile reviewer's side (issue 13): what a member without the right can make the
 * server do, and files that are small but slow. The role is checked before the upload is read (a
 * delegate's 10 MB never reaches memory), a text of more lines than a DOCX may have is refused like
 * one, and lines built to make the readers scan again and again are read in well under a second.
 */
import type { TestDatabase } from '@accord/db/testing';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AmendmentsFixture, closeDemoServer, type DemoName, openDemoServer } from './support/amendments.js';
import { upload, type UploadFile } from './support/exports.js';
import { snapshot } from './support/snapshot.js';
import { demo, type TestServer } from './support/test-server.js';

let database: TestDatabase;
let t: TestServer;
let f: AmendmentsFixture;
const tokens = new Map<DemoName, string>();

beforeAll(async () => {
  ({ database, t, f } = await openDemoServer({ MAX_DOCUMENTS_PER_HOUR: '1000' }));
  for (const name of Object.keys(demo) as DemoName[]) tokens.set(name, (await t.login(demo[name].email)).token!);
});

afterAll(() => closeDemoServer({ database, t, f }));

/**
 * Starts a 10 MB upload and sends only its first kilobyte: the status line of the answer, or null
 * when the server is still waiting for the rest of the body after `waitMs`.
 */
function startUpload(token: string, dialogueId: string, waitMs: number): Promise<string | null> {
  const { hostname, port } = new URL(t.url);
  const boundary = 'review-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="text.txt"\r\nContent-Type: text/plain\r\n\r\n`;
  const length = head.length + 10 * 1024 * 1024 - 4096;
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, waitMs);
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (!answer.includes('\r\n')) return;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer.split('\r\n')[0]!);
    });
    socket.write(
      `POST /api/dialogues/${dialogueId}/documents/import HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${length}\r\n\r\n${head}${'x'.repeat(1024)}`,
    );
  });
}

describe('the role is checked before the upload is read', () => {
  it('a delegate, an observer and civil society are refused while their upload is still arriving', async () => {
    for (const name of ['arandia', 'observer', 'ngo'] as DemoName[]) {
      expect(await startUpload(tokens.get(name)!, f.dialogueId, 3000), name).toMatch(/^HTTP\/1\.1 403/);
    }
  });

  it('a dialogue that does not exist is a 404, and a malformed id a 400, before the upload is read', async () => {
    expect(await startUpload(tokens.get('chair')!, '00000000-0000-4000-8000-000000000000', 3000)).toMatch(/^HTTP\/1\.1 404/);
    expect(await startUpload(tokens.get('chair')!, 'not-a-uuid', 3000)).toMatch(/^HTTP\/1\.1 400/);
  });

  it("the chair's upload is read (the server waits for the rest of it)", async () => {
    expect(await startUpload(tokens.get('chair')!, f.dialogueId, 1500)).toBeNull();
  });
});

async function timedImport(file: UploadFile, fields: Record<string, string>): Promise<{ status: number; body: any; ms: number }> {
  const start = performance.now();
  const res = await upload(t, tokens.get('chair'), f.dialogueId, file, fields);
  return { status: res.status, body: res.body, ms: performance.now() - start };
}

describe('slow and oversized texts', () => {
  it('a plain text of more lines than a DOCX may have paragraphs is refused as too complex, quickly, and nothing is created', async () => {
    const before = await snapshot(t.db);
    const text = `Box I. Scope\n\n${Array.from({ length: 20_001 }, (_, i) => `${i + 1}. A paragraph.`).join('\n')}\n`;
    for (const name of ['many-lines.txt', 'many-lines.md']) {
      const res = await timedImport({ name, bytes: text }, { title: 'Long', symbol: `LONG/${name}` });
      process.stdout.write(`import ${name} (${text.length} bytes): ${res.status} in ${res.ms.toFixed(0)} ms\n`);
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(422);
      expect(res.body.error.code).toBe('FILE_TOO_COMPLEX');
      expect(res.ms).toBeLessThan(3000);
    }
    expect(await snapshot(t.db)).toBe(before);
  });

  it('one line of 4 MB, or of 100,001 brackets, is refused as too complex in a few seconds at most (a 9 MB line of brackets held the server 112 s)', async () => {
    const before = await snapshot(t.db);
    for (const [name, line] of [
      ['words.txt', 'word '.repeat(800_001)],
      ['brackets.txt', '[a] '.repeat(100_001)],
      ['notes.md', '^[a] '.repeat(100_001)],
    ] as const) {
      const res = await timedImport({ name, bytes: `Box I. Scope\n\n1. ${line}\n` }, { title: 'Long line', symbol: `LINE/${name}` });
      process.stdout.write(`import of one line of ${line.length} characters (${name}): ${res.status} in ${res.ms.toFixed(0)} ms\n`);
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(422);
      expect(res.body.error.code).toBe('FILE_TOO_COMPLEX');
      expect(res.ms).toBeLessThan(3000);
    }
    expect(await snapshot(t.db)).toBe(before);
  });

  it('a line of 100 KB of footnotes that never close ("^[^[^[…") is read in well under a second', async () => {
    const res = await timedImport({ name: 'notes.txt', bytes: `Box I. Scope\n\n1. ${'^['.repeat(50_000)}\n` }, { dryRun: 'true' });
    process.stdout.write(`import of 100 KB of "^[": ${res.status} in ${res.ms.toFixed(0)} ms\n`);
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(2000);
  });
});
