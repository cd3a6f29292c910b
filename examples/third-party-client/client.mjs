// A third-party Accord client built from public packages only: it signs in, opens a document,
// syncs it, types into a paragraph, waits for the durable `saved`, and prints others' edits.
// Run: node client.mjs "your words"   (ACCORD_URL, ACCORD_EMAIL, ACCORD_PASSWORD, ACCORD_DOCUMENT)
import { io } from 'socket.io-client';
import * as msgpackParser from 'socket.io-msgpack-parser';
import * as Y from 'yjs';
import * as sync from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

const url = process.env.ACCORD_URL ?? 'http://localhost:3000';
const words = process.argv[2] ?? 'Hello from a third-party client. ';
const MESSAGE_SYNC = 0; // the outer type byte y-protocols' sync functions do not write (1 is awareness)

// 1. Sign in: POST /api/auth/login { email, password } -> { user, token, expiresAt }.
async function api(method, path, token, body) {
  const response = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body && JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}
const email = process.env.ACCORD_EMAIL ?? 'arandia@accord.example';
const { token } = await api('POST', '/api/auth/login', null, { email, password: process.env.ACCORD_PASSWORD ?? 'accord-demo' });
let documentId = process.env.ACCORD_DOCUMENT;
if (!documentId) {
  const [dialogue] = (await api('GET', '/api/dialogues', token)).dialogues;
  documentId = (await api('GET', `/api/dialogues/${dialogue.id}/documents`, token)).documents[0].id;
}

// 2. Connect. The msgpack parser is required: with socket.io's default one the server drops the
// connection ("transport close") at the first binary message.
const socket = io(url, { parser: msgpackParser, transports: ['websocket'], auth: { token } });
socket.on('connect_error', (error) => fail(`connect_error: ${error.data?.code ?? error.message}`));
const doc = new Y.Doc();
let seq = 0; // numbers our document updates, per document, from 1; 0 for step 1 and awareness
let saved = 0;
let open = false;
const send = (number, write) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  write(encoder);
  socket.emit('y', documentId, number, encoding.toUint8Array(encoder));
};

// 3. Open (again on every reconnection), then sync step 1. Never emit `y` before the open ack.
socket.on('connect', () => {
  socket.emit('open', { documentId }, (ack) => {
    if (!ack.ok) return fail(`open: ${ack.error.code}`);
    open = true;
    send(0, (encoder) => sync.writeSyncStep1(encoder, doc));
  });
});
socket.on('disconnect', () => {
  open = false;
  socket.sendBuffer = []; // socket.io would send these before `open` on reconnecting
});

// 4. The server's messages. In Node binary arrives as an ArrayBuffer or a Buffer.
let synced;
const whenSynced = new Promise((resolve) => (synced = resolve));
socket.on('y', (id, message) => {
  const decoder = decoding.createDecoder(new Uint8Array(message));
  if (id !== documentId || decoding.readVarUint(decoder) !== MESSAGE_SYNC) return; // skip awareness
  const reply = encoding.createEncoder();
  const type = sync.readSyncMessage(decoder, reply, doc, 'server');
  if (type === sync.messageYjsSyncStep2) synced();
  // The server's step 1 asks for what it lacks: answer with a numbered step 2.
  if (encoding.length(reply) > 0) send(++seq, (encoder) => encoding.writeUint8Array(encoder, encoding.toUint8Array(reply)));
});
let onSaved = () => {};
socket.on('saved', (id, number) => {
  if (id === documentId) saved = Math.max(saved, number); // every update numbered <= number is stored
  onSaved();
});
// A refusal settles its seq: it will never be saved. Resending the same bytes cannot help.
socket.on('refused', (id, number, error) => fail(`refused ${number}: ${error.code} ${error.message}`));
doc.on('update', (update, origin) => {
  if (origin !== 'server' && open) send(++seq, (encoder) => sync.writeUpdate(encoder, update));
});

// 5. Type into the first paragraph still under negotiation (agreed text is locked for delegates:
//    the server would refuse the update with PARAGRAPH_AGREED). Its paragraphText element holds one
//    Y.XmlText per run.
await whenSynced;
const paragraphText = (() => {
  for (const box of doc.getXmlFragment('rollingText').toArray()) {
    for (const node of box.toArray()) {
      const negotiable = (node.getAttribute('status') ?? 'under_negotiation') === 'under_negotiation';
      if (node.nodeName === 'paragraph' && negotiable && node.get(0)?.get(0) instanceof Y.XmlText) return node.get(0).get(0);
    }
  }
  throw new Error('no paragraph under negotiation with text');
})();
paragraphText.insert(0, words);
const sent = seq;
await new Promise((resolve) => {
  onSaved = () => saved >= sent && resolve();
  onSaved();
});
print(`SAVED seq ${sent}: ${paragraphText.toString()}`);

// 6. Others' edits arrive as sync updates (origin 'server' here).
await new Promise((resolve) => doc.on('update', (_update, origin) => origin === 'server' && resolve()));
print(`REMOTE ${paragraphText.toString()}`);
socket.close();

function print(line) {
  process.stdout.write(`${line}\n`);
}
function fail(why) {
  process.stderr.write(`${why}\n`);
  process.exit(1);
}
