/**
 * W5's headline crowd: wire-level clients (load/wire-join.ts) join at once and are timed until the
 * server's step 2 has arrived; every step 2 is checked against the writer's state after the clock
 * has stopped, and a few are decoded to compare their text.
 */
import { ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import type * as Y from 'yjs';
import { joinAccordOnWire, signInEditors } from '../load/accord-wire-join.js';
import { joinHocuspocusOnWire } from '../load/hocuspocus-wire-join.js';
import { joinCrowd } from '../load/join-crowd.js';
import { sameStateVector, sameText, type WireJoin } from '../load/wire-join.js';
import type { JoinResult } from '../protocol.js';
import type { WorkloadContext } from './context.js';

/** Decoding a 4 MB state costs 130–240 ms: the text is compared on a few clients, not all. */
const TEXT_CHECKS = 3;

export async function joinOnWire(
  context: WorkloadContext,
  clients: number,
  documentId: string,
  writer: { doc: Y.Doc; state: Uint8Array; vector: Uint8Array },
): Promise<JoinResult['wire']> {
  let join: (i: number) => Promise<WireJoin>;
  if (context.server === 'hocuspocus') {
    join = () => joinHocuspocusOnWire(context.url, documentId);
  } else {
    // Signed in before the clock starts, as the SDK driver's sessions are.
    const tokens = await signInEditors(context.url);
    join = (i) => joinAccordOnWire(context.url, tokens[(i + 1) % tokens.length]!, documentId);
  }
  const { joined, figures } = await joinCrowd(context, clients, join);
  const arrived = joined.filter((joinedOne): joinedOne is WireJoin => joinedOne !== null);
  for (const { close } of arrived) close();
  const checked = arrived.slice(0, TEXT_CHECKS);
  return {
    ...figures,
    sameSize: arrived.filter(({ update }) => update.length === writer.state.length).length,
    sameStateVector: arrived.filter(({ update }) => sameStateVector(update, writer.vector)).length,
    textChecked: checked.length,
    sameText: checked.filter(({ update }) => sameText(update, writer.doc, ROLLING_TEXT_FIELD)).length,
  };
}
