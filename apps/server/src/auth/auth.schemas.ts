import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password.js';

export const email = z.email().max(254).transform((v) => v.trim().toLowerCase());

export const loginBody = z.strictObject({
  email,
  // No minimum here: a short password is simply wrong, and the 401 must not say which part was.
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

export const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH);

export const displayName = z.string().trim().min(1).max(120);

export const publicUserSchema = z.object({ id: z.uuid(), email: z.string(), displayName: z.string() });

export const signedInSchema = z.object({
  user: publicUserSchema,
  token: z.string().describe('Bearer token for scripts and the SDK; browsers use the cookie'),
  expiresAt: z.iso.datetime(),
});
