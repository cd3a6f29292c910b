import { errorMessage, isApiError } from '../errors';

/** What went wrong with the history, said about revisions and texts rather than forms in general. */
export function historyErrorMessage(error: unknown): string {
  if (isApiError(error, 'NOT_FOUND')) return 'This revision, or the document, is no longer available.';
  if (isApiError(error, 'ROLE_FORBIDDEN')) return 'Only the chair and the secretariat may do this.';
  if (isApiError(error, 'VALIDATION_FAILED') && error.fields.length > 0) {
    return error.fields.map((f) => `${fieldNames[f.field] ?? f.field}: ${f.message}`).join('. ');
  }
  return errorMessage(error);
}

const fieldNames: Record<string, string> = {
  label: 'Label',
  symbol: 'Symbol',
  statusDate: 'Status date',
  note: 'Note',
  at: 'Point in the history',
  from: 'From',
  to: 'To',
  paragraphId: 'Paragraph',
};
