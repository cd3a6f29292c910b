/**
 * Session mode: the room follows the chair. The chair (or the secretariat) marks the paragraph under
 * negotiation now and gives the floor to a delegation; everyone with the document open sees both at
 * once. It is the state of the room, kept as one row per document and overwritten: never written to
 * the history, the audit record, the exports or the logs (the Chatham House Rule).
 */
import { z } from 'zod';
import { affiliationKinds } from './roles.js';

/** The longest permanent id a paragraph carries (ids are short; this only bounds bad input). */
export const MAX_PARAGRAPH_ID_LENGTH = 64;

export const sessionModeSchema = z
  .object({
    documentId: z.uuid(),
    /** The paragraph under negotiation now, by its permanent id; null when none is marked. */
    current: z
      .object({ paragraphId: z.string(), since: z.iso.datetime() })
      .nullable()
      .describe('The paragraph under negotiation now'),
    /** The delegation (or organization) that has the floor; null when nobody has it. */
    floor: z
      .object({ affiliationId: z.uuid(), name: z.string(), kind: z.enum(affiliationKinds), since: z.iso.datetime() })
      .nullable()
      .describe('Who has the floor: an affiliation of a member of the dialogue'),
    /** Grows by one on every change, so a client keeps the newest of an answer and an event. 0: never steered. */
    version: z.number().int().nonnegative(),
  })
  .meta({ id: 'SessionMode' });
export type SessionMode = z.output<typeof sessionModeSchema>;

/**
 * The chair's change: each field given replaces that part, null clears it, an omitted one stays.
 * An empty body is refused (it would change nothing).
 */
export const steerSessionBody = z
  .strictObject({
    paragraphId: z.string().trim().min(1).max(MAX_PARAGRAPH_ID_LENGTH).nullable().optional(),
    floorAffiliationId: z.uuid().nullable().optional(),
  })
  .refine((body) => body.paragraphId !== undefined || body.floorAffiliationId !== undefined, {
    message: 'give paragraphId or floorAffiliationId',
    path: ['paragraphId'],
  });
export type SteerSessionInput = z.input<typeof steerSessionBody>;
