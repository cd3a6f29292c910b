import { errorBodySchema, type AmendmentConflict, type ErrorCode, type FieldIssue } from '@accord/contract';

/**
 * The server's codes, plus two of the SDK's own: the request never reached the server (NETWORK), or
 * the answer was not what the contract says (UNEXPECTED_RESPONSE: a proxy's error page, or drift
 * between this SDK and the server). A newer server may send a code this list does not know yet.
 */
export type AccordApiErrorCode = ErrorCode | 'NETWORK' | 'UNEXPECTED_RESPONSE';

export class AccordApiError extends Error {
  override name = 'AccordApiError';
  /** 0 when the server was not reached. */
  readonly status: number;
  readonly code: AccordApiErrorCode | (string & {});
  /** For 400s, each offending field (dotted for nested ones, e.g. `anchor.start`). Empty otherwise. */
  readonly fields: readonly FieldIssue[];
  /** From Retry-After, for 429 RATE_LIMITED. */
  readonly retryAfterSeconds: number | undefined;
  /** With 409 AMENDMENT_CONFLICT: the merge the server attempted, for the chair to edit and accept. */
  readonly conflict: AmendmentConflict | undefined;

  constructor(
    init: {
      status: number;
      code: AccordApiErrorCode | (string & {});
      message: string;
      fields?: readonly FieldIssue[];
      retryAfterSeconds?: number;
      conflict?: AmendmentConflict;
    },
    options?: { cause?: unknown },
  ) {
    super(init.message, options);
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.conflict = init.conflict;
  }

  /** The message the server gave for one field, if it named it. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }
}

/** Reads a non-2xx answer: `{ error: { code, message, fields? } }`, and Retry-After. */
export function errorFromResponse(response: Response, payload: unknown): AccordApiError {
  const parsed = errorBodySchema.safeParse(payload);
  if (!parsed.success) {
    return new AccordApiError({ status: response.status, code: 'UNEXPECTED_RESPONSE', message: `The server answered HTTP ${response.status} without an Accord error body` });
  }
  const { code, message, fields, conflict } = parsed.data.error;
  const retryAfter = Number(response.headers.get('retry-after'));
  return new AccordApiError({
    status: response.status,
    code,
    message,
    ...(fields ? { fields } : {}),
    ...(conflict ? { conflict } : {}),
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  });
}
