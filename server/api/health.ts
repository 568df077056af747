import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import type { DatabaseHandle } from '../db/database.ts';
import { jsonContent } from '../http/openapi-helpers.ts';
import type { MediaService } from '../media/media-service.ts';
import { MediaStatus } from '../../shared/media-schemas.ts';

export const HealthOut = v.object({
  status: v.picklist(['ok', 'degraded']),
  database: v.object({ ok: v.boolean(), error: v.optional(v.string()) }),
  /** Audio and video (LiveKit): ready, unavailable with the reason, or turned off. */
  media: v.intersect([MediaStatus, v.object({ ok: v.boolean(), error: v.optional(v.string()) })]),
  /** The recorder (ROOM-13): ready, unavailable with the reason, or turned off; its tools and what it records now. */
  recorder: v.optional(v.object({
    state: v.picklist(['ready', 'unavailable', 'disabled']),
    backend: v.string(),
    reason: v.optional(v.string()),
    chromium: v.boolean(),
    ffmpeg: v.boolean(),
    running: v.number(),
  })),
  uptimeSeconds: v.number(),
});
export type RecorderHealth = NonNullable<v.InferOutput<typeof HealthOut>['recorder']>;

/**
 * `GET /health`: 200 while the database answers, 503 when it does not. Media that should
 * work but does not makes the status "degraded" (rooms still run, without audio and
 * video); media turned off on purpose does not.
 */
export function healthRoutes(database: DatabaseHandle, startedAt: Date, media: MediaService, recorder?: () => RecorderHealth) {
  return new Hono().get('/',
    describeRoute({ tags: ['Operations'], summary: 'Health of the server, its database, its LiveKit and its recorder (recording is optional: an unavailable recorder says why without making the server degraded)', responses: { 200: jsonContent(HealthOut, 'Healthy'), 503: jsonContent(HealthOut, 'A dependency is down') } }),
    async (c) => {
      let db: v.InferOutput<typeof HealthOut>['database'];
      try {
        database.sqlite.prepare('select 1').get();
        db = { ok: true };
      } catch (error) {
        db = { ok: false, error: error instanceof Error ? error.message : 'unavailable' };
      }
      const status = media.status;
      const probe = status.state === 'disabled' ? { ok: true } : await media.probe();
      const healthy = db.ok && probe.ok;
      const body = { status: healthy ? ('ok' as const) : ('degraded' as const), database: db, media: { ...status, ...probe }, ...(recorder && { recorder: recorder() }), uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000) };
      return c.json(body, db.ok ? 200 : 503);
    });
}
