/** Documents of a dialogue, and the server's reading of their text. */
import { z } from 'zod';

/** The most boxes a new text may start with, and the longest box title. */
export const MAX_BOXES = 20;
export const MAX_BOX_TITLE_LENGTH = 300;

/**
 * How a new text starts: the five boxes of the CCW rolling text (their titles may be changed here),
 * or a blank text (one untitled box). Each box holds one empty paragraph 1.
 */
export const documentLayout = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('boxes'),
    /** One title a box, in order; an empty title leaves the box untitled for the chair to name. */
    titles: z.array(z.string().trim().max(MAX_BOX_TITLE_LENGTH)).min(1).max(MAX_BOXES),
  }),
  z.strictObject({ kind: z.literal('blank') }),
]);
export type DocumentLayout = z.output<typeof documentLayout>;

export const createDocumentBody = z.strictObject({
  title: z.string().trim().min(1).max(300),
  /** A UN-style document symbol: letters, digits and . / - _ ( ), e.g. T15/AWS/2026/1. */
  symbol: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .regex(/^[A-Za-z0-9][A-Za-z0-9./\-_() ]*$/, 'letters, digits and . / - _ ( ) only'),
  /** Omitted: the five boxes of the CCW rolling text, with their titles. */
  layout: documentLayout.optional(),
});
export type CreateDocumentInput = z.input<typeof createDocumentBody>;

export const documentSchema = z
  .object({
    id: z.uuid(),
    dialogueId: z.uuid(),
    title: z.string(),
    symbol: z.string().describe('Unique within the dialogue, e.g. T15/AWS/2026/1'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Document' });
export type DocumentSummary = z.output<typeof documentSchema>;

export const documentListSchema = z.object({ documents: z.array(documentSchema) }).meta({ id: 'DocumentList' });

export const documentTextSchema = z
  .object({
    documentId: z.uuid(),
    text: z.string().describe('The plain-text form: "Box I. Title" lines, numbered paragraphs, [brackets]{sponsors}'),
    content: z.object({}).loose().nullable().describe('The ProseMirror document as JSON; null while the document has no content'),
  })
  .meta({ id: 'DocumentText' });
export type DocumentText = z.output<typeof documentTextSchema>;
