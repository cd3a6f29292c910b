/** Dialogues and the affiliations members speak for. */
import { z } from 'zod';
import { affiliationKinds, attributionModes, memberRoles } from './roles.js';

export const affiliationInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(affiliationKinds),
});
export type AffiliationInput = z.input<typeof affiliationInput>;

export const createDialogueBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).default(''),
  attributionMode: z.enum(attributionModes).default('chatham_house'),
  /** The creator's own affiliation, shown beside their name as chair. */
  affiliation: affiliationInput.optional(),
});
export type CreateDialogueInput = z.input<typeof createDialogueBody>;

export const affiliationSchema = z
  .object({ id: z.uuid(), name: z.string(), kind: z.enum(affiliationKinds) })
  .meta({ id: 'Affiliation' });
export type Affiliation = z.output<typeof affiliationSchema>;

export const dialogueSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string(),
    attributionMode: z.enum(attributionModes),
    createdAt: z.iso.datetime(),
    myRole: z.enum(memberRoles).describe("The caller's role in it"),
  })
  .meta({ id: 'Dialogue' });
export type Dialogue = z.output<typeof dialogueSchema>;

export const dialogueListSchema = z.object({ dialogues: z.array(dialogueSchema) }).meta({ id: 'DialogueList' });
