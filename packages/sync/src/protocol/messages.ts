/**
 * y-protocols messages as Accord sends them inside the `y` event: [type][sub-type][payload]. The
 * encoders produce exactly what y-protocols' `sync.js` and `awareness.js` produce; the decoder is
 * bounds-checked because the server reads it from untrusted clients.
 */
import * as encoding from 'lib0/encoding';
import { MESSAGE_AWARENESS, MESSAGE_SYNC, SYNC_STEP_1, SYNC_STEP_2, SYNC_UPDATE } from './events.js';
import { BoundedReader, MalformedInput } from './reader.js';

export type YMessage =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array };

/** Throws MalformedInput when the bytes are not exactly one known message. */
export function decodeMessage(bytes: Uint8Array): YMessage {
  const r = new BoundedReader(bytes);
  const type = r.varUint();
  let message: YMessage;
  if (type === MESSAGE_SYNC) {
    const subType = r.varUint();
    const payload = r.varBytes();
    if (subType === SYNC_STEP_1) message = { kind: 'step1', stateVector: payload };
    else if (subType === SYNC_STEP_2) message = { kind: 'step2', update: payload };
    else if (subType === SYNC_UPDATE) message = { kind: 'update', update: payload };
    else throw new MalformedInput(`unknown sync message type ${subType}`);
  } else if (type === MESSAGE_AWARENESS) {
    message = { kind: 'awareness', update: r.varBytes() };
  } else {
    throw new MalformedInput(`unknown message type ${type}`);
  }
  r.end();
  return message;
}

function encode(type: number, subType: number | null, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  if (subType !== null) encoding.writeVarUint(e, subType);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export const encodeStep1 = (stateVector: Uint8Array) => encode(MESSAGE_SYNC, SYNC_STEP_1, stateVector);
export const encodeStep2 = (update: Uint8Array) => encode(MESSAGE_SYNC, SYNC_STEP_2, update);
export const encodeUpdate = (update: Uint8Array) => encode(MESSAGE_SYNC, SYNC_UPDATE, update);
export const encodeAwareness = (update: Uint8Array) => encode(MESSAGE_AWARENESS, null, update);

/** Binary arrives as a Buffer, a Uint8Array or an ArrayBuffer depending on runtime and encoding. */
export function toBytes(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return null;
}
