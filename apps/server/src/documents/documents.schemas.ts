import { z } from 'zod';

// The document request and response schemas are the API contract and live in @accord/contract.

/** `?format=plain` answers the text alone as text/plain; the default is JSON with the ProseMirror content too. */
export const documentTextQuery = z.object({
  format: z.enum(['json', 'plain']).default('json'),
});
