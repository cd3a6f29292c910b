import { presenceColour } from '@accord/client';
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { colourOf, type PresenceUser } from '../editor/carets';

export interface Person {
  key: string;
  name: string;
  affiliation: string | null;
  colour: string;
  you: boolean;
}

/**
 * The people with the document open, one entry per person however many tabs they use, yourself
 * first. Others are as the server describes them; you are as your session does.
 */
export function peopleHere(awareness: Awareness, you: { userId: string; name: string; affiliation: string | null }): Person[] {
  const others = new Map<string, Person>();
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    const user = (state as { user?: PresenceUser } | null)?.user;
    if (!user?.name) continue;
    const key = user.userId ?? `client:${clientId}`;
    if (key === you.userId || others.has(key)) continue;
    others.set(key, { key, name: user.name, affiliation: user.affiliation ?? null, colour: colourOf(user), you: false });
  }
  const sorted = [...others.values()].toSorted((a, b) => a.name.localeCompare(b.name));
  // The server stamps the colour on what others receive; the same function gives it to you.
  return [{ key: you.userId, name: you.name, affiliation: you.affiliation, colour: presenceColour(you.userId), you: true }, ...sorted];
}

export function usePeopleHere(awareness: Awareness, you: { userId: string; name: string; affiliation: string | null }): Person[] {
  const { userId, name, affiliation } = you;
  const [people, setPeople] = useState<Person[]>(() => peopleHere(awareness, you));
  useEffect(() => {
    // Awareness changes with every caret move; the list only when someone comes, goes or is renamed.
    const update = () => {
      const next = peopleHere(awareness, { userId, name, affiliation });
      setPeople((current) => (JSON.stringify(current) === JSON.stringify(next) ? current : next));
    };
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [awareness, userId, name, affiliation]);
  return people;
}
