import { createAuthContext, matchMaker } from '@colyseus/core';
import { Hono } from 'hono';
import * as v from 'valibot';
import { AppError, forbidden, notFound, unauthorized } from '../domain/app-error.ts';
import type { Logger } from '../logger.ts';
import type { EventsService } from '../domain/events-service.ts';
import { LIVE_ROOM_NAME, WAITING_ROOM_NAME } from '../domain/join-service.ts';
import type { TicketSigner } from '../domain/tickets.ts';

const JoinOptions = v.object({ eventId: v.number(), ticket: v.string() });
const ByIdOptions = v.object({ ticket: v.string() });

/**
 * The Colyseus matchmaking endpoint (`POST /matchmake/:method/:room`) that
 * `@colyseus/sdk` calls before opening its WebSocket. Only the methods our client uses
 * are open, and a join must already carry a valid ticket for the event it names, so
 * nobody can make the server create rooms without having been let in.
 */
export function matchmakeRoutes(events: EventsService, tickets: TicketSigner, logger: Logger) {
  return new Hono()
    // The SDK reads `error` (or `message`) and `code` from a failed matchmaking answer.
    .onError((error, c) => {
      if (error instanceof AppError) return c.json({ code: error.code, error: error.message }, error.status as 400);
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'number' && code >= 4000 && code < 5000) return c.json({ code, error: error.message }, 400);
      logger.error('matchmaking failed', error);
      return c.json({ code: 'internal', error: 'The room could not be opened. Please try again.' }, 500);
    })
    .post('/:method/:roomName', async (c) => {
    const { method, roomName } = c.req.param();
    const body: unknown = await c.req.json().catch(() => undefined);
    const context = createAuthContext({ headers: Object.fromEntries(c.req.raw.headers), req: c.req.raw });
    let reservation: unknown;
    if (method === 'joinOrCreate') {
      if (roomName !== LIVE_ROOM_NAME && roomName !== WAITING_ROOM_NAME) throw notFound('Room type');
      const options = v.safeParse(JoinOptions, body);
      if (!options.success) throw unauthorized('Join the event first: the room needs a ticket.');
      const ticket = await tickets.read(options.output.ticket);
      const event = events.byPublicId(options.output.eventId);
      if (!ticket || !event || ticket.eventId !== event.id) throw forbidden('invalid-ticket', 'This ticket does not open this room. Join the event again.');
      reservation = await matchMaker.joinOrCreate(roomName, { eventId: options.output.eventId, ticket: options.output.ticket }, context);
    } else if (method === 'joinById') {
      const options = v.safeParse(ByIdOptions, body);
      if (!options.success || !(await tickets.read(options.output.ticket))) throw forbidden('invalid-ticket', 'This ticket does not open this room. Join the event again.');
      reservation = await matchMaker.joinById(roomName, { ticket: options.output.ticket }, context);
    } else if (method === 'reconnect') {
      reservation = await matchMaker.reconnect(roomName, (body ?? {}) as Record<string, unknown>);
    } else {
      throw notFound('Matchmaking method');
    }
    return c.json(reservation as object);
  });
}
