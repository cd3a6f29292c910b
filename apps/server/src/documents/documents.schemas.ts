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
