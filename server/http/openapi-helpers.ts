import { resolver } from 'hono-openapi';
import type * as v from 'valibot';

/** OpenAPI fragments shared by the routers, built from the same valibot schemas the handlers use. */
export function jsonContent(schema: v.GenericSchema, description: string) {
  return { description, content: { 'application/json': { schema: resolver(schema) } } };
}

export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

export const noContent = (description: string) => ({ description });
