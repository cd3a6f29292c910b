/**
 * Comments: threads anchored to the rolling text, each written for one audience. These schemas are
 * the HTTP contract (validated by the server, typed into the SDK) and the payload of live events.
 */
import { z } from 'zod';
import { authorCategories } from './roles.js';

export const commentAudiences = ['everyone', 'governments', 'stewards', 'delegation'] as const;
export type CommentAudience = (typeof commentAudiences)[number];

/** Who sees a thread of each audience, in the words the interface shows before it is posted. */
export const audienceDescriptions: Readonly<Record<CommentAudience, string>> = {
  everyone: 'Everyone in the dialogue',
  governments: 'The chair, the secretariat and delegations',
  stewards: 'The chair and the secretariat only',
  delegation: 'Your own delegation or organization only (not the chair)',
};

export const MAX_COMMENT_LENGTH = 10_000;
export const MAX_QUOTE_LENGTH = 2_000;
/** An encoded Yjs relative position is a few dozen bytes; the bound only keeps junk out. */
const MAX_RELATIVE_POSITION_LENGTH = 512;

/** PostgreSQL's text cannot hold a NUL character: refused here, as a 400 naming the field, not a failed insert. */
const NO_NUL = [(text: string) => !text.includes('\u0000'), 'must not contain a NUL character'] as const;

export const commentBody = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_COMMENT_LENGTH, `at most ${MAX_COMMENT_LENGTH} characters`)
  .refine(...NO_NUL);

const paragraphId = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'must be a paragraph id from the document');

/** A Yjs relative position (Y.encodeRelativePosition), base64. */
export const relativePosition = z
  .base64('must be a base64 Yjs relative position')
  .max(MAX_RELATIVE_POSITION_LENGTH)
  .describe('Y.encodeRelativePosition, base64');

export const createThreadBody = z.strictObject({
  paragraphId: paragraphId.describe('The permanent id of a paragraph, sub-paragraph or footnote of the document'),
  quote: z
    .string()
    .min(1, 'must not be empty; omit it to comment on the whole paragraph')
    .max(MAX_QUOTE_LENGTH, `at most ${MAX_QUOTE_LENGTH} characters`)
    .refine(...NO_NUL)
    .optional()
    .describe('The words commented on, exactly as in the paragraph; omitted, the thread is on the whole paragraph'),
  audience: z.enum(commentAudiences),
  body: commentBody,
  /** From the editor: where the quote starts and ends, so the thread follows the words through edits. */
  anchor: z.strictObject({ start: relativePosition, end: relativePosition }).optional(),
});
export type CreateThreadInput = z.input<typeof createThreadBody>;

export const commentBodyInput = z.strictObject({ body: commentBody });
export type CommentBodyInput = z.input<typeof commentBodyInput>;

export const authorSchema = z
  .object({
    category: z.enum(authorCategories),
    name: z.string().optional().describe('Absent under the Chatham House Rule, except to the author'),
    affiliation: z.string().optional().describe('Absent under the Chatham House Rule, except to the author'),
    you: z.boolean().describe('Whether the viewer wrote it'),
  })
  .meta({ id: 'CommentAuthor' });
export type CommentAuthor = z.output<typeof authorSchema>;

export const commentSchema = z
  .object({
    id: z.uuid(),
    body: z.string().describe('Plain text; empty once deleted'),
    author: authorSchema,
    createdAt: z.iso.datetime(),
    editedAt: z.iso.datetime().nullable(),
    deleted: z.boolean(),
  })
  .meta({ id: 'Comment' });
export type Comment = z.output<typeof commentSchema>;

export const anchorSchema = z
  .object({
    paragraphId: z.string().describe('Where the words are now (the paragraph they were written on, until they move)'),
    quote: z.string().describe('The words commented on; empty for a whole paragraph'),
    orphaned: z.boolean().describe('The words were deleted: the thread stays, "on deleted text"'),
    start: relativePosition.nullable(),
    end: relativePosition.nullable(),
  })
  .meta({ id: 'CommentAnchor' });
export type CommentAnchor = z.output<typeof anchorSchema>;

export const threadSchema = z
  .object({
    id: z.uuid(),
    documentId: z.uuid(),
    audience: z.enum(commentAudiences),
    status: z.enum(['open', 'resolved']),
    anchor: anchorSchema,
    author: authorSchema,
    comments: z.array(commentSchema),
    createdAt: z.iso.datetime(),
    resolvedAt: z.iso.datetime().nullable(),
    /** What the viewer may do with it, decided by the server (the interface only hides buttons). */
    can: z.object({ reply: z.boolean(), resolve: z.boolean() }),
  })
  .meta({ id: 'Thread' });
export type Thread = z.output<typeof threadSchema>;

export const threadListSchema = z.object({ threads: z.array(threadSchema) }).meta({ id: 'ThreadList' });
export const threadEnvelopeSchema = z.object({ thread: threadSchema }).meta({ id: 'ThreadEnvelope' });

const tally = z.object({ open: z.number().int(), resolved: z.number().int() });
export const commentCountsSchema = z
  .object({
    total: tally,
    paragraphs: z.record(z.string(), tally).describe('By paragraph id, counting only threads the viewer may see'),
  })
  .meta({ id: 'CommentCounts' });
export type CommentCounts = z.output<typeof commentCountsSchema>;
