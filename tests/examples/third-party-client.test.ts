/**
 * The protocol is one a stranger can build on: examples/third-party-client/client.mjs, written from
 * README and docs/protocol.md with public packages only, runs against a real server. It signs in as
 * a demo delegate, syncs the demo's rolling text, types into a paragraph, waits for `saved`, and sees
 * another delegate's edit; the server's text (GET …/text) holds both.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import { CollabFixture } from '../../apps/server/test/support/collab.js';
import { startTestServer, type TestServer } from '../../apps/server/test/support/test-server.js';

const example = fileURLToPath(new URL('../../examples/third-party-client/client.mjs', import.meta.url));

let t: TestServer;
let f: CollabFixture;

beforeAll(async () => {
  t = await startTestServer();
  f = new CollabFixture(t);
});

afterAll(async () => {
  f?.close();
  await t?.close();
});

/** The example's choice: the first paragraph of the rolling text that holds text. */
function firstParagraphText(doc: Y.Doc): Y.XmlText {
  for (const box of doc.getXmlFragment(ROLLING_TEXT_FIELD).toArray() as Y.XmlElement[]) {
    for (const node of box.toArray()) {
      if (node instanceof Y.XmlElement && node.nodeName === 'paragraph' && (node.get(0) as Y.XmlElement)?.get(0) instanceof Y.XmlText) {
        return (node.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      }
    }
  }
  throw new Error('no paragraph with text');
}

describe('the third-party example client', () => {
  it('signs in, syncs, edits a paragraph, is acknowledged as saved, and sees another member edit', async () => {
    const words = 'Third-party words. ';
    const child = spawn(process.execPath, [example, words], {
      env: { ...process.env, ACCORD_URL: t.url, ACCORD_EMAIL: 'arandia@accord.example', ACCORD_PASSWORD: 'accord-demo' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += String(chunk);
        if (stdout.includes('SAVED')) resolve();
      });
      void exited.then((code) => reject(new Error(`the example exited with ${code} before saving: ${stdout}${stderr}`)));
    });
    expect(stdout).toMatch(/^SAVED seq \d+: Third-party words\. /m);

    // Another delegate, through the SDK, types into the same paragraph.
    const dialogueId = (await t.client(await f.token('veloria')).get('/api/dialogues')).body.dialogues[0].id as string;
    const documentId = (await t.client(await f.token('veloria')).get(`/api/dialogues/${dialogueId}/documents`)).body.documents[0].id as string;
    const veloria = await f.open('veloria', documentId);
    const paragraph = firstParagraphText(veloria.doc);
    expect(paragraph.toString().startsWith(words)).toBe(true);
    paragraph.insert(paragraph.length, ' (Veloria)');
    await veloria.whenSaved();

    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^REMOTE Third-party words\. .* \(Veloria\)$/m);
    const text = await t.client(await f.token('chair')).get(`/api/dialogues/${dialogueId}/documents/${documentId}/text?format=plain`);
    expect(text.status).toBe(200);
    expect(text.body).toContain(words.trim());
    expect(text.body).toContain('(Veloria)');
  });
});
