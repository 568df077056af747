import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import { EventIdParam } from '../../shared/event-schemas.ts';
import { AnswerBody, MessageOut, MessageParam, OnDemandSettings, PublishBody, PublishOut, RecordingParam, StatsOut } from '../../shared/ondemand-schemas.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';
import type { OnDemandMessages } from '../ondemand/ondemand-messages.ts';
import type { OnDemandPublisher } from '../ondemand/ondemand-publish.ts';
import type { OnDemandSettingsService } from '../ondemand/ondemand-settings.ts';
import type { OnDemandStats } from '../ondemand/ondemand-stats.ts';

const tags = ['On-demand'];
const parameters = [{ name: 'id', in: 'path' as const, required: true, schema: { type: 'string' as const } }];
const InboxOut = v.object({ eventName: v.string(), delivery: v.string(), messages: v.array(MessageOut) });

/** The organizer's side of on-demand events (mounted under /events): settings, inbox, statistics. */
export function onDemandOrganizerRoutes(deps: { settings: OnDemandSettingsService; messages: OnDemandMessages; stats: OnDemandStats }) {
  const { settings, messages, stats } = deps;
  return new Hono<AppEnv>()
    .use('/:id/ondemand/*', signedIn)
    .get('/:id/ondemand/settings',
      describeRoute({ tags, parameters, summary: 'The on-demand settings: lead gate, name, contact group, pause and seek', responses: { 200: jsonContent(OnDemandSettings, 'Settings'), 404: problem('No such event'), 409: problem('Not an on-demand event') } }),
      valid('param', EventIdParam),
      (c) => c.json(settings.get(requireCaller(c), c.req.valid('param').id)))
    .put('/:id/ondemand/settings',
      describeRoute({ tags, parameters, summary: 'Save the on-demand settings', responses: { 200: jsonContent(OnDemandSettings, 'Saved'), 400: problem('Invalid field'), 409: problem('Not an on-demand event'), 422: problem('The contact group is not in this account') } }),
      valid('param', EventIdParam),
      valid('json', OnDemandSettings),
      (c) => c.json(settings.save(requireCaller(c), c.req.valid('param').id, c.req.valid('json'))))
    .get('/:id/ondemand/messages',
      describeRoute({ tags, parameters, summary: 'The inbox: viewers\' messages, newest first, with the answer and its e-mail\'s status', responses: { 200: jsonContent(InboxOut, 'Messages') } }),
      valid('param', EventIdParam),
      (c) => c.json(messages.inbox(requireCaller(c), c.req.valid('param').id)))
    .post('/:id/ondemand/messages/:messageId/answer',
      describeRoute({ tags, parameters: [...parameters, { name: 'messageId', in: 'path' as const, required: true, schema: { type: 'string' as const } }], summary: 'Answer a message: the answer is e-mailed to the viewer', responses: { 200: jsonContent(MessageOut, 'Answered (see mailStatus)'), 400: problem('Empty, too long or with HTML'), 404: problem('No such message'), 409: problem('Answered already') } }),
      valid('param', MessageParam),
      valid('json', AnswerBody),
      (c) => {
        const p = c.req.valid('param');
        return c.json(messages.answer(requireCaller(c), p.id, p.messageId, c.req.valid('json').text));
      })
    .get('/:id/ondemand/stats',
      describeRoute({ tags, parameters, summary: 'Statistics: unique viewers, per viewer time watched, how far, CTA clicks, poll answers, messages; the labelled drop-off curve', responses: { 200: jsonContent(StatsOut, 'Statistics') } }),
      valid('param', EventIdParam),
      (c) => c.json(stats.stats(requireCaller(c), c.req.valid('param').id)))
    .get('/:id/ondemand/stats.csv',
      describeRoute({ tags, parameters, summary: 'The viewers\' statistics as CSV', responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' as const } } } } } }),
      valid('param', EventIdParam),
      (c) => {
        const id = c.req.valid('param').id;
        return c.body(stats.csv(requireCaller(c), id), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="on-demand-${id}-viewers.csv"` });
      });
}

/** POST /recordings/{id}/publish: the recording becomes an on-demand event (mounted under /api/v1). */
export function onDemandPublishRoutes(publisher: OnDemandPublisher) {
  return new Hono<AppEnv>()
    .use('/recordings/:recordingId/publish', signedIn)
    .post('/recordings/:recordingId/publish',
      describeRoute({
        tags: ['Recordings', 'On-demand'],
        parameters: [{ name: 'recordingId', in: 'path' as const, required: true, schema: { type: 'string' as const } }],
        summary: 'Publish a recording as an on-demand event: its timeline is the recording between the trim points, with the live session\'s CTAs and polls at the times they happened',
        responses: { 201: jsonContent(PublishOut, 'The new on-demand event'), 404: problem('No such recording in this account'), 409: problem('The recording is not ready') },
      }),
      valid('param', RecordingParam),
      valid('json', PublishBody),
      async (c) => c.json(await publisher.publish(requireCaller(c), c.req.valid('param').recordingId, c.req.valid('json').name), 201));
}
