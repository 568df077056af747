import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import { Timeline } from '../../shared/automated-timeline.ts';
import { EventIdParam } from '../../shared/event-schemas.ts';
import type { TimelinesService } from '../automated/timelines-service.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';

const tags = ['Automated and on-demand'];
const parameters = [{ name: 'id', in: 'path' as const, required: true, schema: { type: 'string' as const } }];
const TimelineOut = v.object({ timeline: Timeline, updatedAt: v.nullable(v.string()) });

/** The two-lane timeline of an automated or on-demand event (AUTO-1, AUTO-2, OD-1). */
export function timelineRoutes(timelines: TimelinesService) {
  return new Hono<AppEnv>()
    .use('*', signedIn)
    .get('/:id/timeline',
      describeRoute({ tags, summary: 'The event’s timeline (an empty one until it is first saved)', parameters, responses: { 200: jsonContent(TimelineOut, 'Timeline'), 404: problem('No such event in this account') } }),
      valid('param', EventIdParam),
      (c) => c.json(timelines.get(requireCaller(c), c.req.valid('param').id)))
    .put('/:id/timeline',
      describeRoute({
        tags,
        summary: 'Replace the timeline as a whole; refused whole when any item breaks a rule (each offending item named)',
        parameters,
        responses: {
          200: jsonContent(TimelineOut, 'Saved'),
          400: problem('Invalid field'),
          404: problem('No such event in this account'),
          409: problem('The event is not automated or on-demand'),
          422: problem('Items overlap, run beyond their file, or use a file or poll that is not there'),
        },
      }),
      valid('param', EventIdParam),
      valid('json', Timeline),
      (c) => c.json(timelines.put(requireCaller(c), c.req.valid('param').id, c.req.valid('json'))));
}
