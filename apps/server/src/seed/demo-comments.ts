/**
 * The demo's margin: a few threads in each audience, so a newcomer sees at once who reads what.
 * The dialogue runs under the Chatham House Rule, so each shows its author's category only, except
 * to the author. Each quote must occur in its paragraph of @accord/text/demo (demo-rolling-text.ts) (the seeder checks).
 */
import type { CommentAudience } from '@accord/contract';

export interface DemoComment {
  /** A demo member's e-mail. */
  author: string;
  body: string;
}

export interface DemoThread extends DemoComment {
  /** Words of the paragraph the thread is on; they also find the paragraph. */
  quote: string;
  audience: CommentAudience;
  replies?: DemoComment[];
  resolvedBy?: string;
}

export const demoThreads: readonly DemoThread[] = [
  {
    author: 'ngo@accord.example',
    quote: 'Meaningful human control',
    audience: 'everyone',
    body:
      'Most delegations used "meaningful human control" in the March session. "Appropriate levels of human judgement" ' +
      'has no settled meaning in humanitarian law, so Alt 2 gives commanders clearer guidance.',
    replies: [
      {
        author: 'arandia@accord.example',
        body: 'We agree, and would support merging Alt 2 with the first sentence of Alt 1 as a compromise.',
      },
    ],
  },
  {
    author: 'icrc@accord.example',
    quote: 'learning after deployment',
    audience: 'governments',
    body:
      'A system whose behaviour changes after deployment cannot be cleared by one review before it is fielded. ' +
      'Linking (d) to the repetition rule in (a) would close the gap.',
  },
  {
    author: 'arandia@accord.example',
    quote: 'are designed to select and engage human beings as targets',
    audience: 'delegation',
    body: 'Instructions from capital: hold this bracket in Rev.1. "Designed primarily" is our fallback, not to be offered before the last day.',
  },
  {
    author: 'chair@accord.example',
    quote: 'The following functions do not, by themselves',
    audience: 'stewards',
    body: 'Before Rev.1: align the chapeau of 2bis with Box III(2bis), and check the sponsors of (c).',
  },
  {
    author: 'veloria@accord.example',
    quote: 'States should consider appropriate measures for record-keeping.',
    audience: 'everyone',
    body: 'Could the secretariat circulate both options of paragraph 4 side by side, with their sponsors?',
    replies: [{ author: 'secretariat@accord.example', body: 'Done: see the compilation circulated on 14 November, page 6.' }],
    resolvedBy: 'chair@accord.example',
  },
];
