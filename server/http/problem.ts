import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Problem } from '../../shared/problem.ts';
import { AppError, RateLimitedError } from '../domain/app-error.ts';
import type { Logger } from '../logger.ts';

/** Maps any thrown error to `application/problem+json`, in this one place (ARCHITECTURE.md convention 7). */
export function problemResponse(c: Context, error: unknown, logger: Logger): Response {
  let problem: Problem;
  if (error instanceof AppError) {
    problem = { type: `about:blank#${error.code}`, title: error.message, status: error.status, code: error.code, ...(error.fields && { errors: error.fields }) };
  } else if (error instanceof HTTPException && error.status < 500) {
    // Hono's own refusals, e.g. a body that is not JSON.
    problem = { type: 'about:blank#bad-request', title: error.message || 'Bad request.', status: error.status, code: 'bad-request' };
  } else {
    logger.error(`${c.req.method} ${c.req.path} failed`, error);
    problem = { type: 'about:blank#internal', title: 'Something went wrong on our side. Please try again.', status: 500, code: 'internal' };
  }
  if (problem.errors?.length) problem.detail = problem.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json', ...(error instanceof RateLimitedError && { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterSeconds))) }) },
  });
}
