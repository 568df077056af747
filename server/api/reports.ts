import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { EventIdParam } from '../../shared/event-schemas.ts';
import { AccountStatsOut, EventReportOut, RatingBody } from '../../shared/report-schemas.ts';
import type { EventsService } from '../domain/events-service.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, noContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';
import type { StatsService } from '../stats/stats-service.ts';
import { eventIdParameter } from './scheduling-params.ts';

const tags = ['Reports and statistics'];
const csv = (description: string) => ({ description, content: { 'text/csv': { schema: { type: 'string' as const } } } });

/** The event report (POST-1), its downloads, the thank-you page's rating, and the account statistics. */
export function reportRoutes(stats: StatsService, events: EventsService) {
  const parameters = [eventIdParameter];
  return new Hono<AppEnv>()
    .post('/events/:id/rating',
      describeRoute({ tags, summary: 'Rate the event (1–5) with an optional comment, from the thank-you page, with the room ticket', parameters, responses: { 204: noContent('Saved (a second rating replaces the first)'), 400: problem('Invalid field'), 403: problem('The ticket does not belong to this event') } }),
      valid('param', EventIdParam),
      valid('json', RatingBody),
      async (c) => {
        await stats.rate(c.req.valid('param').id, c.req.valid('json'));
        return c.body(null, 204);
      })
    .get('/events/:id/report',
      describeRoute({ tags, summary: 'The event report: summary, attendees over time, polls, ratings, attendance, chat and Q&A transcripts (live during the event)', parameters, responses: { 200: jsonContent(EventReportOut, 'Report'), 404: problem('No such event in this account') } }),
      signedIn,
      valid('param', EventIdParam),
      (c) => c.json(stats.report(events.owned(requireCaller(c), c.req.valid('param').id))))
    .get('/events/:id/report.csv',
      describeRoute({ tags, summary: 'The attendance as CSV, one row per attendee (stays, total time, device, browser, country, rating, engagement)', parameters, responses: { 200: csv('CSV'), 404: problem('No such event in this account') } }),
      signedIn,
      valid('param', EventIdParam),
      (c) => {
        const event = events.owned(requireCaller(c), c.req.valid('param').id);
        return c.body(stats.reportCsv(event), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="attendance-${event.publicId}.csv"` });
      })
    .get('/events/:id/report.json',
      describeRoute({ tags, summary: 'The whole report as a JSON download', parameters, responses: { 200: jsonContent(EventReportOut, 'Report'), 404: problem('No such event in this account') } }),
      signedIn,
      valid('param', EventIdParam),
      (c) => {
        const event = events.owned(requireCaller(c), c.req.valid('param').id);
        return c.body(JSON.stringify(stats.report(event), null, 2), 200, { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="report-${event.publicId}.json"` });
      })
    .get('/account/statistics',
      describeRoute({ tags, summary: 'Account statistics: events and attendees per month, countries, devices, browsers, operating systems', responses: { 200: jsonContent(AccountStatsOut, 'Statistics') } }),
      signedIn,
      (c) => c.json(stats.accountStats(requireCaller(c).accountId)))
    .get('/account/statistics.csv',
      describeRoute({ tags, summary: 'Account statistics as CSV (section, name, value)', responses: { 200: csv('CSV') } }),
      signedIn,
      (c) => c.body(stats.accountStatsCsv(requireCaller(c).accountId), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="statistics.csv"' }));
}
