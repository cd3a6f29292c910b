/** Signing in, and who the caller is. */
import { z } from 'zod';
import { affiliationSchema } from './dialogues.js';
import { memberRoles } from './roles.js';

/** Shared by the server's checks and the forms that ask for a new password. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

export const emailAddress = z.email().max(254).transform((v) => v.trim().toLowerCase());

export const loginBody = z.strictObject({
  email: emailAddress,
  // No minimum here: a short password is simply wrong, and the 401 must not say which part was.
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});
export type LoginInput = z.input<typeof loginBody>;

export const publicUserSchema = z.object({ id: z.uuid(), email: z.string(), displayName: z.string() }).meta({ id: 'User' });
export type PublicUser = z.output<typeof publicUserSchema>;

export const signedInSchema = z
  .object({
    user: publicUserSchema,
    token: z.string().describe('Bearer token for scripts and the SDK; browsers use the cookie'),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'SignedIn' });
export type SignedIn = z.output<typeof signedInSchema>;

export const membershipSchema = z
  .object({
    dialogueId: z.uuid(),
    role: z.enum(memberRoles),
    affiliation: affiliationSchema.nullable(),
  })
  .meta({ id: 'Membership' });
export type Membership = z.output<typeof membershipSchema>;

export const meSchema = z.object({ user: publicUserSchema, memberships: z.array(membershipSchema) }).meta({ id: 'Me' });
export type Me = z.output<typeof meSchema>;

/**
 * `GET /api/auth/session`: whether the caller is signed in, answered 200 either way, so a signed-out
 * page load checks its session without an error in the browser's console. `me` is null when signed out.
 */
export const sessionCheckSchema = z.object({ me: meSchema.nullable() }).meta({ id: 'SessionCheck' });
export type SessionCheck = z.output<typeof sessionCheckSchema>;
