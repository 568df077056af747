import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { CreateEventBody, CreateTokensBody, DeleteEventQuery, EventEntryOut, EventIdParam, EventListOut, EventOut, TokenListOut, UpdateEventBody } from '../../shared/event-schemas.ts';
import { JoinBody, JoinOut } from '../../shared/join-schemas.ts';
import type { EventsService } from '../domain/events-service.ts';
import type { JoinService } from '../domain/join-service.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, noContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';
import { limitPerAddress } from '../http/rate-limit.ts';

const tags = ['Events'];
const idParam = { name: 'id', in: 'path' as const, required: true, description: 'The numeric event id', schema: { type: 'string' as const, pattern: '^\\d+$' } };

/** The events REST API (EV-1..4): organizers' CRUD and tokens, everyone's entry and join. */
export function eventRoutes(events: EventsService, joins: JoinService, entryRatePerMinute = 120) {
  return new Hono<AppEnv>()
    .post('/',
      describeRoute({ tags, summary: 'Schedule an event', responses: { 201: jsonContent(EventOut, 'The event with its room link'), 400: problem('Invalid field'), 401: problem('Not logged in') } }),
      signedIn,
      valid('json', CreateEventBody),
      (c) => c.json(events.create(requireCaller(c), c.req.valid('json')), 201))
    .get('/',
      describeRoute({ tags, summary: 'List the account\'s events, latest start first', responses: { 200: jsonContent(EventListOut, 'Events') } }),
      signedIn,
      (c) => c.json({ events: events.list(requireCaller(c)) }))
    .get('/:id',
      describeRoute({ tags, summary: 'Read one event', parameters: [idParam], responses: { 200: jsonContent(EventOut, 'The event'), 404: problem('No such event in this account') } }),
      signedIn,
      valid('param', EventIdParam),
      (c) => c.json(events.get(requireCaller(c), c.req.valid('param').id)))
    .patch('/:id',
      describeRoute({ tags, summary: 'Change or reschedule an event', parameters: [idParam], responses: { 200: jsonContent(EventOut, 'The changed event'), 400: problem('Invalid field'), 404: problem('No such event in this account') } }),
      signedIn,
      valid('param', EventIdParam),
      valid('json', UpdateEventBody),
      (c) => c.json(events.update(requireCaller(c), c.req.valid('param').id, c.req.valid('json'))))
    .delete('/:id',
      describeRoute({ tags, summary: 'Delete an event with everything recorded about it; `?notify=true` sends cancellations to its guests', parameters: [idParam], responses: { 204: noContent('Deleted'), 404: problem('No such event in this account') } }),
      signedIn,
      valid('param', EventIdParam),
      valid('query', DeleteEventQuery),
      (c) => {
        events.delete(requireCaller(c), c.req.valid('param').id, { notify: c.req.valid('query').notify === 'true' });
        return c.body(null, 204);
      })
    .post('/:id/tokens',
      describeRoute({ tags, summary: 'Generate personal access tokens for a token-protected event (EV-3)', parameters: [idParam], responses: { 201: jsonContent(TokenListOut, 'The new tokens with their join links'), 404: problem('No such event in this account') } }),
      signedIn,
      valid('param', EventIdParam),
      valid('json', CreateTokensBody),
      (c) => c.json({ tokens: events.createTokens(requireCaller(c), c.req.valid('param').id, c.req.valid('json')) }, 201))
    .get('/:id/tokens',
      describeRoute({ tags, summary: 'List an event\'s access tokens', parameters: [idParam], responses: { 200: jsonContent(TokenListOut, 'Tokens'), 404: problem('No such event in this account') } }),
      signedIn,
      valid('param', EventIdParam),
      (c) => c.json({ tokens: events.listTokens(requireCaller(c), c.req.valid('param').id) }))
    .get('/:id/entry',
      describeRoute({ tags: ['Joining'], summary: 'Public facts the join page needs: name, time, description, agenda, which secret to ask for', description: 'Limited per address (ENTRY_RATE_PER_MINUTE, default 120); over it, 429 with Retry-After.', parameters: [idParam], responses: { 200: jsonContent(EventEntryOut, 'The event as anyone may see it'), 404: problem('No such event'), 429: problem('Too many lookups from this address') } }),
      limitPerAddress(entryRatePerMinute, 'entry'),
      valid('param', EventIdParam),
      (c) => c.json(events.entry(c.req.valid('param').id)))
    .post('/:id/join',
      describeRoute({
        tags: ['Joining'],
        summary: 'Prove access and get a ticket for the room',
        description: 'Hosts are recognised by their session or API key; presenters bring the presenter key of their link or a personal presenter token; attendees the password or token the event asks for, or the `reentry` credential of an earlier join. Only such proof makes someone the same participant again: a typed e-mail never does. The answer carries a short-lived signed ticket to pass to the Colyseus room.',
        parameters: [idParam],
        responses: { 200: jsonContent(JoinOut, 'Ticket and room'), 400: problem('Invalid field'), 401: problem('A password or token is needed'), 403: problem('Wrong password, token or presenter key'), 404: problem('No such event'), 409: problem('Another event of this account is running'), 429: problem('Too many attempts') },
      }),
      valid('param', EventIdParam),
      valid('json', JoinBody),
      async (c) => {
        const { out, eventKey } = await joins.joinEvent(c.req.valid('param').id, c.req.valid('json'), c.get('caller'), { address: c.get('clientAddress'), userAgent: c.req.header('user-agent') });
        c.set('joined', { eventKey, participantId: out.participant.id });
        return c.json(out);
      });
}
