import { z } from 'zod';
import { emailAddress, MAX_PASSWORD_LENGTH } from '@accord/contract';
import { newPassword } from '../auth/auth.schemas.js';

/** A mailed link's token, `<id>.<secret>` as sessions (the shape is checked again where it is used). */
export const linkToken = z.string().min(1).max(100);

export const verifyEmailBody = z.strictObject({
  token: linkToken,
  // The password the account was created with: the link alone does not verify (see AccountService).
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

export const passwordResetRequestBody = z.strictObject({ email: emailAddress });

export const passwordResetBody = z.strictObject({ token: linkToken, password: newPassword });

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  newPassword,
});

export const checkYourMailSchema = z.object({
  status: z.literal('check_your_mail').describe('The same answer whether or not the address has an account'),
});
