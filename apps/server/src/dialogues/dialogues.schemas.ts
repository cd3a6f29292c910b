import { affiliationKinds, attributionModes, memberRoles } from '@accord/db';
import { z } from 'zod';

export const uuidParam = z.uuid({ message: 'must be a UUID' });

export const affiliationInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(affiliationKinds),
});

export const createDialogueBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).default(''),
  attributionMode: z.enum(attributionModes).default('chatham_house'),
  /** The creator's own affiliation, shown beside their name as chair. */
  affiliation: affiliationInput.optional(),
});

export const affiliationSchema = z.object({ id: z.uuid(), name: z.string(), kind: z.enum(affiliationKinds) });

export const dialogueSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  attributionMode: z.enum(attributionModes),
  createdAt: z.iso.datetime(),
  myRole: z.enum(memberRoles),
});
