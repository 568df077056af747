import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/domain/app-error.ts';
import { problemResponse } from '../../server/http/problem.ts';
import type { Logger } from '../../server/logger.ts';

function appThrowing(error: unknown, logged: unknown[]) {
  const logger: Logger = { debug() {}, info() {}, warn() {}, error: (_m, e) => logged.push(e) };
  const app = new Hono().get('/', () => {
    throw error;
  });
  app.onError((e, c) => problemResponse(c, e, logger));
  return app;
}

describe('error answers', () => {
  it('an unknown error is logged and answered with a generic 500 that reveals nothing', async () => {
    const logged: unknown[] = [];
    const response = await appThrowing(new Error('SQLITE_CORRUPT at /secret/path/app.db'), logged).request('/');
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const text = await response.text();
    expect(text).not.toContain('SQLITE');
    expect(text).not.toContain('/secret');
    expect(JSON.parse(text)).toMatchObject({ status: 500, code: 'internal' });
    expect(logged).toHaveLength(1);
  });

  it('a domain error keeps its status, code and fields', async () => {
    const response = await appThrowing(new AppError('validation', 400, 'Bad.', [{ field: 'name', message: 'Enter a name.' }]), []).request('/');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation', errors: [{ field: 'name', message: 'Enter a name.' }], detail: 'name: Enter a name.' });
  });
});
