/**
 * The one error type services throw. A code names what went wrong for machines; the edge
 * (AppErrorFilter) maps it to an HTTP status, and later to socket error codes.
 */
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
  AFFILIATION_MISMATCH: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  override name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { fields?: FieldIssue[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }

  get status(): number {
    return errorStatus[this.code];
  }
}
