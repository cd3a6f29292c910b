import type { Database } from '@accord/db';
import { listBlocks } from '@accord/text/amendments';
import type { Node } from 'prosemirror-model';
import { SessionModeRepository } from '../session-mode/session-mode.repository.js';

/** Where the demo's session stands when a newcomer opens the text: the room is on Box III(2). */
export const DEMO_CURRENT_PARAGRAPH = 'Box III(2)';

/**
 * The demo opens mid-session, so a newcomer meets session mode at once: the paragraph under
 * negotiation is marked and followed, and a delegation has the floor. Written inside the seed's
 * transaction (the repository is made over it, so the seed module needs no new provider).
 */
export async function seedDemoSessionMode(tx: Database, p: { documentId: string; text: Node; floorAffiliationId: string; at?: Date }): Promise<void> {
  const paragraph = listBlocks(p.text).find((block) => block.kind === 'paragraph' && block.citation === DEMO_CURRENT_PARAGRAPH);
  if (!paragraph) throw new Error(`the demo text has no ${DEMO_CURRENT_PARAGRAPH}`);
  await new SessionModeRepository(tx).apply(p.documentId, { paragraphId: paragraph.id, floorAffiliationId: p.floorAffiliationId }, p.at ?? new Date());
}
