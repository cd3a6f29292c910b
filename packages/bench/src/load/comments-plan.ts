/**
 * Which threads the comments workload writes: who writes each, for which audience, on which words,
 * and who replies. Pure, so that its promises are tested without a server:
 *
 * - the typist in the browser (Veloria's delegate) may see exactly `visibleToTypist` of them
 *   (`everyone` and `governments`), the rest being for the stewards or for other delegations;
 * - every quote is words of its paragraph, as the server requires;
 * - every reply comes from a member who may see the thread and write.
 *
 * The rule of who sees what is the design's (notes/comments-design.md); the bench checks the
 * server agrees by counting what the typist's list holds before it types.
 */
import { seededRandom } from './typist.js';

export type CommentAudience = 'everyone' | 'governments' | 'stewards' | 'delegation';

/** The demo dialogue's members (apps/server/src/seed/demo-data.ts), by the part each plays here. */
export const DEMO_MEMBERS = {
  chair: { email: 'chair@accord.example', category: 'steward', affiliation: 'institute' },
  secretariat: { email: 'secretariat@accord.example', category: 'steward', affiliation: 'institute' },
  arandia: { email: 'arandia@accord.example', category: 'government', affiliation: 'arandia' },
  veloria: { email: 'veloria@accord.example', category: 'government', affiliation: 'veloria' },
  ngo: { email: 'ngo@accord.example', category: 'civil_society', affiliation: 'ngo' },
  icrc: { email: 'icrc@accord.example', category: 'civil_society', affiliation: 'icrc' },
  observer: { email: 'observer@accord.example', category: 'observer', affiliation: 'forum' },
} as const;
export type DemoMember = keyof typeof DEMO_MEMBERS;
export const demoMembers = Object.keys(DEMO_MEMBERS) as DemoMember[];

/** Types in the browser: a delegate, who may edit and sees `everyone` and `governments` threads. */
export const TYPIST: DemoMember = 'veloria';
/** Lists the threads for the list's timing: the chair sees the most. */
export const LISTER: DemoMember = 'chair';

const WRITERS: readonly DemoMember[] = ['chair', 'secretariat', 'arandia', 'veloria', 'ngo', 'icrc'];
/** Writers of what the typist must not see: anyone but the typist's own delegation. */
const HIDDEN_WRITERS = WRITERS.filter((member) => DEMO_MEMBERS[member].affiliation !== DEMO_MEMBERS[TYPIST].affiliation);

export interface PlannedThread {
  author: DemoMember;
  audience: CommentAudience;
  paragraphId: string;
  /** Omitted: the whole paragraph. */
  quote?: string;
  body: string;
  /** A member who replies once, or null. */
  replier: DemoMember | null;
}

export interface ThreadsPlan {
  threads: number;
  replies: number;
  visibleToTypist: number;
}

/** Whether `viewer` may see a thread: the design's audience rule (the author always does). */
export function maySee(viewer: DemoMember, audience: CommentAudience, author: DemoMember): boolean {
  if (viewer === author) return true;
  const { category, affiliation } = DEMO_MEMBERS[viewer];
  switch (audience) {
    case 'everyone':
      return true;
    case 'governments':
      return category === 'steward' || category === 'government';
    case 'stewards':
      return category === 'steward';
    case 'delegation':
      return affiliation === DEMO_MEMBERS[author].affiliation;
  }
}

export function planThreads(paragraphs: ReadonlyArray<{ id: string; text: string }>, plan: ThreadsPlan, seed = 10): PlannedThread[] {
  if (paragraphs.length === 0) throw new Error('no paragraphs to comment on');
  const random = seededRandom(seed);
  const visible = plan.visibleToTypist;
  const hidden = plan.threads - visible;
  if (hidden < 0) throw new Error('more threads visible to the typist than threads');
  // Four fifths of what the typist sees is for everyone; the rest of the threads split between the
  // stewards and delegations, so the list carries every audience.
  const audiences: CommentAudience[] = [
    ...Array<CommentAudience>(Math.round(visible * 0.8)).fill('everyone'),
    ...Array<CommentAudience>(visible - Math.round(visible * 0.8)).fill('governments'),
    ...Array<CommentAudience>(Math.ceil(hidden / 2)).fill('stewards'),
    ...Array<CommentAudience>(Math.floor(hidden / 2)).fill('delegation'),
  ];
  shuffle(audiences, random);
  const replyEvery = plan.replies > 0 ? plan.threads / plan.replies : Number.POSITIVE_INFINITY;
  let repliesLeft = plan.replies;
  return audiences.map((audience, i) => {
    const writers = audience === 'everyone' || audience === 'governments' ? WRITERS : HIDDEN_WRITERS;
    const author = writers[i % writers.length]!;
    const paragraph = paragraphs[i % paragraphs.length]!;
    const replies = repliesLeft > 0 && Math.floor(i % replyEvery) === 0;
    if (replies) repliesLeft--;
    return {
      author,
      audience,
      paragraphId: paragraph.id,
      ...(i % 5 === 4 ? {} : { quote: quoteFrom(paragraph.text, random) }),
      body: `Bench thread ${i + 1} (${audience}): we would prefer stronger wording here, in line with the chair's summary.`,
      replier: replies ? replierFor(author, audience) : null,
    };
  });
}

/** Two to six consecutive words of the paragraph, exactly as written there. */
export function quoteFrom(text: string, random: () => number): string {
  const words = text.split(' ');
  const length = Math.min(words.length, 2 + Math.floor(random() * 5));
  const start = Math.floor(random() * (words.length - length + 1));
  return words.slice(start, start + length).join(' ');
}

/** Someone other than the author where the audience allows it; for a delegation, its own members. */
function replierFor(author: DemoMember, audience: CommentAudience): DemoMember {
  const candidates = WRITERS.filter((member) => member !== author && maySee(member, audience, author));
  return candidates[0] ?? author;
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
