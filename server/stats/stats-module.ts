import { Hono, type MiddlewareHandler } from 'hono';
import { eq } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { participants } from '../db/schema-events.ts';
import { polls } from '../db/schema-room-activity.ts';
import type { EventRow, EventsService } from '../domain/events-service.ts';
import type { RoomStatesStore } from '../domain/room-states-store.ts';
import type { TicketSigner } from '../domain/tickets.ts';
import type { AppEnv } from '../http/context.ts';
import type { Logger } from '../logger.ts';
import type { RoomStore } from '../rooms/room-store.ts';
import { reportRoutes } from '../api/reports.ts';
import { webhookRoutes } from '../api/webhook-endpoints.ts';
import type { WebhookEventType } from '../../shared/webhook-schemas.ts';
import { destinationPolicy } from '../webhooks/destination-guard.ts';
import { WebhookService } from '../webhooks/webhook-service.ts';
import { ObservedRoomStore } from './observed-room-store.ts';
import { ReportService } from './report-service.ts';
import { StatsService } from './stats-service.ts';

export interface StatsDeps {
  config: Pick<Config, 'webhookAllowPrivate' | 'webhookBackoffScale'>;
  db: Db;
  events: EventsService;
  roomStates: RoomStatesStore;
  tickets: TicketSigner;
  logger: Logger;
}

export interface Stats {
  /** The rooms' store, observed for stays and polls (the composition root passes it to the rooms). */
  roomStore: RoomStore;
  /** Mounted under /api/v1 before routers that guard all of /events/*. */
  routes: Hono<AppEnv>;
  /** Runs around POST /events/:id/join and /registrations: records the device, emits webhooks. */
  observeJoin: MiddlewareHandler<AppEnv>;
  observeRegistration: MiddlewareHandler<AppEnv>;
  webhooks: WebhookService;
  start(): void;
  stop(): Promise<void>;
}

/**
 * After the event (POST-1, POST-4): attendance details, the report and statistics, and
 * outgoing webhooks, fed by the rooms' own writes and by room-state changes.
 */
export function buildStats(deps: StatsDeps): Stats {
  const { db, events, roomStates, logger } = deps;
  const webhooks = new WebhookService(db, { policy: destinationPolicy(deps.config.webhookAllowPrivate), backoffScale: deps.config.webhookBackoffScale, logger });
  const accountOf = new Map<string, EventRow | undefined>();
  const eventOf = (eventId: string) => {
    if (!accountOf.has(eventId)) accountOf.set(eventId, events.byId(eventId));
    return accountOf.get(eventId);
  };
  const eventView = (e: EventRow) => ({ id: e.publicId, name: e.name, startsAt: e.startsAt.toISOString() });
  const emit = (eventId: string, type: WebhookEventType, data: (event: EventRow) => object) => {
    try {
      const event = eventOf(eventId);
      if (event) webhooks.emit(event.accountId, type, () => ({ event: eventView(event), ...data(event) }), event.id);
    } catch (error) {
      // A webhook must never break what the room is doing.
      logger.error(`webhook ${type} for ${eventId} not queued`, error);
    }
  };
  const person = (participantId: string) => db.select({ id: participants.id, name: participants.name, email: participants.email, role: participants.role }).from(participants).where(eq(participants.id, participantId)).get();

  const roomStore = new ObservedRoomStore(db, roomStates, {
    stayStarted: (eventId, participantId) => emit(eventId, 'attendee.joined', () => ({ participant: person(participantId), at: new Date().toISOString() })),
    stayEnded: (eventId, participantId) => emit(eventId, 'attendee.left', () => ({ participant: person(participantId), at: new Date().toISOString() })),
    pollEnded: (pollId) => {
      const poll = db.select({ eventId: polls.eventId }).from(polls).where(eq(polls.id, pollId)).get();
      if (poll) emit(poll.eventId, 'poll.ended', (event) => ({ poll: reports.report(event).polls.find((p) => p.id === pollId) }));
    },
  });
  const reports = new ReportService(db, roomStates, (eventId) => roomStore.loadPolls(eventId));
  const stats = new StatsService(db, events, deps.tickets, reports);
  const offStates = roomStates.onChange((state, patch) => {
    if (patch.status === 'live') emit(state.eventId, 'event.started', () => ({ startedAt: state.startedAt?.toISOString() ?? null }));
    // The full attendance goes out with the end (POST-4).
    if (patch.status === 'ended') emit(state.eventId, 'event.ended', (event) => {
      const report = reports.report(event);
      return { endedAt: state.endedAt?.toISOString() ?? null, summary: report.summary, attendees: report.attendees };
    });
  });

  const observeJoin: MiddlewareHandler<AppEnv> = async (c, next) => {
    await next();
    // The join says who joined which event (reading its answer back would turn every
    // answer of a join storm into a cloned stream).
    const joined = c.get('joined');
    if (c.req.method !== 'POST' || c.res.status !== 200 || !joined) return;
    // Committed with the other joins of this turn; the answer does not wait for it.
    void stats.recordClient(joined.eventKey, joined.participantId, c.req.header('user-agent'), c.get('clientAddress')).catch((error: unknown) => logger.error('could not record the joining device', error));
  };
  const observeRegistration: MiddlewareHandler<AppEnv> = async (c, next) => {
    await next();
    if (c.req.method !== 'POST' || c.res.status >= 300) return;
    try {
      const body = (await c.res.clone().json()) as { id: string; email: string; created?: boolean };
      const event = events.byPublicId(Number(c.req.param('id')));
      if (event && body.created !== false) emit(event.id, 'registration.created', () => ({ registration: { id: body.id, email: body.email } }));
    } catch (error) {
      logger.error('could not announce the registration', error);
    }
  };

  return {
    roomStore,
    routes: new Hono<AppEnv>().route('/', reportRoutes(stats, events)).route('/', webhookRoutes(webhooks)),
    observeJoin,
    observeRegistration,
    webhooks,
    start: () => webhooks.start(),
    async stop() {
      offStates();
      await webhooks.stop();
    },
  };
}
