/**
 * How the HTTP API says no: every error answer is `{ error: { code, message, fields? } }`, with the
 * HTTP status fixed by the code. The server throws these codes; the SDK and the web read them.
 */
import { z } from 'zod';

/** Each code and the HTTP status it is answered with. */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CROSS_ORIGIN_REQUEST: 403,
  NOT_A_MEMBER: 403,
  ROLE_FORBIDDEN: 403,
  INVITATION_EMAIL_MISMATCH: 403,
  EMAIL_UNVERIFIED: 403,
  NOT_FOUND: 404,
  INVITATION_INVALID: 410,
  LINK_INVALID: 410,
  EMAIL_TAKEN: 409,
  ALREADY_MEMBER: 409,
  SYMBOL_TAKEN: 409,
  LAST_CHAIR: 409,
  TEXT_UNREADABLE: 409,
  AMENDMENT_CONFLICT: 409,
  AMENDMENT_DECIDED: 409,
  PARAGRAPH_AGREED: 409,
  AFFILIATION_MISMATCH: 422,
  FILE_UNREADABLE: 422,
  FILE_ENCRYPTED: 422,
  FILE_HAS_MACROS: 422,
  FILE_TOO_COMPLEX: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
  EXPORT_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export const fieldIssueSchema = z.object({
  field: z.string().describe('The offending field, dotted for nested ones (anchor.start); a path parameter by its name'),
  message: z.string(),
});
export type FieldIssue = z.output<typeof fieldIssueSchema>;

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe('Machine-readable: VALIDATION_FAILED, NOT_A_MEMBER, ROLE_FORBIDDEN, …'),
      message: z.string(),
      fields: z.array(fieldIssueSchema).optional(),
      conflict: z
        .object({ currentText: z.string(), proposedText: z.string(), preview: z.string() })
        .optional()
        .describe('With AMENDMENT_CONFLICT: the merge attempted, for the chair to edit and accept'),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.output<typeof errorBodySchema>;
