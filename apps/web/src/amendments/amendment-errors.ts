import { errorMessage, isApiError } from '../errors';

/** What went wrong with an amendment, said about amendments rather than forms in general. */
export function amendmentErrorMessage(error: unknown): string {
  if (isApiError(error, 'NOT_FOUND')) return 'This amendment, or its paragraph, is no longer available.';
  if (isApiError(error, 'ROLE_FORBIDDEN')) return 'Your role does not allow this.';
  if (isApiError(error, 'AMENDMENT_DECIDED')) return 'This amendment has already been decided or withdrawn.';
  if (isApiError(error, 'PARAGRAPH_AGREED')) return 'The paragraph is agreed: it stays as it is unless the chair reopens it.';
  if (isApiError(error, 'AMENDMENT_CONFLICT')) return 'The paragraph has changed and the proposal no longer applies cleanly.';
  if (isApiError(error, 'VALIDATION_FAILED') && error.fields.length > 0) {
    return error.fields.map((f) => `${fieldNames[f.field] ?? f.field}: ${f.message}`).join('. ');
  }
  return errorMessage(error);
}

const fieldNames: Record<string, string> = {
  paragraphId: 'Paragraph',
  kind: 'Kind of change',
  text: 'Text',
  justification: 'Justification',
  reason: 'Reason',
  mode: 'How to accept',
};
