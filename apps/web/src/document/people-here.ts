import { presenceColour } from '@accord/client';
import type { Awareness } from 'y-protocols/awareness';
import type { AffiliationKind, Role } from '../api';
import { colourOf, type PresenceUser } from '../editor/carets';
import { speakerLabel } from '../labels';

export interface Person {
  key: string;
  name: string;
  affiliation: string | null;
  /** The role with the kind of organization spoken for ("Civil society · International organization"), when known. */
  speaker: string | null;
  colour: string;
  you: boolean;
}

/** What the member list says of each member: their role and the kind of organization they speak for. */
export type SpeakerDirectory = ReadonlyMap<string, { role: Role; kind: AffiliationKind | null }>;

/** The server stamps the seat's role on every awareness `user` (carets.ts lists the fields). */
type StampedUser = PresenceUser & { role?: Role };

/**
 * The people with the document open, one entry per person however many tabs they use, yourself
 * first. Others are as the server describes them; you are as your session does. The member list,
 * when given, adds the kind of organization each speaks for (awareness carries only the name).
 */
export function peopleHere(
  awareness: Awareness,
  you: { userId: string; name: string; affiliation: string | null },
  directory: SpeakerDirectory = new Map(),
): Person[] {
  const speaker = (userId: string | undefined, stampedRole: Role | undefined): string | null => {
    const known = userId ? directory.get(userId) : undefined;
    if (known) return speakerLabel(known.role, known.kind);
    return stampedRole ? speakerLabel(stampedRole, null) : null;
  };
  const others = new Map<string, Person>();
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    const user = (state as { user?: StampedUser } | null)?.user;
    if (!user?.name) continue;
    const key = user.userId ?? `client:${clientId}`;
    if (key === you.userId || others.has(key)) continue;
    others.set(key, {
      key,
      name: user.name,
      affiliation: user.affiliation ?? null,
      speaker: speaker(user.userId, user.role),
      colour: colourOf(user),
      you: false,
    });
  }
  const sorted = [...others.values()].toSorted((a, b) => a.name.localeCompare(b.name));
  // The server stamps the colour on what others receive; the same function gives it to you.
  const self: Person = {
    key: you.userId,
    name: you.name,
    affiliation: you.affiliation,
    speaker: speaker(you.userId, undefined),
    colour: presenceColour(you.userId),
    you: true,
  };
  return [self, ...sorted];
}
