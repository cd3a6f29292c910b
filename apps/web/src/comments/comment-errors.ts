import { errorMessage, fieldError, isApiError } from '../errors';

/** What went wrong with a comment, said about comments rather than forms in general. */
export function commentErrorMessage(error: unknown): string {
  if (isApiError(error, 'NOT_FOUND')) return 'This thread is no longer available to you.';
  if (isApiError(error, 'ROLE_FORBIDDEN')) return 'Your role does not allow this.';
  if (isApiError(error, 'VALIDATION_FAILED')) {
    const quote = fieldError(error, 'quote');
    if (quote) return 'The selected words are no longer in that paragraph. Select them again.';
    const paragraph = fieldError(error, 'paragraphId');
    if (paragraph) return 'That paragraph is no longer in the text.';
    const audience = fieldError(error, 'audience');
    if (audience) return `Audience: ${audience}`;
    const body = fieldError(error, 'body');
    if (body) return `The comment ${body}.`;
  }
  return errorMessage(error);
}
