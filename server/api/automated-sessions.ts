import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import { AddSessionBody, RescheduleSessionBody, SessionOut, SessionRuleBody, SessionsOut } from '../../shared/automated-sessions.ts';
import { EventIdParam } from '../../shared/event-schemas.ts';
import type { AutomatedOverrides } from '../automated/automated-overrides.ts';
import type { SessionsService } from '../automated/sessions-service.ts';
import type { EventsService } from '../domain/events-service.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, noContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';

const tags = ['Automated and on-demand'];
const idParameter = { name: 'id', in: 'path' as const, required: true, schema: { type: 'string' as const }, description: 'The webinar (the series)' };
const sessionParameter = { name: 'sessionId', in: 'path' as const, required: true, schema: { type: 'string' as const }, description: 'The session’s own event id' };
const SessionParam = v.object({ ...EventIdParam.entries, sessionId: v.pipe(v.string(), v.regex(/^\d{1,12}$/, 'The session id is a number.'), v.transform(Number)) });
const OverridesOut = v.object({
  entries: v.array(v.object({ at: v.string(), positionMs: v.number(), kind: v.picklist(['manual', 'skipped']), action: v.string(), by: v.string(),
    actor: v.nullable(v.object({ participantId: v.string(), name: v.string(), role: v.string() })) })),
});
const notAutomated = problem('The event is not an automated webinar, or is itself a session (`not-automated`, `is-a-session`)');

/** Sessions of an automated webinar (AUTO-1) and the log of manual changes in its rooms (AUTO-3). */
export function automatedSessionRoutes(sessions: SessionsService, overrides: AutomatedOverrides, events: EventsService) {
  return new Hono<AppEnv>()
    .use('*', signedIn)
    .get('/:id/sessions',
      describeRoute({ tags, summary: 'The sessions of an automated webinar (its own start first) and its weekly rule', parameters: [idParameter], responses: { 200: jsonContent(SessionsOut, 'Sessions'), 404: problem('No such event in this account'), 409: notAutomated } }),
      valid('param', EventIdParam),
      (c) => c.json(sessions.list(requireCaller(c), c.req.valid('param').id)))
    .post('/:id/sessions',
      describeRoute({
        tags, summary: 'Add a session at a time; it gets its own room, registrants, attendance, statistics and links', parameters: [idParameter],
        responses: { 201: jsonContent(SessionOut, 'Added'), 400: problem('Invalid time or in the past'), 404: problem('No such event in this account'), 409: problem('Overlaps another session (`session-overlap`), too many sessions, or not an automated webinar') },
      }),
      valid('param', EventIdParam),
      valid('json', AddSessionBody),
      (c) => c.json(sessions.add(requireCaller(c), c.req.valid('param').id, c.req.valid('json').startsAt), 201))
    .put('/:id/sessions/rule',
      describeRoute({
        tags, summary: 'Set or remove the weekly rule (days and wall-clock time in the event’s zone)',
        description: `Sessions are made ${28} days ahead and kept ahead once a day. Removing or changing the rule removes its future sessions nobody registered for; a session with registrants stays, so their links keep working.`,
        parameters: [idParameter], responses: { 200: jsonContent(SessionsOut, 'Sessions'), 400: problem('Invalid rule'), 404: problem('No such event in this account'), 409: notAutomated },
      }),
      valid('param', EventIdParam),
      valid('json', SessionRuleBody),
      (c) => c.json(sessions.setRule(requireCaller(c), c.req.valid('param').id, c.req.valid('json').rule)))
    .patch('/:id/sessions/:sessionId',
      describeRoute({
        tags, summary: 'Reschedule a session; every registrant’s personal link keeps working and its start job is replanned', parameters: [idParameter, sessionParameter],
        responses: { 200: jsonContent(SessionOut, 'Rescheduled'), 400: problem('Invalid time or in the past'), 404: problem('No such session'), 409: problem('Started already (`session-started`) or overlaps another session') },
      }),
      valid('param', SessionParam),
      valid('json', RescheduleSessionBody),
      (c) => {
        const { id, sessionId } = c.req.valid('param');
        const body = c.req.valid('json');
        return c.json(sessions.reschedule(requireCaller(c), id, sessionId, body.startsAt, body.notify));
      })
    .delete('/:id/sessions/:sessionId',
      describeRoute({ tags, summary: 'Remove a session nobody registered for that has not started', parameters: [idParameter, sessionParameter], responses: { 204: noContent('Removed'), 404: problem('No such session'), 409: problem('The first session, started, or has registrants') } }),
      valid('param', SessionParam),
      (c) => {
        const { id, sessionId } = c.req.valid('param');
        sessions.remove(requireCaller(c), id, sessionId);
        return c.body(null, 204);
      })
    .get('/:id/automated-log',
      describeRoute({ tags, summary: 'Manual changes in the automated room (a manual change wins over the timeline) and the timeline actions they overrode', parameters: [idParameter], responses: { 200: jsonContent(OverridesOut, 'Log, newest first'), 404: problem('No such event in this account') } }),
      valid('param', EventIdParam),
      (c) => c.json({ entries: overrides.list(events.owned(requireCaller(c), c.req.valid('param').id).id) }));
}
