import { useEffect, useMemo, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { api } from '../api';
import { type Person, peopleHere, type SpeakerDirectory } from './people-here';

export { type Person, peopleHere, type SpeakerDirectory };

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
