/**
 * The one error type services throw. A code names what went wrong for machines; the edge
 * (AppErrorFilter) maps it to an HTTP status, and later to socket error codes.
 */
import { errorStatus, type AmendmentConflict, type ErrorCode, type FieldIssue } from '@accord/contract';
// The codes and their HTTP statuses are part of the API contract: the SDK and the web read them too.
export { errorStatus, type ErrorCode, type FieldIssue };

export class AppError extends Error {
  override name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { fields?: FieldIssue[]; retryAfterSeconds?: number; conflict?: AmendmentConflict } = {},
  ) {
    super(message);
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/** A 400 naming the one field at fault: the message starts with the field, as the edge's own validation does. */
export function fieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${field} ${message}`, { fields: [{ field, message }] });
}
