import { affiliationInput, emailAddress, memberRoles } from '@accord/contract';
import { z } from 'zod';
import { displayName } from '../auth/auth.schemas.js';

export const createInvitationBody = z.strictObject({
  role: z.enum(memberRoles),
  affiliation: affiliationInput.optional(),
  /** Restricts the link to one address; without it, whoever holds the link may accept. */
  email: emailAddress.optional(),
});

export const invitationTokenParam = z.string().regex(/^[a-z2-7]{32}$/, 'not an invitation token');

/**
 * Accepting while signed in needs no body. Otherwise: an existing account signs in with its
 * password; a display name asks for a new account instead, which must first prove its address.
 */
export const acceptInvitationBody = z.preprocess(
  (body) => (body && typeof body === 'object' && Object.keys(body).length === 0 ? undefined : body),
  z
    .strictObject({
      email: emailAddress,
      password: z.string().min(1).max(256),
      displayName: displayName.optional(),
    })
    .optional(),
);
