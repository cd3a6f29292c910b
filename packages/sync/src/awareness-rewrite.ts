/**
 * Awareness updates from clients are decoded, checked and re-encoded with the identity fields the
 * server knows (name, role, affiliation, colour) in place of whatever the client claimed, so nobody
 * can show up under another delegation's name.
 */
import * as encoding from 'lib0/encoding';
import { parseJsonValue } from './json-value.js';
import { defaultSyncLimits } from './limits.js';
import type { CursorSharing } from './peer.js';
import type { PresenceIdentity } from './protocol/events.js';
import { BoundedReader, MalformedInput } from './protocol/reader.js';

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

export function decodeAwarenessUpdate(
  bytes: Uint8Array,
  maxEntries: number,
  maxDepth = defaultSyncLimits.maxValueDepth,
): AwarenessEntry[] {
  const r = new BoundedReader(bytes);
  const n = r.count(3);
  if (n > maxEntries) throw new MalformedInput('too many awareness states in one message');
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < n; i++) {
    const clientId = r.varUint();
    const clock = r.varUint();
    const raw = parseJsonValue(r.string(), maxDepth);
    if (raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) {
      throw new MalformedInput('an awareness state is an object or null');
    }
    entries.push({ clientId, clock, state: raw as Record<string, unknown> | null });
  }
  r.end();
  return entries;
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientId);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(e);
}

/**
 * The state others will see: the server's identity in place of the claimed one, and the cursor
 * (y-prosemirror's `cursor` field, { anchor, head }) as much of it as the seat may share: what
 * someone selects is often what they are about to comment on, and a named selection there would
 * tell whose comment appears on those words.
 */
export function withServerIdentity(entry: AwarenessEntry, identity: PresenceIdentity, cursor: CursorSharing = 'selection'): AwarenessEntry {
  if (entry.state === null) return entry;
  const { cursor: claimed, ...rest } = entry.state;
  const state: Record<string, unknown> = { ...rest, user: identity };
  if (cursor === 'selection' && claimed !== undefined) state.cursor = claimed;
  if (cursor === 'caret' && claimed !== undefined) state.cursor = caretOf(claimed);
  return { ...entry, state };
}

/** A selection collapsed to its head (where the caret is); anything else is no cursor at all. */
function caretOf(cursor: unknown): unknown {
  if (typeof cursor !== 'object' || cursor === null || !('head' in cursor)) return null;
  return { anchor: cursor.head, head: cursor.head };
}
