/**
 * Hocuspocus's wire-level join (see wire-join.ts), speaking Hocuspocus 3's protocol over a raw
 * WebSocket as its provider does: every message starts with the document's name (varString) and a
 * message type (varUint); the provider sends an Auth message with its token, then sync step 1 with
 * its state vector (here the empty one). Done at the server's sync step 2 for the document (type
 * Sync, or SyncReply as the server marks answers, sub-type 1).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import { WIRE_JOIN_TIMEOUT_MS, type WireJoin } from './wire-join.js';

// @hocuspocus/common's MessageType and AuthMessageType, and y-protocols' sync sub-types.
const SYNC = 0;
const AUTH = 2;
const SYNC_REPLY = 4;
const AUTH_TOKEN = 0;
const STEP_1 = 0;
const STEP_2 = 1;

function message(name: string, type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, name);
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function joinHocuspocusOnWire(url: string, name: string): Promise<WireJoin> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const fail = (why: string) => {
      clearTimeout(timer);
      socket.terminate();
      reject(new Error(why));
    };
    const timer = setTimeout(() => fail(`no step 2 within ${WIRE_JOIN_TIMEOUT_MS} ms`), WIRE_JOIN_TIMEOUT_MS);
    socket.on('error', (error) => fail(`socket: ${error.message}`));
    socket.on('open', () => {
      // The provider's token is null unless configured; it sends "" then, as here.
      socket.send(message(name, AUTH, (e) => (encoding.writeVarUint(e, AUTH_TOKEN), encoding.writeVarString(e, ''))));
      socket.send(message(name, SYNC, (e) => (encoding.writeVarUint(e, STEP_1), encoding.writeVarUint8Array(e, new Uint8Array([0])))));
    });
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (decoding.readVarString(decoder) !== name) return;
      const type = decoding.readVarUint(decoder);
      if ((type !== SYNC && type !== SYNC_REPLY) || decoding.readVarUint(decoder) !== STEP_2) return;
      clearTimeout(timer);
      resolve({ update: decoding.readVarUint8Array(decoder), close: () => socket.close() });
    });
  });
}
