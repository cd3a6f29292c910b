import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@accord/contract';
import { z } from 'zod';

// Sign-in and the user's shape are the API contract: loginBody, signedInSchema, publicUserSchema and
// meSchema live in @accord/contract. What stays here is only ever read by the server.

export const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH);

export const displayName = z.string().trim().min(1).max(120);
