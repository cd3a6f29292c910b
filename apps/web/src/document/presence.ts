import { presenceColour } from '@accord/client';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { type AffiliationKind, api, type Role } from '../api';
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

/**
 * The people here, kept current as they come and go. Given the dialogue, the member list is read for
 * the kind of organization each speaks for, and read again when someone it does not know yet arrives
 * (they joined since).
 */
export function usePeopleHere(awareness: Awareness, you: { userId: string; name: string; affiliation: string | null }, dialogueId?: string): Person[] {
  const { userId, name, affiliation } = you;
  const directory = useSpeakerDirectory(dialogueId);
  const [people, setPeople] = useState<Person[]>(() => peopleHere(awareness, you, directory.map));
  useEffect(() => {
    // Awareness changes with every caret move; the list only when someone comes, goes or is renamed.
    const update = () => {
      const next = peopleHere(awareness, { userId, name, affiliation }, directory.map);
      setPeople((current) => (JSON.stringify(current) === JSON.stringify(next) ? current : next));
      for (const person of next) if (!person.key.startsWith('client:') && !directory.map.has(person.key)) directory.missing(person.key);
    };
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [awareness, userId, name, affiliation, directory]);
  return people;
}

function useSpeakerDirectory(dialogueId: string | undefined): { map: SpeakerDirectory; missing: (userId: string) => void } {
  const [map, setMap] = useState<SpeakerDirectory | null>(null);
  const [generation, setGeneration] = useState(0);
  // Each unknown person asks for one more read, once: a stranger in awareness must not loop the reads.
  const asked = useRef(new Set<string>());
  useEffect(() => {
    if (!dialogueId) return;
    const controller = new AbortController();
    api
      .listMembers(dialogueId, controller.signal)
      .then((members) => setMap(new Map(members.map((m) => [m.userId, { role: m.role, kind: m.affiliation?.kind ?? null }]))))
      // Without the list the room still shows each role as the server stamps it.
      .catch(() => {});
    return () => controller.abort();
  }, [dialogueId, generation]);
  return useMemo(
    () => ({
      map: map ?? new Map(),
      missing: (userId: string) => {
        // Before the first answer everyone is unknown: that read is on its way already.
        if (!dialogueId || map === null || asked.current.has(userId)) return;
        asked.current.add(userId);
        setGeneration((g) => g + 1);
      },
    }),
    [map, dialogueId],
  );
}
