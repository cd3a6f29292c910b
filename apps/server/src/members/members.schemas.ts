import { affiliationInput, memberRoles } from '@accord/contract';
import { z } from 'zod';

export const changeMemberBody = z.strictObject({
  role: z.enum(memberRoles),
  /** A new affiliation; omitted keeps the current one, null clears it. */
  affiliation: affiliationInput.nullable().optional(),
});
