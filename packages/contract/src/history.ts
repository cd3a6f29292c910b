/**
 * Revision history: the document's log grouped into editing sessions, the chair's named revisions,
 * the comparison of any two points as a redline, restores, renumbering with its concordance, and
 * the progress of each box across revisions. docs/history.md describes them.
 */
import { z } from 'zod';
import { authorCategories } from './roles.js';

export const MAX_REVISION_LABEL_LENGTH = 60;
export const MAX_REVISION_SYMBOL_LENGTH = 120;
export const MAX_REVISION_NOTE_LENGTH = 5_000;
/** How long a pause in one author's edits starts a new entry of the timeline. */
export const HISTORY_SESSION_GAP_MS = 5 * 60 * 1000;
export const MAX_HISTORY_PAGE = 100;

const NO_NUL = [(text: string) => !text.includes('\u0000'), 'must not contain a NUL character'] as const;
const WELL_FORMED = [(text: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text), 'must be valid Unicode (a lone surrogate)'] as const;
const blockId = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'must be a paragraph or sub-paragraph id from the document');

/**
 * One side of a comparison, or the point a text is read at: `current`, `seq:<n>` (the text after the
 * n-th update of the log), or a revision's id.
 */
export const positionRef = z
  .string()
  .regex(/^(current|seq:[1-9][0-9]{0,14}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/, 'must be "current", "seq:<n>" or a revision id')
  .describe('"current", "seq:<n>" (after the n-th update of the log) or a revision id');

/**
 * Who made a change, as the history shows them: under the Chatham House Rule the category only, for
 * every viewer (`you` still tells a member their own changes). A member who has since left the
 * dialogue is "Former member" (with their name where the dialogue is attributed).
 */
export const historyAuthorSchema = z
  .object({
    category: z.enum([...authorCategories, 'Former member']),
    name: z.string().optional().describe('Absent under the Chatham House Rule'),
    affiliation: z.string().optional().describe('Absent under the Chatham House Rule'),
    you: z.boolean(),
  })
  .meta({ id: 'HistoryAuthor' });
export type HistoryAuthor = z.output<typeof historyAuthorSchema>;

/** A point of the log as resolved by the server. */
export const resolvedPositionSchema = z
  .object({
    ref: z.string().describe('What was asked for'),
    seq: z.number().int().describe('The log position: the text after this many updates'),
    revision: z.object({ id: z.uuid(), label: z.string() }).nullable().describe('The revision named at this position, if the side was one'),
  })
  .meta({ id: 'HistoryPosition' });
export type ResolvedPosition = z.output<typeof resolvedPositionSchema>;

// ---------------------------------------------------------------------------------------------
// The timeline

export const historyQuery = z.strictObject({
  paragraphId: blockId.optional().describe('Only updates that touched this paragraph or sub-paragraph (or a sub-paragraph of it)'),
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, 'must be the `next` of a previous page')
    .optional()
    .describe('`next` of the previous page: entries before it'),
  category: z.enum(authorCategories).optional().describe('Only entries by members of this category'),
  memberId: z.uuid().optional().describe('Only entries by this member (an attributed dialogue only)'),
  limit: z
    .string()
    .regex(/^[1-9][0-9]{0,2}$/, `must be a whole number from 1 to ${MAX_HISTORY_PAGE}`)
    .transform(Number)
    .pipe(z.number().max(MAX_HISTORY_PAGE, `must be a whole number from 1 to ${MAX_HISTORY_PAGE}`))
    .optional().describe(`Entries per page, 1 to ${MAX_HISTORY_PAGE} (default 30)`),
});
/** As a caller writes it (the SDK puts it in the query string). */
export type HistoryQuery = Omit<z.input<typeof historyQuery>, 'limit'> & { limit?: number };

/** What made a change the server wrote, rather than an editor's typing. */
export const historySources = ['initial', 'amendment', 'restore', 'renumber', 'edit'] as const;
export type HistorySource = (typeof historySources)[number];

export const labelledParagraphSchema = z
  .object({
    paragraphId: z.string(),
    label: z.string().nullable().describe('"Box III(2bis)" as the paragraph was labelled then; null if it had no label'),
  })
  .meta({ id: 'LabelledParagraph' });
export type LabelledParagraph = z.output<typeof labelledParagraphSchema>;

export const historyEntrySchema = z
  .object({
    fromSeq: z.number().int(),
    toSeq: z.number().int(),
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    updates: z.number().int().describe('How many updates of the log the entry groups'),
    author: historyAuthorSchema,
    source: z.enum(historySources).describe('`edit` for editors typing; otherwise what the server wrote'),
    paragraphs: z.array(labelledParagraphSchema).describe('The paragraphs and sub-paragraphs it touched, in the order of the text then'),
    amendments: z
      .array(z.object({ id: z.uuid(), label: z.string(), kind: z.string() }))
      .describe('Amendments accepted in this span'),
    revisions: z.array(z.object({ id: z.uuid(), label: z.string() })).describe('Revisions named in this span'),
  })
  .meta({ id: 'HistoryEntry' });
export type HistoryEntry = z.output<typeof historyEntrySchema>;

export const historyPageSchema = z
  .object({
    entries: z.array(historyEntrySchema).describe('Newest first'),
    next: z.string().nullable().describe('The cursor of the next (older) page, or null at the start of the document'),
    seq: z.number().int().describe('The current log position'),
  })
  .meta({ id: 'HistoryPage' });
export type HistoryPage = z.output<typeof historyPageSchema>;

// ---------------------------------------------------------------------------------------------
// Revisions

/**
 * A name delegations cite: one line of visible characters, compared as it reads. Control, format
 * (zero-width) and line-break characters are refused; every kind of space reads as one space; the
 * text is stored in Unicode's composed form (NFC), so "é" typed two ways is one label.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const citedName = (max: number) =>
  z
    .string()
    .refine(...WELL_FORMED)
    .refine((text) => !INVISIBLE.test(text), 'must be one line of visible characters (no control, zero-width or line-break characters)')
    .transform((text) => text.normalize('NFC').replace(/\s+/gu, ' ').trim())
    .pipe(z.string().min(1, 'must not be empty').max(max, `at most ${max} characters`));

const revisionLabel = citedName(MAX_REVISION_LABEL_LENGTH);

export const createRevisionBody = z.strictObject({
  label: revisionLabel.describe('"Rev.1": unique in the document, whatever the case'),
  symbol: citedName(MAX_REVISION_SYMBOL_LENGTH)
    .optional()
    .describe('The document symbol, "CCW/GGE.1/2026/WP.1/Rev.1"'),
  statusDate: z.iso
    .date('must be a date, YYYY-MM-DD')
    .refine((date) => !date.startsWith('0000'), 'must be a date from the year 1 on')
    .optional().describe('The status date the revision carries (default: today)'),
  note: z
    .string()
    .trim()
    .max(MAX_REVISION_NOTE_LENGTH, `at most ${MAX_REVISION_NOTE_LENGTH} characters`)
    .refine(...NO_NUL)
    .refine(...WELL_FORMED)
    .optional(),
  renumber: z.boolean().optional().describe('A clean revision: pin the text, renumber every box (no more bis), name the result'),
});
export type CreateRevisionInput = z.input<typeof createRevisionBody>;

export const concordanceRowSchema = z
  .object({
    paragraphId: z.string(),
    kind: z.enum(['paragraph', 'subparagraph']),
    from: z.string().describe('"Box I(2bis)"'),
    to: z.string().describe('"Box I(3)"'),
    changed: z.boolean(),
  })
  .meta({ id: 'ConcordanceRow' });
export type ConcordanceRow = z.output<typeof concordanceRowSchema>;

export const revisionSchema = z
  .object({
    id: z.uuid(),
    documentId: z.uuid(),
    label: z.string(),
    symbol: z.string().nullable(),
    seq: z.number().int().describe('The log position the revision is pinned to'),
    baseSeq: z.number().int().nullable().describe('For a renumbered revision: the position of the text before renumbering'),
    renumbered: z.boolean(),
    statusDate: z.iso.date().nullable(),
    note: z.string().nullable(),
    createdAt: z.iso.datetime(),
    createdBy: historyAuthorSchema,
  })
  .meta({ id: 'Revision' });
export type Revision = z.output<typeof revisionSchema>;

export const revisionCreatedSchema = z
  .object({
    revision: revisionSchema,
    concordance: z.array(concordanceRowSchema).optional().describe('For a renumbered revision: every paragraph and sub-paragraph, old label to new'),
  })
  .meta({ id: 'RevisionCreated' });
export type RevisionCreated = z.output<typeof revisionCreatedSchema>;

export const revisionListSchema = z.object({ revisions: z.array(revisionSchema).describe('Oldest first') }).meta({ id: 'RevisionList' });
export const revisionEnvelopeSchema = z.object({ revision: revisionSchema }).meta({ id: 'RevisionEnvelope' });
export const concordanceSchema = z
  .object({ revision: revisionSchema, concordance: z.array(concordanceRowSchema) })
  .meta({ id: 'Concordance' });
export type Concordance = z.output<typeof concordanceSchema>;

export const textFormatQuery = z.strictObject({ format: z.enum(['json', 'plain']).optional() });

export const documentTextAtQuery = z.strictObject({
  format: z.enum(['json', 'plain']).optional(),
  at: positionRef.optional().describe('Read the text as it stood at this point (default: current)'),
});

export const restoreBody = z.strictObject({
  paragraphId: blockId.optional().describe('Restore only this paragraph (or sub-paragraph) as it was in the revision'),
});
export type RestoreInput = z.input<typeof restoreBody>;

export const restoreResultSchema = z
  .object({
    seq: z.number().int().describe('The log position after the restore (unchanged when the text already matched)'),
    changed: z.boolean(),
  })
  .meta({ id: 'RestoreResult' });
export type RestoreResult = z.output<typeof restoreResultSchema>;

/** The text at a point of the log, as GET …/text?at= and GET …/revisions/:id/text answer it. */
export const textAtSchema = z
  .object({
    documentId: z.uuid(),
    seq: z.number().int(),
    text: z.string().describe('The plain-text form'),
    content: z.object({}).loose().nullable().describe('The ProseMirror document as JSON; null while the document had no content'),
  })
  .meta({ id: 'TextAt' });
export type TextAt = z.output<typeof textAtSchema>;

// ---------------------------------------------------------------------------------------------
// Comparison

export const comparisonKinds = ['inserted', 'deleted', 'moved', 'modified', 'relabelled', 'status'] as const;
export type ComparisonKind = (typeof comparisonKinds)[number];

/**
 * One piece of a structured redline: words kept, added or removed, and bracket boundaries and
 * footnotes as themselves (never as the characters "[" or "^[").
 */
export const redlinePartSchema = z
  .object({
    op: z.enum(['equal', 'insert', 'delete']),
    kind: z.enum(['text', 'open', 'close', 'footnote']),
    text: z.string().describe('The words; for a footnote its text; empty for a bracket boundary'),
    sponsors: z.array(z.string()).optional().describe('For an opening bracket: its sponsors'),
    inBracket: z.boolean().describe('Whether the piece stands inside a bracket'),
  })
  .meta({ id: 'RedlinePart' });
export type RedlinePart = z.output<typeof redlinePartSchema>;

export const comparisonNoteKinds = [
  'bracket_added',
  'bracket_removed',
  'sponsor_added',
  'sponsor_removed',
  'alternative_added',
  'alternative_dropped',
  'footnote_added',
  'footnote_removed',
  'footnote_changed',
] as const;
export type ComparisonNoteKind = (typeof comparisonNoteKinds)[number];

export const comparisonNoteSchema = z
  .object({
    kind: z.enum(comparisonNoteKinds),
    text: z.string().describe("The bracket's words, the footnote's text, or the alternative's label"),
    sponsor: z.string().optional().describe('For a sponsor added or removed'),
  })
  .meta({ id: 'ComparisonNote' });
export type ComparisonNote = z.output<typeof comparisonNoteSchema>;

export const comparisonChangeSchema = z
  .object({
    paragraphId: z.string().describe('The permanent id of the paragraph or sub-paragraph'),
    blockKind: z.enum(['paragraph', 'subparagraph']),
    kind: z.enum(comparisonKinds),
    box: z.string().describe('The box it is in on the `to` side ("III"); on the `from` side when deleted'),
    fromLabel: z.string().optional(),
    toLabel: z.string().optional(),
    fromStatus: z.string().optional(),
    toStatus: z.string().optional(),
    redline: z.array(redlinePartSchema).optional().describe('For modified: the word-level redline, `from` to `to`'),
    text: z.string().optional().describe('For inserted and deleted: the wording (plain-text format)'),
    notes: z.array(comparisonNoteSchema).optional().describe('Brackets, sponsors, alternatives and footnotes that appeared, disappeared or changed'),
  })
  .meta({ id: 'ComparisonChange' });
export type ComparisonChange = z.output<typeof comparisonChangeSchema>;

const counts = {
  inserted: z.number().int(),
  deleted: z.number().int(),
  moved: z.number().int(),
  modified: z.number().int(),
  relabelled: z.number().int(),
  status: z.number().int(),
};

export const comparisonSummarySchema = z
  .object({
    ...counts,
    byBox: z.array(z.object({ box: z.string(), title: z.string(), ...counts })).describe('Per box of the `to` side (and boxes only the `from` side has)'),
  })
  .meta({ id: 'ComparisonSummary' });
export type ComparisonSummary = z.output<typeof comparisonSummarySchema>;

export const comparisonSchema = z
  .object({
    from: resolvedPositionSchema,
    to: resolvedPositionSchema,
    summary: comparisonSummarySchema,
    changes: z.array(comparisonChangeSchema).describe('In the order of the `to` text; deletions where they stood'),
  })
  .meta({ id: 'Comparison' });
export type Comparison = z.output<typeof comparisonSchema>;

export const compareQuery = z.strictObject({ from: positionRef, to: positionRef });

// ---------------------------------------------------------------------------------------------
// Progress

export const boxProgressSchema = z
  .object({
    box: z.string().describe('"III"'),
    title: z.string(),
    openBrackets: z.number().int(),
    agreed: z.number().int(),
    agreedAdRef: z.number().int(),
    underNegotiation: z.number().int(),
  })
  .meta({ id: 'BoxProgress' });
export type BoxProgress = z.output<typeof boxProgressSchema>;

export const progressSchema = z
  .object({
    points: z
      .array(
        z.object({
          label: z.string().describe('The revision\'s label, or "Now"'),
          revisionId: z.uuid().nullable(),
          seq: z.number().int(),
          statusDate: z.iso.date().nullable(),
          boxes: z.array(boxProgressSchema),
        }),
      )
      .describe('Each named revision, oldest first, then the text now'),
  })
  .meta({ id: 'Progress' });
export type Progress = z.output<typeof progressSchema>;
