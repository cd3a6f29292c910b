// A member's socket that floods sync step 1s, run as its own process so that the flooding costs the
// test's event loop nothing: what the test measures is the server alone. Plain JavaScript, so that
// node runs it without a build step.
//
// Usage: node flood-step1.mjs <url> <token> <documentId> <step1 hex> <bursts> <per burst> <burst interval ms> <linger ms>
// Prints one JSON line when the document is open ({"open":true}) and one when it is done
// ({"answers":n,"bytes":n,"lastAnswerAfterLastStep1":bool}).
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../../../packages/client/package.json', import.meta.url));
const { io } = require('socket.io-client');
const parser = require('socket.io-msgpack-parser');

const [url, token, documentId, step1Hex, bursts, perBurst, intervalMs, lingerMs] = process.argv.slice(2);
const step1 = Buffer.from(step1Hex, 'hex');
const socket = io(url, { path: '/socket.io', transports: ['websocket'], parser, reconnection: false, forceNew: true, auth: { token } });

let answers = 0;
let bytes = 0;
let lastStep1At = 0;
let lastAnswerAt = 0;
socket.on('y', (doc, message) => {
  const view = new Uint8Array(message);
  // [0 sync][1 step 2]: a whole-document answer to one of our step 1s.
  if (doc === documentId && view[0] === 0 && view[1] === 1) {
    answers++;
    bytes += view.length;
    lastAnswerAt = Date.now();
  }
});
socket.on('connect_error', (error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
});
socket.once('connect', async () => {
  const opened = await socket.timeout(5000).emitWithAck('open', { documentId });
  if (!opened.ok) {
    process.stderr.write(`${JSON.stringify(opened)}\n`);
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify({ open: true })}\n`);
  for (let burst = 0; burst < Number(bursts); burst++) {
    for (let i = 0; i < Number(perBurst); i++) socket.emit('y', documentId, 0, step1);
    lastStep1At = Date.now();
    await new Promise((resolve) => setTimeout(resolve, Number(intervalMs)));
  }
  await new Promise((resolve) => setTimeout(resolve, Number(lingerMs)));
  process.stdout.write(`${JSON.stringify({ answers, bytes, lastAnswerAfterLastStep1: lastAnswerAt >= lastStep1At })}\n`);
  socket.close();
  process.exit(0);
});
