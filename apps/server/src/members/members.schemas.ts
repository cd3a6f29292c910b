import { memberRoles } from '@accord/db';
import { z } from 'zod';
import { affiliationInput } from '../dialogues/dialogues.schemas.js';

export const changeMemberBody = z.strictObject({
  role: z.enum(memberRoles),
  /** A new affiliation; omitted keeps the current one, null clears it. */
  affiliation: affiliationInput.nullable().optional(),
});
