/**
 * The model's two errors. They carry a code so the server can map them to its own AppError at the
 * edge without matching on messages.
 */

/** A value that is not a rolling-text document (bad JSON, unknown node, content the schema forbids). */
export class TextModelError extends Error {
  readonly code = 'invalid_document';
  override readonly name = 'TextModelError';

  /**
   * The input the problem is in, when a caller passed several ("paragraphId", "text", "sponsors"),
   * so the server can name the field of the request.
   */
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Plain text that does not follow the rolling-text format; `line` is 1-based. */
export class TextFormatError extends Error {
  readonly code = 'invalid_format';
  override readonly name = 'TextFormatError';

  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}
