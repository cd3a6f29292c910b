import type { AffiliationKind, AttributionMode, MemberRole } from '@accord/db';

/**
 * The demo dialogue. Every organization and state here is invented, except the ICRC, whose part in
 * such dialogues is well known; no position is attributed to anyone real.
 */
export const DEMO_PASSWORD = 'accord-demo';

const institute = { name: 'Baltic Institute for Security and Technology', kind: 'academia' } as const;

export const demoDialogue: { title: string; description: string; attributionMode: AttributionMode } = {
  title: 'Track 1.5 Dialogue on Autonomous Weapons Systems',
  description:
    'A closed-door dialogue hosted by the Baltic Institute for Security and Technology. Government experts, ' +
    'civil society and the ICRC test options for the rolling text on lethal autonomous weapons systems, ' +
    'under the Chatham House Rule.',
  attributionMode: 'chatham_house',
};

export const demoDocument = {
  title: 'Rolling text on lethal autonomous weapons systems',
  symbol: 'T15/AWS/2026/1',
};

export interface DemoMember {
  email: string;
  displayName: string;
  role: MemberRole;
  affiliation: { name: string; kind: AffiliationKind };
}

export const demoMembers: readonly DemoMember[] = [
  { email: 'chair@accord.example', displayName: 'Ingrid Halvorsen', role: 'chair', affiliation: institute },
  { email: 'secretariat@accord.example', displayName: 'Tomas Lindqvist', role: 'secretariat', affiliation: institute },
  {
    email: 'arandia@accord.example',
    displayName: 'Amara Okonkwo',
    role: 'delegate',
    affiliation: { name: 'Republic of Arandia', kind: 'government' },
  },
  {
    email: 'veloria@accord.example',
    displayName: 'Mateo Ferreira',
    role: 'delegate',
    affiliation: { name: 'Kingdom of Veloria', kind: 'government' },
  },
  {
    email: 'ngo@accord.example',
    displayName: 'Priya Raman',
    role: 'civil_society',
    affiliation: { name: 'Campaign for Meaningful Human Control', kind: 'civil_society' },
  },
  {
    email: 'icrc@accord.example',
    displayName: 'Jean-Luc Moreau',
    role: 'civil_society',
    affiliation: { name: 'International Committee of the Red Cross', kind: 'international_org' },
  },
  {
    email: 'observer@accord.example',
    displayName: 'Hana Sato',
    role: 'observer',
    affiliation: { name: 'Nordic Peace Research Forum', kind: 'academia' },
  },
];
