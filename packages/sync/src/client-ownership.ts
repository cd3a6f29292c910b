/**
 * Which session may write new content under a Yjs client id. Yjs identifies content by (client id,
 * clock) and drops whatever it already has an id for, so whoever writes first at a client's next
 * clocks decides what that client's later edits become: a member who read a victim's client id
 * from a broadcast could write there first and have the victim's offline edits dropped everywhere
 * (issue 9, fault 2). So a client id belongs to the session that first wrote new content with it.
 */
import * as Y from 'yjs';
import type { PeerIdentity } from './peer.js';
import type { ClientOwner } from './room.js';

export type OwnershipCheck = { ok: true; claims: number[] } | { ok: false; reason: string; foreign: number[] };

/**
 * Checks the client ids an update brings new content for (`writes`, from the update check), against
 * the document before the update is applied. Allowed: a client id this user owns, from any of their
 * sessions (a member who signed in again keeps typing, or resends offline edits, under the id their
 * copy already had); a client id the document holds nothing of, which the update then claims.
 * Refused: a client id another user owns, one the document holds content of that nobody owns
 * (written by the server, or stored before ownership was recorded), and one another user's presence
 * has used while the document is open.
 */
export function checkOwnership(
  doc: Y.Doc,
  owners: ReadonlyMap<number, ClientOwner>,
  writes: number[],
  identity: PeerIdentity,
  /** Awareness client ids to the user whose presence first used them (Room.speakers). */
  speakers: ReadonlyMap<number, string> = new Map(),
): OwnershipCheck {
  const claims: number[] = [];
  const foreign: number[] = [];
  let reason = '';
  for (const client of writes) {
    const owner = owners.get(client);
    if (owner) {
      if (owner.userId === identity.userId) continue;
      reason ||= `client id ${client} belongs to another member`;
      foreign.push(client);
    } else if (Y.getState(doc.store, client) > 0) {
      reason ||= `client id ${client} holds content no session owns; use a new client id`;
      foreign.push(client);
    } else if ((speakers.get(client) ?? identity.userId) !== identity.userId) {
      // A client's presence announces its id before it writes (and while it types offline): whoever
      // read it there must not take it first and have the owner's edits cut or refused.
      reason ||= `client id ${client} is another member's (their presence uses it)`;
      foreign.push(client);
    } else {
      claims.push(client);
    }
  }
  return foreign.length > 0 ? { ok: false, reason, foreign } : { ok: true, claims };
}
