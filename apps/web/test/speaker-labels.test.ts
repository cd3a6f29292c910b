import { affiliationKinds, memberRoles } from '@accord/contract';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { peopleHere } from '../src/document/people-here';
import { affiliationFits, canManageChairs, speakerLabel } from '../src/labels';

const plain = (s: string) => s.replace(/\u00a0/g, ' ');
/** The affiliation kinds (and none) a role may speak for. */
const fits = (role: (typeof memberRoles)[number]) => [...affiliationKinds, null].filter((kind) => affiliationFits(role, kind));

/** Rule (issue 14): a role is shown with the kind of organization its holder speaks for, inside the room. */
describe('speaker labels', () => {
  it('tells the ICRC from an NGO, a state, and academia', () => {
    expect(plain(speakerLabel('civil_society', 'international_org'))).toBe('Civil society · International organization');
    expect(plain(speakerLabel('civil_society', 'civil_society'))).toBe('Civil society · NGO');
    expect(plain(speakerLabel('delegate', 'government'))).toBe('Delegate · Government');
    expect(plain(speakerLabel('observer', 'academia'))).toBe('Observer · Academia');
    expect(speakerLabel('chair', null)).toBe('Chair');
  });

  it('the forms say the server’s rules (one copy, in the contract): a delegate speaks for a government, civil society for an organization; only a chair manages chairs', () => {
    expect(fits('delegate')).toEqual(['government']);
    expect(fits('civil_society')).toEqual(['civil_society', 'international_org', 'academia']);
    for (const role of ['chair', 'secretariat', 'observer'] as const) expect(fits(role)).toEqual([...affiliationKinds, null]);
    expect(memberRoles.filter(canManageChairs)).toEqual(['chair']);
  });

  it('the presence list reads each person’s kind from the member list, and the stamped role without it', () => {
    const mine = new Awareness(new Y.Doc());
    const theirs = new Awareness(new Y.Doc());
    theirs.setLocalState({ user: { userId: 'icrc', name: 'Jean-Luc Moreau', role: 'civil_society', affiliation: 'International Committee of the Red Cross', colour: '#123456' } });
    mine.getStates().set(theirs.clientID, theirs.getLocalState()!);
    const you = { userId: 'chair', name: 'Ingrid Halvorsen', affiliation: 'Baltic Institute' };
    const directory = new Map([
      ['icrc', { role: 'civil_society' as const, kind: 'international_org' as const }],
      ['chair', { role: 'chair' as const, kind: 'academia' as const }],
    ]);
    const withList = peopleHere(mine, you, directory).map((p) => [p.name, p.speaker && plain(p.speaker)]);
    expect(withList).toEqual([
      ['Ingrid Halvorsen', 'Chair · Academia'],
      ['Jean-Luc Moreau', 'Civil society · International organization'],
    ]);
    const without = peopleHere(mine, you).map((p) => [p.name, p.speaker]);
    expect(without).toEqual([
      ['Ingrid Halvorsen', null],
      ['Jean-Luc Moreau', 'Civil society'],
    ]);
  });
});
