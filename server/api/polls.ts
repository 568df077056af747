import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import { EventIdParam } from '../../shared/event-schemas.ts';
import { PollInput, PollOut } from '../../shared/poll-schemas.ts';
import type { PollsService } from '../domain/polls-service.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, noContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';

const tags = ['Polls'];
const PollParams = v.object({ ...EventIdParam.entries, pollId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) });
const params = [
  { name: 'id', in: 'path' as const, required: true, schema: { type: 'string' as const } },
  { name: 'pollId', in: 'path' as const, required: true, schema: { type: 'string' as const } },
];
const PollResultsOut = v.object({
  pollId: v.string(),
  respondents: v.number(),
  questions: v.array(v.object({ questionId: v.string(), answered: v.number(), choices: v.record(v.string(), v.number()), correctChoiceIds: v.optional(v.array(v.string())) })),
});

/** Polls and tests prepared with the event, their results and every answer as CSV (ROOM-8). */
export function pollRoutes(polls: PollsService) {
  return new Hono<AppEnv>()
    .use('*', signedIn)
    .post('/:id/polls',
      describeRoute({ tags, summary: 'Prepare a poll or a test for the event', parameters: params.slice(0, 1), responses: { 201: jsonContent(PollOut, 'The poll, with ids for its questions and choices'), 400: problem('Invalid field'), 404: problem('No such event in this account') } }),
      valid('param', EventIdParam),
      valid('json', PollInput),
      (c) => c.json(polls.create(requireCaller(c), c.req.valid('param').id, c.req.valid('json')), 201))
    .get('/:id/polls',
      describeRoute({ tags, summary: 'The event’s polls and tests with how many answered', parameters: params.slice(0, 1), responses: { 200: jsonContent(v.object({ polls: v.array(v.object({ ...PollOut.entries, respondents: v.number() })) }), 'Polls') } }),
      valid('param', EventIdParam),
      (c) => c.json({ polls: polls.list(requireCaller(c), c.req.valid('param').id) }))
    .delete('/:id/polls/:pollId',
      describeRoute({ tags, summary: 'Delete a poll that has not been run', parameters: params, responses: { 204: noContent('Deleted'), 404: problem('No such poll'), 409: problem('The poll has been run') } }),
      valid('param', PollParams),
      (c) => {
        const { id, pollId } = c.req.valid('param');
        polls.delete(requireCaller(c), id, pollId);
        return c.body(null, 204);
      })
    .get('/:id/polls/:pollId/results',
      describeRoute({ tags, summary: 'Tally of a poll: answers per choice, and the right answers of a test', parameters: params, responses: { 200: jsonContent(PollResultsOut, 'Results'), 404: problem('No such poll') } }),
      valid('param', PollParams),
      (c) => {
        const { id, pollId } = c.req.valid('param');
        return c.json(polls.results(requireCaller(c), id, pollId));
      })
    .get('/:id/polls/:pollId/answers.csv',
      describeRoute({ tags, summary: 'Every individual answer as CSV (name, e-mail, question, answer, test score, time)', parameters: params, responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, 404: problem('No such poll') } }),
      valid('param', PollParams),
      (c) => {
        const { id, pollId } = c.req.valid('param');
        const { filename, csv } = polls.answersCsv(requireCaller(c), id, pollId);
        return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` });
      });
}
