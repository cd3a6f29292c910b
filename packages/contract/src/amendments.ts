/**
 * Amendments: a member's proposed change to one paragraph or sub-paragraph, supported by
 * delegations, decided by the chair or the secretariat. These schemas are the HTTP contract
 * (validated by the server, typed into the SDK) and the payload of live events.
 */
import { z } from 'zod';
import { authorSchema } from './comments.js';

export const amendmentKinds = ['replace', 'insert_after', 'delete'] as const;
export type AmendmentKind = (typeof amendmentKinds)[number];

export const amendmentStatuses = ['submitted', 'accepted', 'rejected', 'withdrawn', 'conflict'] as const;
export type AmendmentStatus = (typeof amendmentStatuses)[number];

/** How the chair brings an amendment in: its wording as proposed, or as a bracketed option beside the existing one. */
export const acceptModes = ['as_proposed', 'bracketed'] as const;
export type AcceptMode = (typeof acceptModes)[number];

/** A delegation supports or co-sponsors; an organization of civil society endorses. */
export const supportKinds = ['support', 'cosponsor', 'endorse'] as const;
export type SupportKind = (typeof supportKinds)[number];

/** The words the interface uses. */
export const amendmentKindLabels: Readonly<Record<AmendmentKind, string>> = {
  replace: 'Replace',
  insert_after: 'Insert after',
  delete: 'Delete',
};
export const amendmentStatusLabels: Readonly<Record<AmendmentStatus, string>> = {
  submitted: 'Submitted',
  accepted: 'Accepted',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  conflict: 'Conflict',
};

export const MAX_AMENDMENT_TEXT_LENGTH = 20_000;
export const MAX_JUSTIFICATION_LENGTH = 5_000;
export const MAX_REASON_LENGTH = 2_000;

const NO_NUL = [(text: string) => !text.includes('\u0000'), 'must not contain a NUL character'] as const;
/** A lone surrogate cannot be stored: PostgreSQL's jsonb (the audit record of a rejection's reason) refuses it with a 500. */
const WELL_FORMED = [(text: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text), 'must be valid Unicode (a lone surrogate)'] as const;

/**
 * A paragraph's text in the plain-text format of @accord/text, inline part only: words, brackets with
 * sponsors "[shall]{Arandia}", footnotes "^[...]". One line: no label, no status, no sub-paragraphs.
 */
export const amendmentText = z
  .string()
  .max(MAX_AMENDMENT_TEXT_LENGTH, `at most ${MAX_AMENDMENT_TEXT_LENGTH} characters`)
  .refine(...NO_NUL)
  .refine(...WELL_FORMED)
  .describe('The new wording in the plain-text format of @accord/text: "[shall][should]{Arandia}", footnotes "^[...]"; one line');

const blockId = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'must be a paragraph or sub-paragraph id from the document');

export const createAmendmentBody = z
  .strictObject({
    paragraphId: blockId.describe('The permanent id of the paragraph or sub-paragraph the amendment is to'),
    kind: z.enum(amendmentKinds),
    text: amendmentText.optional().describe('Required for replace and insert_after; absent for delete'),
    justification: z
      .string()
      .trim()
      .max(MAX_JUSTIFICATION_LENGTH, `at most ${MAX_JUSTIFICATION_LENGTH} characters`)
      .refine(...NO_NUL)
      .refine(...WELL_FORMED)
      .optional(),
  })
  .superRefine((body, ctx) => {
    if (body.kind === 'delete') {
      if (body.text !== undefined) ctx.addIssue({ code: 'custom', path: ['text'], message: 'a deletion takes no text' });
    } else if (body.text === undefined || body.text.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['text'], message: `must not be empty: a ${body.kind === 'replace' ? 'replacement' : 'new paragraph'} needs its wording` });
    }
  });
export type CreateAmendmentInput = z.input<typeof createAmendmentBody>;

export const supportBody = z.strictObject({
  kind: z.enum(['support', 'cosponsor']).optional().describe('For a delegate: support (the default) or co-sponsor. Civil society always endorses.'),
});
export type SupportInput = z.input<typeof supportBody>;

export const acceptAmendmentBody = z.strictObject({
  mode: z.enum(acceptModes).optional().describe('as_proposed (the default) or bracketed: a bracketed option sponsored by its supporting delegations'),
  text: amendmentText
    .optional()
    .describe("The chair's edited wording, used instead of the proposal (after a conflict, or to adjust it)"),
});
export type AcceptAmendmentInput = z.input<typeof acceptAmendmentBody>;

export const rejectAmendmentBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .max(MAX_REASON_LENGTH, `at most ${MAX_REASON_LENGTH} characters`)
    .refine(...NO_NUL)
    .refine(...WELL_FORMED)
    .optional(),
});
export type RejectAmendmentInput = z.input<typeof rejectAmendmentBody>;

export const amendmentListQuery = z.strictObject({
  paragraphId: blockId.optional(),
  status: z.enum(amendmentStatuses).optional(),
});

export const compilationQuery = z.strictObject({ format: z.enum(['json', 'plain']).optional() });

/** One piece of a word-level redline: words kept, added or removed. */
export const diffPartSchema = z
  .object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() })
  .meta({ id: 'DiffPart' });
export type DiffPart = z.output<typeof diffPartSchema>;

export const supporterSchema = z
  .object({
    kind: z.enum(supportKinds),
    affiliation: z.string().describe('The delegation or organization'),
    you: z.boolean(),
  })
  .meta({ id: 'AmendmentSupporter' });
export type Supporter = z.output<typeof supporterSchema>;

export const supportersSchema = z
  .object({
    governments: z.number().int().describe('Delegations supporting or co-sponsoring, one per delegation'),
    cosponsors: z.number().int().describe('Of those, the co-sponsors'),
    organizations: z.number().int().describe('Organizations of civil society endorsing, one per organization'),
    summary: z.string().describe('"supported by 2 governments, endorsed by 1 organization"'),
    list: z
      .array(supporterSchema)
      .optional()
      .describe('Who: only in an attributed dialogue. Under the Chatham House Rule there are categories and counts, never names or affiliations'),
    yours: z.enum(supportKinds).nullable().describe("The viewer's own delegation's or organization's support"),
  })
  .meta({ id: 'AmendmentSupporters' });
export type Supporters = z.output<typeof supportersSchema>;

export const amendmentSchema = z
  .object({
    id: z.uuid(),
    documentId: z.uuid(),
    paragraphId: z.string(),
    label: z.string().describe('Where it applies, as cited: "Box I(1)", "Box III(2)(a)"; the last known label once the paragraph is gone'),
    kind: z.enum(amendmentKinds),
    text: z.string().nullable().describe('The proposed wording; null for a deletion'),
    justification: z.string().nullable(),
    status: z.enum(amendmentStatuses),
    proposer: authorSchema,
    supporters: supportersSchema,
    baseSeq: z.number().int().describe('The log position the amendment was written against'),
    baseText: z.string().describe('The wording it was written against'),
    currentText: z.string().nullable().describe('The wording now; null once the paragraph is gone'),
    diff: z.array(diffPartSchema).describe('Word-level redline: the current wording to the proposal'),
    createdAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
    decidedBy: authorSchema.nullable(),
    reason: z.string().nullable().describe('Why it was rejected, or why it no longer applies'),
    mode: z.enum(acceptModes).nullable().describe('How it was accepted'),
    appliedSeq: z.number().int().nullable().describe('The log position of the change that brought it into the text'),
    can: z.object({ support: z.boolean(), withdraw: z.boolean(), decide: z.boolean() }),
  })
  .meta({ id: 'Amendment' });
export type Amendment = z.output<typeof amendmentSchema>;

export const amendmentListSchema = z.object({ amendments: z.array(amendmentSchema) }).meta({ id: 'AmendmentList' });
export const amendmentEnvelopeSchema = z.object({ amendment: amendmentSchema }).meta({ id: 'AmendmentEnvelope' });

export const compilationParagraphSchema = z
  .object({
    paragraphId: z.string(),
    label: z.string(),
    status: z.enum(['under_negotiation', 'agreed_ad_ref', 'agreed']),
    text: z.string().describe('The current wording, in the plain-text format'),
    amendments: z.array(amendmentSchema),
  })
  .meta({ id: 'CompilationParagraph' });

export const compilationSchema = z
  .object({
    documentId: z.uuid(),
    title: z.string(),
    attribution: z.enum(['attributed', 'chatham_house']),
    generatedAt: z.iso.datetime(),
    seq: z.number().int().describe('The log position the compilation reads'),
    boxes: z.array(
      z.object({
        label: z.string().describe('"I"'),
        title: z.string(),
        paragraphs: z.array(compilationParagraphSchema).describe('Every paragraph and sub-paragraph, in reading order'),
      }),
    ),
    removed: z.array(amendmentSchema).describe('Amendments to paragraphs no longer in the text'),
    totals: z.record(z.enum(amendmentStatuses), z.number().int()),
  })
  .meta({ id: 'Compilation' });
export type Compilation = z.output<typeof compilationSchema>;

/** What a 409 AMENDMENT_CONFLICT carries: the merge the server attempted, for the chair to edit and accept. */
export const amendmentConflictSchema = z
  .object({
    currentText: z.string(),
    proposedText: z.string(),
    preview: z.string().describe('The current wording with the proposal merged where it applied cleanly, conflicts marked <<<< ==== >>>>'),
  })
  .meta({ id: 'AmendmentConflict' });
export type AmendmentConflict = z.output<typeof amendmentConflictSchema>;
