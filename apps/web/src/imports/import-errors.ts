import { AccordApiError } from '@accord/client/api';
import { errorMessage } from '../errors';
import type { ChoiceField } from './import-report';

/** The import's refusals, in words a chair can act on (the server's own messages are for developers). */
const fileMessages: Record<string, string> = {
  FILE_UNREADABLE:
    'Accord cannot read this file: it is damaged, or not the kind of file its name says. Open it in Word or a text editor, save it again as .docx, .md or .txt, and choose that.',
  FILE_ENCRYPTED: 'This file is protected with a password. Remove the protection in Word, save the file and choose it again.',
  FILE_HAS_MACROS: 'This file contains macros, which Accord does not open. Save it in Word as a Word Document (.docx), without macros, and choose that.',
  FILE_TOO_COMPLEX: 'This file is too large or too complex to import: too many paragraphs, or too much data once unpacked. Import a shorter text, or save a simpler copy.',
  PAYLOAD_TOO_LARGE: 'This file is larger than Accord imports (10 MB).',
};

export type ImportErrorPlace = 'file' | ChoiceField | 'form';

/** Where a failed import is explained: beside the file, beside a field, or above the buttons. */
export function importErrorPlace(error: unknown): ImportErrorPlace {
  if (!(error instanceof AccordApiError)) return 'form';
  if (error.code in fileMessages) return 'file';
  if (error.code === 'SYMBOL_TAKEN') return 'symbol';
  if (error.code === 'VALIDATION_FAILED') {
    const named = error.fields.map((f) => f.field.split('.')[0]);
    for (const field of ['file', 'title', 'symbol', 'trackedChanges', 'comments'] as const) if (named.includes(field)) return field;
  }
  return 'form';
}

/** The words for a failed import or dry run. */
export function importErrorMessage(error: unknown): string {
  if (!(error instanceof AccordApiError)) return errorMessage(error);
  const known = fileMessages[error.code];
  if (known) return known;
  if (error.code === 'SYMBOL_TAKEN') return 'Another document in this dialogue already has that symbol.';
  if (error.code === 'ROLE_FORBIDDEN') return 'Only the chair and the secretariat may import a document.';
  const place = importErrorPlace(error);
  if (error.code === 'VALIDATION_FAILED' && place !== 'form') return error.fields.find((f) => f.field.split('.')[0] === place)?.message ?? errorMessage(error);
  return errorMessage(error);
}
