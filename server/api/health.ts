import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import type { DatabaseHandle } from '../db/database.ts';
import { jsonContent } from '../http/openapi-helpers.ts';

export const HealthOut = v.object({
  status: v.picklist(['ok', 'degraded']),
  database: v.object({ ok: v.boolean(), error: v.optional(v.string()) }),
  uptimeSeconds: v.number(),
});

/** `GET /health`: 200 while the database answers, 503 when it does not. */
export function healthRoutes(database: DatabaseHandle, startedAt: Date) {
  return new Hono().get('/',
    describeRoute({ tags: ['Operations'], summary: 'Health of the server and its database', responses: { 200: jsonContent(HealthOut, 'Healthy'), 503: jsonContent(HealthOut, 'A dependency is down') } }),
    (c) => {
      let db: v.InferOutput<typeof HealthOut>['database'];
      try {
        database.sqlite.prepare('select 1').get();
        db = { ok: true };
      } catch (error) {
        db = { ok: false, error: error instanceof Error ? error.message : 'unavailable' };
      }
      const body = { status: db.ok ? ('ok' as const) : ('degraded' as const), database: db, uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000) };
      return c.json(body, db.ok ? 200 : 503);
    });
}
