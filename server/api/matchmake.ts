import { createAuthContext, matchMaker } from '@colyseus/core';
import { Hono } from 'hono';
import * as v from 'valibot';
import { AppError, forbidden, notFound, unauthorized } from '../domain/app-error.ts';
import { problemResponse } from '../http/problem.ts';
import { matchmakeMistake } from './matchmake-errors.ts';
import type { Logger } from '../logger.ts';
import type { EventsService } from '../domain/events-service.ts';
import { LIVE_ROOM_NAME, WAITING_ROOM_NAME } from '../domain/join-service.ts';
import type { TicketSigner } from '../domain/tickets.ts';
import type { AdmissionLine } from '../rooms/admission-line.ts';

const JoinOptions = v.object({ eventId: v.number(), ticket: v.string() });
const ByIdOptions = v.object({ ticket: v.string() });
const ReconnectOptions = v.object({ reconnectionToken: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) });
const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The Colyseus matchmaking endpoint (`POST /matchmake/:method/:room`) that
 * `@colyseus/sdk` calls before opening its WebSocket. Only the methods our client uses
 * are open, and a join must already carry a valid ticket for the event it names, so
 * nobody can make the server create rooms without having been let in.
 */
export function matchmakeRoutes(events: EventsService, tickets: TicketSigner, logger: Logger, line?: AdmissionLine) {
  return new Hono()
    // Every client mistake is a 4xx problem with a stable code and no stack trace in the
    // log (anyone can send them without signing in); only a real fault is logged and 500.
    // The SDK shows `error` (or `message`) of a failed answer, so the title goes there too.
    .onError(async (error, c) => {
      const response = problemResponse(c, matchmakeMistake(error) ?? error, logger);
      const problem = (await response.json()) as { title: string };
      return new Response(JSON.stringify({ ...problem, error: problem.title }), { status: response.status, headers: response.headers });
    })
    // A client waiting for its seat reservation asks its place in the line (AdmissionLine).
    .post('/line', async (c) => {
      const options = v.safeParse(JoinOptions, await c.req.json().catch(() => undefined));
      const ticket = options.success ? await tickets.read(options.output.ticket) : undefined;
      // A recorder page is never in the line.
      if (!ticket && options.success && tickets.readRecorder(options.output.ticket)) return c.json({ ahead: 0, waiting: line?.length ?? 0 });
      if (!ticket) throw forbidden('invalid-ticket', 'This ticket does not open this room. Join the event again.');
      return c.json({ ahead: line?.ahead(ticket.participantId) ?? 0, waiting: line?.length ?? 0 });
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
      // A recording's recorder page watches the live room (never the waiting room) with a ticket of its own.
      const recorder = !ticket && roomName === LIVE_ROOM_NAME ? tickets.readRecorder(options.output.ticket) : undefined;
      const event = events.byPublicId(options.output.eventId);
      const eventId = ticket?.eventId ?? recorder?.eventId;
      if (!eventId || !event || eventId !== event.id) throw forbidden('invalid-ticket', 'This ticket does not open this room. Join the event again.');
      // The live room seats a crowd in turn: first come, first served (see AdmissionLine); a recorder takes no seat.
      const release = line && ticket && roomName === LIVE_ROOM_NAME ? await line.enter(ticket.participantId) : undefined;
      try {
        reservation = await matchMaker.joinOrCreate(roomName, { eventId: options.output.eventId, ticket: options.output.ticket }, context);
      } catch (error) {
        release?.();
        throw error;
      }
      const sessionId = (reservation as { sessionId?: string }).sessionId;
      if (release) {
        if (sessionId) line!.holdUntilAdmitted(sessionId, release);
        else release();
      }
    } else if (method === 'joinById') {
      const options = v.safeParse(ByIdOptions, body);
      if (!options.success || !((await tickets.read(options.output.ticket)) ?? tickets.readRecorder(options.output.ticket))) throw forbidden('invalid-ticket', 'This ticket does not open this room. Join the event again.');
      reservation = await matchMaker.joinById(roomName, { ticket: options.output.ticket }, context);
    } else if (method === 'reconnect') {
      const options = v.safeParse(ReconnectOptions, body);
      if (!options.success) throw new AppError('reconnection-token-required', 400, 'Reconnecting needs the reconnection token the room gave.');
      if (!ROOM_ID.test(roomName)) throw new AppError('room-not-found', 404, 'This room does not exist (any more). Join the event again.');
      reservation = await matchMaker.reconnect(roomName, { reconnectionToken: options.output.reconnectionToken });
    } else {
      throw notFound('Matchmaking method');
    }
    return c.json(reservation as object);
  });
}
