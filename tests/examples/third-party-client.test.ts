/**
 * The protocol is one a stranger can build on: examples/third-party-client/client.mjs, written from
 * README and docs/protocol.md with public packages only, runs against a real server. It signs in as
 * a demo delegate, syncs the demo's rolling text, types into a paragraph, waits for `saved`, and sees
 * another delegate's edit; the server's text (GET …/text) holds both.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as encoding from 'lib0/encoding';
import * as msgpackParser from 'socket.io-msgpack-parser';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
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

/** The example's choice: the first paragraph of the rolling text under negotiation that holds text. */
function firstParagraphText(doc: Y.Doc): Y.XmlText {
  for (const box of doc.getXmlFragment(ROLLING_TEXT_FIELD).toArray() as Y.XmlElement[]) {
    for (const node of box.toArray()) {
      const open = node instanceof Y.XmlElement && (node.getAttribute('status') ?? 'under_negotiation') === 'under_negotiation';
      if (open && node instanceof Y.XmlElement && node.nodeName === 'paragraph' && (node.get(0) as Y.XmlElement)?.get(0) instanceof Y.XmlText) {
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

describe('the byte layouts in docs/protocol.md', () => {
  it('are what the server reads, and the mistakes the page warns about get the codes it names', async () => {
    const documentId = await f.createDocument();
    const socket = io(t.url, { parser: msgpackParser, transports: ['websocket'], auth: { token: await f.token('arandia') } });
    try {
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
      const ack = await socket.emitWithAck('open', { documentId });
      expect(ack).toMatchObject({ ok: true, readOnly: false, role: 'delegate', limits: { maxUpdateBytes: 1024 * 1024, maxSyncBytes: 16 * 1024 * 1024 } });
      const received: Array<[string, unknown[]]> = [];
      socket.onAny((event: string, ...args: unknown[]) => received.push([event, args]));
      const next = async (event: string) => {
        const deadline = Date.now() + 5000;
        for (;;) {
          const at = received.findIndex(([name]) => name === event);
          if (at >= 0) return received.splice(at, 1)[0]![1];
          if (Date.now() > deadline) throw new Error(`no ${event}: ${JSON.stringify(received)}`);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      };

      // Step 1 of an empty document, as documented: 00 00 01 00. Answered by a step 2 (00 01 …), as
      // msgpack bin: a Buffer in Node.
      socket.emit('y', documentId, 0, new Uint8Array([0x00, 0x00, 0x01, 0x00]));
      const [id, answer] = await next('y');
      expect(id).toBe(documentId);
      expect(Buffer.isBuffer(answer)).toBe(true);
      expect([...new Uint8Array(answer as Uint8Array).slice(0, 2)]).toEqual([0x00, 0x01]);

      // y-protocols' writeSyncStep1 alone (no outer type byte) reads as a step 2 with an empty update.
      const bare = encoding.createEncoder();
      syncProtocol.writeSyncStep1(bare, new Y.Doc());
      expect([...encoding.toUint8Array(bare)]).toEqual([0x00, 0x01, 0x00]);
      socket.emit('y', documentId, 1, encoding.toUint8Array(bare));
      expect((await next('refused')).slice(1)).toEqual([1, expect.objectContaining({ code: 'MALFORMED_UPDATE' })]);

      // A step 1 whose state vector does not decode.
      socket.emit('y', documentId, 0, new Uint8Array([0x00, 0x00, 0x02, 0x05, 0x01]));
      expect((await next('refused')).slice(1)).toEqual([0, expect.objectContaining({ code: 'INVALID_MESSAGE' })]);

      // Awareness: 01, then the awareness update with its length prefix.
      const doc = new Y.Doc();
      const awareness = new awarenessProtocol.Awareness(doc);
      awareness.setLocalState({ cursor: null });
      const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
      const message = encoding.createEncoder();
      encoding.writeVarUint(message, 1);
      encoding.writeVarUint8Array(message, update);
      socket.emit('y', documentId, 0, encoding.toUint8Array(message));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(received.filter(([event]) => event === 'refused')).toEqual([]);
      awareness.destroy();
    } finally {
      socket.close();
    }
  });
});

describe('the parser', () => {
  it("a client on socket.io's default parser is told at once, in a connect_error, instead of hanging until a silent transport close", async () => {
    const socket = io(t.url, { transports: ['websocket'], auth: { token: await f.token('arandia') }, reconnection: false });
    try {
      const started = Date.now();
      const error = await new Promise<Error & { data?: { code?: string } }>((resolve, reject) => {
        socket.once('connect_error', resolve);
        socket.once('connect', () => reject(new Error('connected with the default parser')));
      });
      expect(error.data?.code).toBe('WRONG_PARSER');
      expect(error.message).toMatch(/socket\.io-msgpack-parser/);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      socket.close();
    }
  });
});
