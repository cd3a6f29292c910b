import { z } from 'zod';

export const createDocumentBody = z.strictObject({
  title: z.string().trim().min(1).max(300),
  /** A UN-style document symbol: letters, digits and . / - _ ( ), e.g. T15/AWS/2026/1. */
  symbol: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .regex(/^[A-Za-z0-9][A-Za-z0-9./\-_() ]*$/, 'letters, digits and . / - _ ( ) only'),
});

/** `?format=plain` answers the text alone as text/plain; the default is JSON with the ProseMirror content too. */
export const documentTextQuery = z.object({
  format: z.enum(['json', 'plain']).default('json'),
});

export const documentTextSchema = z
  .object({
    documentId: z.uuid(),
    text: z.string().describe('The plain-text form: "Box I. Title" lines, numbered paragraphs, [brackets]{sponsors}'),
    content: z.object({}).loose().nullable().describe('The ProseMirror document as JSON; null while the document has no content'),
  })
  .meta({ id: 'DocumentText' });
