/**
 * The demo's amendments: one in each state a newcomer should see (submitted with support, decided
 * each way, withdrawn), on paragraphs of @accord/text/demo (demo-rolling-text.ts) found by their citation. The dialogue
 * runs under the Chatham House Rule, so proposers and supporters show as categories and counts.
 * `base` is the wording the amendment was written against; omitted, the paragraph's wording now.
 */
import type { AcceptMode, AmendmentKind, SupportKind } from '@accord/contract';

export interface DemoAmendment {
  /** A demo member's e-mail. */
  proposer: string;
  /** The paragraph or sub-paragraph, as cited: "Box II(2)". */
  at: string;
  kind: AmendmentKind;
  text?: string;
  base?: string;
  justification: string;
  supports?: Array<{ by: string; kind: SupportKind }>;
  decision?: { by: string; status: 'accepted' | 'rejected' | 'withdrawn'; mode?: AcceptMode; reason?: string };
}

export const demoAmendments: readonly DemoAmendment[] = [
  {
    proposer: 'ngo@accord.example',
    at: 'Box II(2)',
    kind: 'replace',
    text:
      'Decisions on the use of force remain human decisions. Responsibility for them rests with human beings at all times, cannot be transferred to machines, and extends across the whole life cycle of a weapon system.',
    justification: 'Joins the two bracketed options: both state the same principle, and delegations in March accepted either wording.',
    supports: [
      { by: 'arandia@accord.example', kind: 'cosponsor' },
      { by: 'veloria@accord.example', kind: 'support' },
      { by: 'icrc@accord.example', kind: 'endorse' },
    ],
  },
  {
    proposer: 'icrc@accord.example',
    at: 'Box III(2)(c)',
    kind: 'insert_after',
    text: 'are designed or used to apply force against persons on the basis of sensor data profiles;',
    justification: 'Target profiles that stand in for people are where the risk to civilians lies; the ICRC has recommended this prohibition since 2021.',
    supports: [{ by: 'arandia@accord.example', kind: 'support' }],
  },
  {
    proposer: 'arandia@accord.example',
    at: 'Box IV(4)',
    kind: 'replace',
    text: 'States shall share, on a voluntary basis, good practices on the conduct of legal reviews.',
    justification: 'The caveat on confidentiality is implied by "voluntary".',
    decision: {
      by: 'chair@accord.example',
      status: 'rejected',
      reason: '"Shall" and "on a voluntary basis" contradict each other; the Chair invites a revised proposal.',
    },
  },
  {
    proposer: 'veloria@accord.example',
    at: 'Box V(3)',
    kind: 'delete',
    justification: 'Covered by Box V(1) and Box V(2).',
    decision: { by: 'veloria@accord.example', status: 'withdrawn' },
  },
  {
    proposer: 'icrc@accord.example',
    at: 'Box IV(3)(c)',
    kind: 'insert_after',
    text: "address changes in a system's behaviour that result from learning after deployment;",
    justification: 'Systems that learn after deployment need a fresh review when their behaviour changes.',
    decision: { by: 'chair@accord.example', status: 'accepted', mode: 'bracketed' },
  },
];
