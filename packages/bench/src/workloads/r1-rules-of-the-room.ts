/**
 * R1: what the rules of the room cost. W1's room (N editors, each typing or backspacing one character
 * every ~200 ms at its own cursor) on a rolling text the chair wrote beforehand, the editors being
 * the demo's two government delegates, so the server's policy classifies every update. Run on
 * `accord` and on `accord-without-rules` (the same server with a policy that allows everything), the
 * schema check on in both: the difference in server CPU per delivered update is the rules' cost.
 */
import { AccordDriver, DELEGATES } from '../load/accord-driver.js';
import { plainText } from '../load/rolling-text.js';
import { rulesText } from '../load/rules-texts.js';
import type { RulesResult, RulesSpec } from '../protocol.js';
import type { WorkloadContext } from './context.js';
import { SLOT_WIDTH, perDelivery, runEditingRooms } from './editing-rooms.js';

export async function rulesOfTheRoom(context: WorkloadContext, spec: RulesSpec): Promise<RulesResult> {
  const written = rulesText(spec.variant, spec.editors, SLOT_WIDTH);
  const driver = await AccordDriver.create(context.url, { editors: DELEGATES, content: { text: written.text, paragraphId: written.paragraphId } });
  await context.progress(`a rolling text of ${written.paragraphs} paragraphs; ${spec.editors} delegates type in Box II(3)`);
  const outcome = await runEditingRooms(
    { ...context, driver },
    {
      label: `r1-${spec.variant}`,
      rooms: 1,
      perRoom: spec.editors,
      intervalMs: spec.intervalMs,
      warmupMs: spec.warmupMs,
      steadyMs: spec.steadyMs,
      layout: {
        slotsAt: (text) => {
          const at = plainText(text).indexOf(written.slots);
          if (at < 0) throw new Error("R1: the typists' slots are not in the paragraph's text");
          return at;
        },
        edit: spec.variant === 'inside-brackets' ? 'overwrite' : 'type',
      },
    },
  );
  return {
    kind: 'r1',
    variant: spec.variant,
    paragraphs: written.paragraphs,
    editors: spec.editors,
    steadySeconds: spec.steadyMs / 1000,
    edits: outcome.edits,
    deliveries: outcome.deliveries,
    missingDeliveries: outcome.missingDeliveries,
    latencyMs: outcome.latencyMs,
    saveAckMs: outcome.saveAckMs,
    ...perDelivery(outcome),
    serverRssBytes: outcome.phase.server.rssBytes,
    converged: outcome.converged,
    phase: outcome.phase,
  };
}
