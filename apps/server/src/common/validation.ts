import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { AppError, type FieldIssue } from './app-error.js';

/** Turns zod's issues into the field list a 400 carries. */
export function fieldIssues(error: z.ZodError, prefix?: string): FieldIssue[] {
  const name = (path: PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join('.') || '(body)';
  return error.issues.flatMap((issue) =>
    // An unexpected key is named itself, not the object that holds it.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: name([...issue.path, key]), message: 'unknown field' }))
      : [{ field: name(issue.path), message: issue.message }],
  );
}

export function validationError(fields: FieldIssue[]): AppError {
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return new AppError('VALIDATION_FAILED', `Invalid request: ${summary}`, { fields });
}

/** Parses a request part with a zod schema at the edge: `@Body(new Zod(schema))`. */
@Injectable()
export class Zod<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.output<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    // A single path parameter is named by the parameter itself; bodies are named by their fields.
    const prefix = metadata.type === 'param' || metadata.type === 'query' ? metadata.data : undefined;
    throw validationError(fieldIssues(result.error, prefix));
  }
}
