/**
 * Documents in and out: the export route's query, and the import route's fields and report
 * (docs/documents-in-and-out.md).
 */
import { z } from 'zod';
import { documentSchema } from './documents.js';
import { positionRef } from './history.js';

export const exportFormats = ['docx', 'pdf', 'akn', 'html', 'plain', 'markdown'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** What each format is called in a menu, and its file extension and content type. */
export const exportFormatInfo: Record<ExportFormat, { label: string; extension: string; contentType: string }> = {
  docx: { label: 'Word (DOCX)', extension: 'docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  pdf: { label: 'PDF', extension: 'pdf', contentType: 'application/pdf' },
  akn: { label: 'Akoma Ntoso XML', extension: 'akn.xml', contentType: 'application/akn+xml; charset=utf-8' },
  html: { label: 'HTML', extension: 'html', contentType: 'text/html; charset=utf-8' },
  plain: { label: 'Plain text', extension: 'txt', contentType: 'text/plain; charset=utf-8' },
  markdown: { label: 'Markdown', extension: 'md', contentType: 'text/markdown; charset=utf-8' },
};

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .describe('"true" or "false"');

export const exportQuery = z
  .strictObject({
    format: z.enum(exportFormats).describe('docx, pdf, akn (Akoma Ntoso 3.0 XML), html, plain or markdown'),
    revision: positionRef.default('current').describe('The text to export: "current", a revision id or "seq:<n>"; with compare, the newer side'),
    compare: positionRef.optional().describe('A redline: the older side ("seq:<n>" or a revision id); tracked changes in DOCX, <ins>/<del> in HTML and PDF'),
    compilation: flag.optional().describe('The compilation of amendments under each paragraph, instead of the text alone'),
  })
  .superRefine((q, ctx) => {
    if (q.compare !== undefined && q.compilation) ctx.addIssue({ code: 'custom', path: ['compilation'], message: 'a compilation cannot also be a redline' });
    if (q.compare !== undefined && (q.format === 'akn' || q.format === 'markdown' || q.format === 'plain')) {
      ctx.addIssue({ code: 'custom', path: ['compare'], message: 'a redline is exported as docx, pdf or html' });
    }
    if (q.compilation && q.revision !== 'current') ctx.addIssue({ code: 'custom', path: ['revision'], message: 'the compilation is of the current text' });
  });
export type ExportQuery = z.output<typeof exportQuery>;

/** What the server can export on this machine (PDF needs Chromium). */
export const exportCapabilitiesSchema = z
  .object({
    formats: z.array(
      z.object({
        format: z.enum(exportFormats),
        label: z.string(),
        available: z.boolean(),
        reason: z.string().nullable().describe('Why not, when unavailable: "PDF needs Chromium on the server (CHROMIUM_PATH)"'),
        redline: z.boolean().describe('Whether this format can show a redline'),
      }),
    ),
  })
  .meta({ id: 'ExportCapabilities' });
export type ExportCapabilities = z.output<typeof exportCapabilitiesSchema>;

export const importSources = ['docx', 'markdown', 'plain'] as const;
export type ImportSource = (typeof importSources)[number];

/** The multipart fields beside `file`. */
export const importFields = z.strictObject({
  title: z.string().trim().min(1).max(300).optional().describe('Required unless dryRun; a dry run suggests one from the file'),
  symbol: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .regex(/^[A-Za-z0-9][A-Za-z0-9./\-_() ]*$/, 'letters, digits and . / - _ ( ) only')
    .optional()
    .describe('Required unless dryRun; a dry run suggests one from the file'),
  dryRun: flag.optional().describe('"true": return the report and create nothing'),
  trackedChanges: z.enum(['accept', 'reject']).optional().describe('Required when the DOCX holds tracked changes: take its newer text (accept) or its older (reject)'),
  comments: z.enum(['drop']).optional().describe('Required when the DOCX holds comments: they are not imported'),
});
export type ImportFields = z.output<typeof importFields>;

const recognizedKind = z.object({ count: z.number().int(), examples: z.array(z.string()).describe('The first few, as cited or quoted') });

export const importReportSchema = z
  .object({
    source: z.enum(importSources),
    fileName: z.string(),
    suggested: z.object({ title: z.string().nullable(), symbol: z.string().nullable(), statusDate: z.string().nullable() }).describe('Read from the front matter'),
    recognized: z.object({
      boxes: recognizedKind,
      paragraphs: recognizedKind,
      subparagraphs: recognizedKind,
      alternatives: recognizedKind,
      brackets: recognizedKind,
      sponsors: recognizedKind,
      footnotes: recognizedKind,
      statuses: recognizedKind,
    }),
    unrecognized: z
      .array(z.object({ line: z.number().int(), text: z.string(), reason: z.string(), keptAs: z.enum(['paragraph', 'dropped']) }))
      .describe('Lines not recognized, with what became of them'),
    trackedChanges: z
      .object({ insertions: z.number().int(), deletions: z.number().int(), moves: z.number().int(), examples: z.array(z.string()), applied: z.enum(['accept', 'reject']).nullable() })
      .describe('Tracked changes found in a DOCX; the import needs trackedChanges=accept|reject when there are any'),
    comments: z.object({ count: z.number().int(), examples: z.array(z.string()) }).describe('Comments found in a DOCX (never their authors); the import needs comments=drop when there are any'),
    warnings: z.array(z.string()),
    needs: z.array(z.enum(['title', 'symbol', 'trackedChanges', 'comments'])).describe('Choices still to make before the document can be created'),
    preview: z.string().describe('The text that would be created, in the plain-text format'),
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.output<typeof importReportSchema>;

export const importResultSchema = z
  .object({ document: documentSchema.nullable().describe('null for a dry run'), report: importReportSchema })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.output<typeof importResultSchema>;

/** The largest file the import reads. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
