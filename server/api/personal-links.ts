import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { EventIdParam, EventOut, TokenOut } from '../../shared/event-schemas.ts';
import { AccessSettingsBody, LinkCheckBody, LinkCheckOut, LinkUsesOut, LinkUsesQuery, TokenIdParam, UpdateTokenBody } from '../../shared/personal-link-schemas.ts';
import { notFound } from '../domain/app-error.ts';
import type { EventsService } from '../domain/events-service.ts';
import type { TokenHolderLookup } from '../domain/join-service.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, problem } from '../http/openapi-helpers.ts';
import { limitPerAddress } from '../http/rate-limit.ts';
import { valid } from '../http/validation.ts';
import { calendarFeedIcs } from '../mail/ics.ts';

const idParam = { name: 'id', in: 'path' as const, required: true, description: 'The numeric event id', schema: { type: 'string' as const, pattern: '^\\d+$' } };
const tokenParam = { name: 'tokenId', in: 'path' as const, required: true, description: 'The token\'s id (not the token itself)', schema: { type: 'string' as const } };

/**
 * Personal links (issue 10): the join page asks what a link is before joining (whose it
 * is, or why it no longer opens the room); organizers revoke links and turn the shared
 * presenter link off.
 */
export function personalLinkRoutes(events: EventsService, tokenHolder: TokenHolderLookup, checksPerMinute = 120) {
  return new Hono<AppEnv>()
    .get('/:id/calendar.ics',
      describeRoute({
        tags: ['Joining'],
        summary: 'The event as an iCalendar file, for "Add to calendar" (public, no personal link in it)',
        description: 'Same UID as the e-mailed invitations, so a calendar keeps one entry. Limited per address like the event lookup.',
        parameters: [idParam],
        responses: { 200: { description: 'iCalendar', content: { 'text/calendar': { schema: { type: 'string' } } } }, 404: problem('No such event'), 429: problem('Too many lookups from this address') },
      }),
      limitPerAddress(checksPerMinute, 'calendar'),
      valid('param', EventIdParam),
      (c) => {
        const event = events.byPublicId(c.req.valid('param').id);
        if (!event) throw notFound('Event');
        const url = events.roomUrl(event.publicId);
        const ics = calendarFeedIcs(event.name, [{
          uid: `event-${event.id}@${new URL(url).hostname}`,
          sequence: 0,
          start: event.startsAt,
          end: new Date(event.startsAt.getTime() + event.durationMinutes * 60_000),
          summary: event.name,
          description: [event.description, url].filter(Boolean).join('\n\n'),
          url,
          stamp: event.updatedAt,
        }]);
        return c.body(ics, 200, { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="event-${event.publicId}.ics"` });
      })
    .post('/:id/personal-link',
      describeRoute({
        tags: ['Joining'],
        summary: 'What a personal link is: valid (and whose), or invalid, revoked, used or expired',
        description: 'The token travels in the body, never in the URL, so it stays out of logs. Limited per address; over it, 429 with Retry-After.',
        parameters: [idParam],
        responses: { 200: jsonContent(LinkCheckOut, 'The link\'s state'), 404: problem('No such event'), 429: problem('Too many checks from this address') },
      }),
      limitPerAddress(checksPerMinute, 'link-check'),
      valid('param', EventIdParam),
      valid('json', LinkCheckBody),
      (c) => {
        const event = events.byPublicId(c.req.valid('param').id);
        if (!event) throw notFound('Event');
        const { state, row } = events.links.check(event, c.req.valid('json').token);
        const holder = state === 'valid' && row ? tokenHolder(row.id) : undefined;
        return c.json({ state, role: state === 'valid' && row ? row.role : null, holder: holder ? { name: holder.name } : null } satisfies LinkCheckOut);
      })
    .delete('/:id/tokens/:tokenId',
      describeRoute({ tags: ['Events'], summary: 'Revoke a personal link: it stops working at once and says so to whoever opens it', parameters: [idParam, tokenParam], responses: { 200: jsonContent(TokenOut, 'The revoked token'), 404: problem('No such event or token in this account') } }),
      signedIn,
      valid('param', TokenIdParam),
      (c) => c.json(events.revokeToken(requireCaller(c), c.req.valid('param').id, c.req.valid('param').tokenId)))
    .patch('/:id/tokens/:tokenId',
      describeRoute({ tags: ['Events'], summary: 'Switch a personal link between single-use and reusable (a used link switched to single-use is closed at once; switched back, it opens again)', parameters: [idParam, tokenParam], responses: { 200: jsonContent(TokenOut, 'The link'), 400: problem('Invalid field'), 404: problem('No such event or token in this account'), 409: problem('The link was revoked') } }),
      signedIn,
      valid('param', TokenIdParam),
      valid('json', UpdateTokenBody),
      (c) => c.json(events.updateToken(requireCaller(c), c.req.valid('param').id, c.req.valid('param').tokenId, c.req.valid('json'))))
    .get('/:id/tokens/:tokenId/uses',
      describeRoute({
        tags: ['Events'],
        summary: 'Where a personal link was used: its whole history, newest first, a page at a time',
        parameters: [idParam, tokenParam,
          { name: 'cursor', in: 'query', required: false, description: 'nextCursor of the previous page', schema: { type: 'string' } },
          { name: 'limit', in: 'query', required: false, description: '1–200, default 50', schema: { type: 'string' } }],
        responses: { 200: jsonContent(LinkUsesOut, 'One page of uses'), 400: problem('Invalid cursor or limit'), 404: problem('No such event or token in this account') },
      }),
      signedIn,
      valid('param', TokenIdParam),
      valid('query', LinkUsesQuery),
      (c) => c.json(events.tokenUses(requireCaller(c), c.req.valid('param').id, c.req.valid('param').tokenId, c.req.valid('query'))))
    .put('/:id/access',
      describeRoute({ tags: ['Events'], summary: 'Turn the event\'s shared presenter link on or off (personal presenter links keep working)', parameters: [idParam], responses: { 200: jsonContent(EventOut, 'The event'), 400: problem('Invalid field'), 404: problem('No such event in this account') } }),
      signedIn,
      valid('param', EventIdParam),
      valid('json', AccessSettingsBody),
      (c) => c.json(events.setSharedPresenterLink(requireCaller(c), c.req.valid('param').id, c.req.valid('json').sharedPresenterLink)));
}
