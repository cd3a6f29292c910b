/**
 * Domain events as they cross between servers: one JSON message per event on one Redis channel,
 * naming the server that emitted it. What arrives is checked as strictly as a request body, since a
 * wrong `session.revoked` would close the wrong sockets and a malformed one must not reach a listener.
 */
import { sessionModeSchema } from '@accord/contract';
import { z } from 'zod';
import type { DomainEventMap, DomainEventName } from '../common/domain-events.js';

/** The Redis channel every server publishes its events on and listens to. */
export const EVENTS_CHANNEL = 'accord:events';

/**
 * Events that stay on the server that emitted them. A mail sent on an unverified sign-in would be
 * sent once per server; a resync is each server's own (another may ask for one: see `resyncRequest`).
 */
export const LOCAL_ONLY = ['account.unverified_sign_in', 'cluster.resynced'] as const satisfies readonly DomainEventName[];
export type RelayedEventName = Exclude<DomainEventName, (typeof LOCAL_ONLY)[number]>;

const id = z.string().min(1).max(128);
const isoDate = z.iso.datetime().transform((value) => new Date(value));

/**
 * One schema per relayed event; the type makes a new event in DomainEventMap a compile error here
 * until it is given one (or declared local). Unknown keys are stripped rather than refused, so a
 * server one version ahead during a rolling upgrade is still heard.
 */
const schemas: { [K in RelayedEventName]: z.ZodType<DomainEventMap[K], unknown> } = {
  'membership.changed': z.object({ dialogueId: id, userId: id }),
  'session.revoked': z.object({ sessionId: id, reason: z.literal('expired').optional() }).transform(({ sessionId, reason }) => (reason ? { sessionId, reason } : { sessionId })),
  // JSON turns the Date into an ISO string; listeners compare times, so it becomes a Date again.
  'session.active': z.object({ sessionId: id, lastActiveAt: isoDate }),
  'comments.changed': z.object({ dialogueId: id, documentId: id, threadId: id, change: z.enum(['created', 'updated']) }),
  'amendments.changed': z.object({ dialogueId: id, documentId: id, amendmentId: id }),
  'revisions.created': z.object({ dialogueId: id, documentId: id, revisionId: id }),
  'session_mode.changed': z.object({ dialogueId: id, documentId: id, sessionMode: sessionModeSchema }),
};

const RESYNC_REQUEST = 'cluster.resync_requested';

const envelope = z.object({
  from: id,
  name: z.string().max(64),
  event: z.unknown(),
});

export function isRelayed(name: DomainEventName): name is RelayedEventName {
  return Object.hasOwn(schemas, name);
}

export function encodeEvent<K extends RelayedEventName>(from: string, name: K, event: DomainEventMap[K]): string {
  return JSON.stringify({ from, name, event });
}

/**
 * Asks every other server to re-check what it holds: this one could not publish some event (Redis
 * was out of its reach while the others may not have noticed).
 */
export function encodeResyncRequest(from: string): string {
  return JSON.stringify({ from, name: RESYNC_REQUEST, event: {} });
}

export type Decoded =
  | { kind: 'event'; from: string; name: RelayedEventName; event: DomainEventMap[RelayedEventName] }
  | { kind: 'resync'; from: string }
  | { kind: 'invalid'; reason: string };

/** Reads one message from the channel; never throws. */
export function decodeMessage(message: string): Decoded {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return { kind: 'invalid', reason: 'not JSON' };
  }
  const outer = envelope.safeParse(parsed);
  if (!outer.success) return { kind: 'invalid', reason: `not an event message: ${z.prettifyError(outer.error)}` };
  const { from, name, event } = outer.data;
  if (name === RESYNC_REQUEST) return { kind: 'resync', from };
  if (!Object.hasOwn(schemas, name)) return { kind: 'invalid', reason: `unknown event ${JSON.stringify(name)}` };
  const relayed = name as RelayedEventName;
  const inner = schemas[relayed].safeParse(event);
  if (!inner.success) return { kind: 'invalid', reason: `malformed ${relayed}: ${z.prettifyError(inner.error)}` };
  return { kind: 'event', from, name: relayed, event: inner.data };
}
