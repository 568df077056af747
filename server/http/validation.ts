import type { ValidationTargets } from 'hono';
import { validator } from 'hono-openapi';
import * as v from 'valibot';
import { AppError } from '../domain/app-error.ts';

/**
 * Hono validation with a valibot schema from `shared/`, registered for the OpenAPI
 * document at the same time. A failure becomes a 400 problem listing every field.
 */
export function valid<S extends v.GenericSchema, T extends keyof ValidationTargets>(target: T, schema: S) {
  return validator(target, schema, (result) => {
    if (result.success) return;
    const fields = result.error.map((issue) => {
      const path = issue.path?.map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.');
      return { field: path || target, message: issue.message };
    });
    throw new AppError('validation', 400, `Invalid ${target === 'json' ? 'body' : target}: ${fields.map((f) => f.field).join(', ')}.`, fields);
  });
}
