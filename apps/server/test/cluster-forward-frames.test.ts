/**
 * The frames servers forward documents with (cluster/forward-frames.ts): every kind survives the
 * trip, and anything else published on a server's channel is refused with a reason, never thrown.
 */
import { describe, expect, it } from 'vitest';
import * as msgpack from 'notepack.io';
import { decodeFrame, encodeFrame, type ForwardFrame } from '../src/cluster/forward-frames.js';

const access = { readOnly: false, role: 'delegate', affiliation: null } as const;
const identity = { userId: 'u1', sessionId: 's1', name: 'Ana', colour: '#123456' };
const error = { code: 'DOCUMENT_MOVED', message: 'moved' } as const;
const bytes = new Uint8Array([0, 2, 1, 7]);

const frames: ForwardFrame[] = [
  { t: 'open', from: 'a', reqId: 1, conn: 'c', doc: 'd', identity, access },
  { t: 'y', from: 'a', conn: 'c', doc: 'd', seq: 3, bytes },
  { t: 'access', from: 'a', conn: 'c', doc: 'd', access: { ...access, readOnly: true, cursor: 'none' } },
  { t: 'close', from: 'a', conn: 'c', doc: 'd' },
  { t: 'gone', from: 'a', conn: 'c' },
  { t: 'opened', from: 'b', reqId: 1, ok: true, limits: { maxUpdateBytes: 10, maxSyncBytes: 20 } },
  { t: 'opened', from: 'b', reqId: 1, ok: false, error },
  { t: 'send', from: 'b', conn: 'c', doc: 'd', bytes },
  { t: 'saved', from: 'b', conn: 'c', doc: 'd', seq: 3 },
  { t: 'refused', from: 'b', conn: 'c', doc: 'd', seq: 3, error: { code: 'RATE_LIMITED', message: 'slow', retryAfter: 2 } },
  { t: 'closed', from: 'b', conn: 'c', doc: 'd', error },
  { t: 'storage', from: 'b', conn: 'c', doc: 'd', available: false },
  { t: 'release', from: 'a', reqId: 2, doc: 'd' },
  { t: 'released', from: 'b', reqId: 2, ok: true },
  { t: 'beat', from: 'a', boot: 'p1' },
];

describe('forwarding frames', () => {
  it('carries every kind of frame unchanged, bytes as bytes', () => {
    for (const frame of frames) {
      const decoded = decodeFrame(encodeFrame(frame));
      expect(decoded).toEqual({ frame: expect.objectContaining({ ...frame, ...('bytes' in frame ? { bytes: expect.any(Uint8Array) } : {}) }) });
      if ('bytes' in frame && 'frame' in decoded && 'bytes' in decoded.frame) expect([...decoded.frame.bytes]).toEqual([...frame.bytes]);
    }
  });

  it.each([
    ['not msgpack', Buffer.from([0xc1])],
    ['trailing bytes', Buffer.concat([encodeFrame(frames[4]!), Buffer.from([1])])],
    ['JSON text', Buffer.from(JSON.stringify(frames[4]))],
    ['an unknown kind', msgpack.encode({ t: 'shout', from: 'a' }) as Buffer],
    ['a negative seq', msgpack.encode({ ...frames[1], seq: -1 }) as Buffer],
    ['bytes as a string', msgpack.encode({ ...frames[1], bytes: 'AAEC' }) as Buffer],
    ['an unknown error code', msgpack.encode({ ...frames[10], error: { code: 'OOPS', message: 'x' } }) as Buffer],
    ['an unknown role', msgpack.encode({ ...frames[2], access: { ...access, role: 'emperor' } }) as Buffer],
    ['a missing sender', msgpack.encode({ t: 'gone', conn: 'c' }) as Buffer],
    ['an over-long document id', msgpack.encode({ ...frames[3], doc: 'd'.repeat(65) }) as Buffer],
  ])('refuses %s with a reason, without throwing', (_name, message) => {
    const decoded = decodeFrame(message);
    expect(decoded).toEqual({ invalid: expect.any(String) });
  });
});
