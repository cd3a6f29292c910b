/**
 * The contract's request bodies, with one rule the database adds: PostgreSQL's text cannot hold a
 * NUL character, so one in a body or quote is a 400 naming the field instead of a failed insert (a 500).
 */
import { commentBodyInput, createThreadBody } from '@accord/contract';
import { z } from 'zod';

const storable = <S extends z.ZodString>(schema: S) => schema.refine((text) => !text.includes('\u0000'), 'must not contain a NUL character');

export const createThreadInput = createThreadBody.extend({
  body: storable(createThreadBody.shape.body),
  quote: storable(createThreadBody.shape.quote.unwrap()).optional(),
});

export const commentBodyStorable = commentBodyInput.extend({ body: storable(commentBodyInput.shape.body) });
