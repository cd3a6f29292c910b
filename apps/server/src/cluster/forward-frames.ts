/**
 * The frames servers exchange to forward a document's traffic from the server a client's socket is
 * on (the origin) to the server that owns the document (docs/architecture.md, "Running several
 * servers"). One binary msgpack frame per message on the receiver's own Redis channel; heartbeats on
 * one channel every server hears.
 *
 * What arrives is checked as strictly as a client's message: a frame from a server one version
 * apart, or anything else published on the channel, is refused here (logged and dropped by the
 * caller), never thrown into the engine.
 */
import { memberRoles } from '@accord/contract';
import { syncErrorCodes, type PeerIdentity, type SeatAccess, type SyncErrorCode } from '@accord/sync';
import * as msgpack from 'notepack.io';
import { z } from 'zod';

/** The channel a server receives forwarded traffic on. */
export const forwardChannelOf = (nodeId: string) => `accord:fwd:${nodeId}`;
/** Every server's heartbeat, so the others know it is still there to answer. */
export const NODES_CHANNEL = 'accord:nodes';

const id = z.string().min(1).max(128);
const documentId = z.string().min(1).max(64);
const reqId = z.number().int().nonnegative();
const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'binary');
const seq = z.number().int().nonnegative();
const errorPayload = z.object({ code: z.enum(syncErrorCodes), message: z.string().max(1000), retryAfter: z.number().nonnegative().optional() });
const access = z.object({
  readOnly: z.boolean(),
  role: z.enum(memberRoles),
  affiliation: z.string().max(256).nullable(),
  cursor: z.enum(['selection', 'caret', 'none']).optional(),
});
const identity = z.object({ userId: id, sessionId: id, name: z.string().max(256), colour: z.string().max(32) });
const limits = z.object({ maxUpdateBytes: z.number().int().positive(), maxSyncBytes: z.number().int().positive() });

/** `conn` is the client's socket id on the origin; `from` the sending server's NODE_ID. */
const frameSchema = z.discriminatedUnion('t', [
  // origin → owner
  z.object({ t: z.literal('open'), from: id, reqId, conn: id, doc: documentId, identity, access }),
  z.object({ t: z.literal('y'), from: id, conn: id, doc: documentId, seq, bytes }),
  z.object({ t: z.literal('access'), from: id, conn: id, doc: documentId, access }),
  z.object({ t: z.literal('close'), from: id, conn: id, doc: documentId }),
  z.object({ t: z.literal('gone'), from: id, conn: id }),
  // owner → origin
  z.discriminatedUnion('ok', [
    z.object({ t: z.literal('opened'), from: id, reqId, ok: z.literal(true), limits }),
    z.object({ t: z.literal('opened'), from: id, reqId, ok: z.literal(false), error: errorPayload }),
  ]),
  z.object({ t: z.literal('send'), from: id, conn: id, doc: documentId, bytes }),
  z.object({ t: z.literal('saved'), from: id, conn: id, doc: documentId, seq }),
  z.object({ t: z.literal('refused'), from: id, conn: id, doc: documentId, seq, error: errorPayload }),
  z.object({ t: z.literal('closed'), from: id, conn: id, doc: documentId, error: errorPayload }),
  z.object({ t: z.literal('storage'), from: id, conn: id, doc: documentId, available: z.boolean() }),
  // a server write on a non-owner: the owner hands the document over
  z.object({ t: z.literal('release'), from: id, reqId, doc: documentId }),
  z.object({ t: z.literal('released'), from: id, reqId, ok: z.boolean() }),
  // liveness, on NODES_CHANNEL; `boot` names the process, so a server restarted under the same
  // NODE_ID faster than the silence is noticed still counts as gone (its sockets are)
  z.object({ t: z.literal('beat'), from: id, boot: id }),
]);

export type ForwardFrame = z.output<typeof frameSchema>;
export type FrameType = ForwardFrame['t'];
export type FrameOf<T extends FrameType> = Extract<ForwardFrame, { t: T }>;
/** A frame as a sender writes it: the link adds `from`. */
export type OutgoingFrame = ForwardFrame extends infer F ? (F extends ForwardFrame ? Omit<F, 'from'> : never) : never;
export type ErrorPayload = { code: SyncErrorCode; message: string; retryAfter?: number };

// The schema's shapes and the engine's must stay one: a compile error here if either drifts.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const accessMatches: Same<z.output<typeof access>, SeatAccess> = true;
const identityMatches: Same<z.output<typeof identity>, PeerIdentity> = true;
void accessMatches;
void identityMatches;

export function encodeFrame(frame: ForwardFrame): Buffer {
  return msgpack.encode(frame) as Buffer;
}

/** The frame, or why it was refused. Never throws. */
export function decodeFrame(message: Buffer): { frame: ForwardFrame } | { invalid: string } {
  let value: unknown;
  try {
    value = msgpack.decode(message);
  } catch (error) {
    return { invalid: `not msgpack: ${(error as Error).message}` };
  }
  const parsed = frameSchema.safeParse(value);
  if (!parsed.success) return { invalid: parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') };
  return { frame: parsed.data };
}
