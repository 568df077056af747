import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalDriver, LocalPresence, matchMaker } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import { AccountsService } from './domain/accounts-service.ts';
import { ChatStore } from './domain/chat-store.ts';
import { EventsService } from './domain/events-service.ts';
import { JoinService, LIVE_ROOM_NAME, WAITING_ROOM_NAME } from './domain/join-service.ts';
import { ReentryCredentials } from './domain/reentry-credentials.ts';
import { personalLinkRoutes } from './api/personal-links.ts';
import { newId } from './domain/secrets.ts';
import { createWaitingRoom } from './rooms/waiting-room.ts';
import { LibreTranslateTranslator } from './translation/translator.ts';
import { ParticipantsStore } from './domain/participants-store.ts';
import { RoomStatesStore } from './domain/room-states-store.ts';
import { TicketSigner } from './domain/tickets.ts';
import { accountRoutes } from './api/account.ts';
import { authRoutes } from './api/auth.ts';
import { eventRoutes } from './api/events.ts';
import { healthRoutes } from './api/health.ts';
import { matchmakeRoutes } from './api/matchmake.ts';
import { openApiRoutes } from './api/openapi.ts';
import { identifyCaller } from './http/auth-middleware.ts';
import { clientAddress } from './http/client-address.ts';
import type { AppEnv } from './http/context.ts';
import { isAllowedOrigin, originGuard } from './http/origin-guard.ts';
import { problemResponse } from './http/problem.ts';
import { staticClient } from './http/static-client.ts';
import { createLogger, type Logger } from './logger.ts';
import { createLiveEventRoom, eventChannel } from './rooms/live-event-room.ts';
import { PollsService } from './domain/polls-service.ts';
import { pollRoutes } from './api/polls.ts';
import { resolveSecretKey } from './secret-key.ts';
import { ensureWebSocketGlobal } from './node20-compat.ts';
import { AppError } from './domain/app-error.ts';
import { buildScheduling } from './scheduling/scheduling-module.ts';
import { liveKitWebhookRoutes } from './api/livekit-webhooks.ts';
import { MediaAccess } from './media/media-access.ts';
import { mediaEventRouter } from './media/media-events.ts';
import { MediaService } from './media/media-service.ts';
import { LiveKitUnavailable, startLocalLiveKit, type LocalLiveKit } from './media/local-livekit.ts';
import { WhiteboardStore } from './whiteboard/whiteboard-store.ts';
import { WhiteboardHub } from './whiteboard/whiteboard-hub.ts';
import { createWhiteboardEndpoint } from './whiteboard/whiteboard-endpoint.ts';
import { whiteboardRoutes } from './api/whiteboard.ts';
import { buildStats } from './stats/stats-module.ts';
import { buildFiles } from './files/files-module.ts';
import { buildPresentation } from './presentation/presentation-module.ts';
import * as v from 'valibot';
import { CreateEventBody } from '../shared/event-schemas.ts';
import { buildCallme } from './callme/callme-module.ts';
import { buildAutomated } from './automated/automated-module.ts';
import { buildAccountSecurity } from './account-security/account-security-module.ts';
import { buildGdpr, type Gdpr } from './gdpr/gdpr-module.ts';
import { billingJobHandlers, buildBilling, type Billing } from './billing/billing-module.ts';
import { buildRecording } from './recording/recording-module.ts';
import { buildOnDemand } from './ondemand/ondemand-module.ts';
import type { EgressApi } from './recording/egress/egress-backend.ts';
import { routeColyseusLogs } from './rooms/colyseus-logger.ts';
import { PlaybackStore } from './rooms/playback-store.ts';
import { PLAYBACK_NEWS } from './rooms/playback-desk.ts';
import { StageVideoService } from './rooms/stage-video-service.ts';
import { stageVideoRoutes } from './api/stage-video.ts';
import { AdmissionLine } from './rooms/admission-line.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Largest WebSocket frame a room accepts: a 2,000-character chat line in any script fits with room to spare. */
const MAX_FRAME_BYTES = 16 * 1024;
/** Pending connections the kernel keeps for us (capped by net.core.somaxconn). */
const LISTEN_BACKLOG = 8192;

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly database: DatabaseHandle;
  readonly logger: Logger;
  /** The open whiteboards (tests and the benchmark look inside). */
  readonly whiteboards: WhiteboardHub;
  /** Data protection: tests ask for a retention sweep after moving its clock. */
  readonly gdpr: Pick<Gdpr, 'scheduleRetention'>;
  /** Plans and payments (tests run its loop on their own clock). */
  readonly billing: Billing;
  stop(): Promise<void>;
}

/**
 * Builds the whole product on one HTTP server: Hono for REST and the client, Colyseus
 * for rooms. Used by `main.ts` and by the tests, which start it on a free port with
 * their own database. Colyseus's matchmaker is process-wide, so one server per process.
 */
/** What a test may put in place of a part that cannot run on this machine, or the clocks it moves. */
export interface ServerOverrides {
  /** A fake LiveKit Egress API (RECORDER=egress; Egress cannot run here). */
  egressApi?: EgressApi;
  /** The GDPR retention job's clock. */
  retentionClock?: () => Date;
  /** Billing's clock. */
  billingNow?: () => Date;
}

export async function startServer(config: Config, options: ServerOverrides = {}): Promise<RunningServer> {
  ensureWebSocketGlobal();
  const logger = createLogger(config.logLevel);
  const database = openDatabase(config.databaseFile);
  const secret = resolveSecretKey(config.secretKey, config.dataDir);
  const startedAt = new Date();
  let baseUrl = config.publicUrl ?? `http://localhost:${config.port}`;

  const accounts = new AccountsService(database.db, config.defaultPlan);
  const events = new EventsService(database.db, secret, () => baseUrl);
  const tickets = new TicketSigner(secret);
  const chat = new ChatStore(database.db);
  const participants = new ParticipantsStore(database.db);
  const roomStates = new RoomStatesStore(database.db);
  // File library and conversions (POST-3); the room shows its slides and videos (ROOM-12).
  const files = buildFiles({ config, db: database.db, accounts, secret, logger, newId });
  // Slides on the stage (ROOM-12): a library file in the main window, over the room and REST.
  const presentation = buildPresentation({ db: database.db, events, roomStates, files, publish: (eventId, news) => void matchMaker.presence.publish(eventChannel(eventId), news) });
  // The stage video (ROOM-12): its anchor per event, library videos and links as sources.
  const playback = { store: new PlaybackStore(database.db), sources: files.stage };
  const stageVideo = new StageVideoService(events, roomStates, playback, (eventId, news = PLAYBACK_NEWS) => void matchMaker.presence.publish(eventChannel(eventId), news));
  files.onDeleted((file) => stageVideo.fileDeleted(file));
  const automated = buildAutomated({ db: database.db, events, roomStates, files: files.store, logger, baseUrl: () => baseUrl, publish: (eventId, news) => void matchMaker.presence.publish(eventChannel(eventId), news) });
  // A file an automated or on-demand timeline plays is not deleted (the refusal names the event).
  files.guardDeletion((file) => automated.timelines.refuseDeletionInUse(file));
  // Data protection (GDPR): export, erasure, rectification; its retention job runs in the scheduling loop.
  const gdpr = buildGdpr({ config, db: database.db, sqlite: database.sqlite, files: { dir: (id) => files.storage.dir(id), remove: (id) => files.storage.remove(id) }, logger, now: options.retentionClock });
  // Scheduling: registration, invitations, reminders, address book, e-mail and its job loop.
  const scheduling = buildScheduling({ config, db: database.db, events, accounts, roomStates, secret, baseUrl: () => baseUrl, logger, jobHandlers: { ...automated.jobHandlers, ...gdpr.jobHandlers, ...billingJobHandlers(() => billing) }, sessions: automated.sessions });
  // ACC-4: password reset, password change, verified and rate-limited sign-up.
  const security = buildAccountSecurity({ config, db: database.db, accounts, mail: scheduling.mail, baseUrl: () => baseUrl, wake: scheduling.wake });
  const callme = buildCallme({ db: database.db, secret, baseUrl: () => baseUrl, logger, clientDir: join(ROOT, 'dist', 'client'), secureCookie: () => config.cookieSecure ?? baseUrl.startsWith('https:'),
    // Callme: voice calls through LiveKit, chat histories by mail, calls turned into the platform's meetings.
    media: () => media, mail: () => scheduling.mail.queue,
    meetings: { create: (accountId, name) => events.create({ userId: '', accountId, via: 'api-key' }, v.parse(CreateEventBody, { kind: 'meeting', name, startsAt: new Date().toISOString(), timeZone: 'UTC' })) } });
  // Plans, charges, invoices, Stripe (issue 13); its clock is injectable for time-travel tests.
  const billing = buildBilling({ config, db: database.db, events, secret, baseUrl: () => baseUrl, logger, mail: scheduling.mail.queue, now: options.billingNow ?? (() => new Date()) });
  const media = new MediaService(logger, config.livekit.kind === 'off' ? undefined : { state: 'starting' });
  const mediaAccess = new MediaAccess(media, roomStates, participants);
  // Recording (ROOM-13) and the recordings library (POST-2).
  const recording = buildRecording({ config, db: database.db, accounts, media, baseUrl: () => baseUrl, clientDir: join(ROOT, 'dist', 'client'), logger, newId, egressApi: options.egressApi,
    recorderTicket: async (eventId, recorderId) => (await tickets.issueRecorder({ recorderId, eventId })).token, mail: { queue: scheduling.mail.queue, wake: scheduling.wake } });
  // On-demand webinars (OD-1..3) and publishing a recording as one.
  const onDemand = buildOnDemand({ db: database.db, events, timelines: automated.timelines, files, recordings: recording.library, mail: () => scheduling.mail.queue, wakeMail: scheduling.wake, secret, contacts: scheduling.addressBook, checkAccess: (event, secrets, origin) => joins.checkAccess(event, secrets, origin), secureCookie: () => config.cookieSecure ?? baseUrl.startsWith('https:'), userName: (userId) => accounts.userName(userId), logger });
  const joins = new JoinService(database.db, events, accounts, tickets, participants, roomStates, mediaAccess, new ReentryCredentials(secret), config.joinRatePerMinute, undefined, scheduling.tokenHolder);
  // Reports and webhooks (POST-1, POST-4): the rooms' store is observed for stays and polls.
  const stats = buildStats({ config, db: database.db, events, roomStates, tickets, logger });
  const roomStore = stats.roomStore;
  // A prepared poll must reach a room that is already open, in this process or another.
  const polls = new PollsService(database.db, events, roomStore, (eventId) => void matchMaker.presence.publish(eventChannel(eventId), 'polls-changed'));
  const whiteboards = new WhiteboardHub({
    store: new WhiteboardStore(database.db),
    roomStates,
    participants,
    issueTicket: async (p) => (await tickets.issue({ participantId: p.id, eventId: p.eventId, role: p.role, name: p.name })).token,
    logger,
    maxBoardBytes: config.whiteboardMaxBytes,
  });
  const translator = config.translateUrl ? new LibreTranslateTranslator(config.translateUrl, config.translateApiKey) : undefined;

  const onMediaEvent = mediaEventRouter({
    media,
    access: mediaAccess,
    events,
    logger,
    roomIsOpen: async (eventKey) => (await matchMaker.query({ name: LIVE_ROOM_NAME })).some((r) => r.metadata?.eventKey === eventKey),
    tellRoom: async (eventKey, news) => {
      await matchMaker.presence.publish(eventChannel(eventKey), news);
    },
  });

  const api = new Hono<AppEnv>()
    // First, before any middleware: a webhook's signature is checked on the raw body before anything else.
    .route('/webhooks', liveKitWebhookRoutes(media, async (event) => {
      await recording.onLiveKitEvent(event);
      await onMediaEvent(event);
    }))
    .route('/webhooks', billing.webhooks)
    .use(clientAddress(config.trustProxy))
    .use(originGuard(config.allowedOrigins))
    .use(identifyCaller(accounts))
    .use('/events/:id/join', stats.observeJoin)
    .use('/events/:id/registrations', stats.observeRegistration)
    .use('/auth/login', billing.observeLogin)
    .use('/auth/signup', billing.observeSignup)
    .route('/health', healthRoutes(database, startedAt, media, recording.health))
    .route('/auth', authRoutes(accounts, () => config.cookieSecure ?? baseUrl.startsWith('https:'), security.signups))
    .route('/', security.routes)
    .route('/', accountRoutes(accounts))
    .route('/events', eventRoutes(events, joins, config.entryRatePerMinute))
    .route('/events', personalLinkRoutes(events, scheduling.tokenHolder, config.entryRatePerMinute))
    .route('/', files.routes)
    // Before pollRoutes, whose `use('*', signedIn)` would otherwise guard the public registration endpoints.
    .route('/', scheduling.routes)
    .route('/', stats.routes)
    .route('/events', pollRoutes(polls))
    .route('/events', automated.routes)
    .route('/events', stageVideoRoutes(stageVideo))
    .route('/events', whiteboardRoutes(events, whiteboards))
    .route('/events', presentation.routes)
    .route('/', callme.routes)
    .route('/', gdpr.routes)
    .route('/', billing.routes)
    .route('/', recording.routes)
    .route('/', onDemand.routes);
  api.route('/', openApiRoutes(api, () => baseUrl));
  // Registered last: an unknown /api/v1 path is a 404 problem, not the client's index.html.
  api.all('*', () => {
    throw new AppError('not-found', 404, 'No such endpoint.');
  });

  /** The line at the live rooms' door: at most 200 joins under way at once, the rest wait their turn (see admission-line.ts). */
  const admissionLine = new AdmissionLine();
  const app = new Hono()
    // The click-to-call loader and frame set their own framing rules (frame-ancestors per package).
    .route('/', callme.embed)
    .use(secureHeaders({ crossOriginEmbedderPolicy: false }))
    .route('/api/v1', api)
    .route('/matchmake', new Hono().use(originGuard(config.allowedOrigins)).route('/', matchmakeRoutes(events, tickets, logger, admissionLine)))
    .route('/', staticClient(join(ROOT, 'dist', 'client')));
  app.onError((error, c) => problemResponse(c, error, logger));
  api.onError((error, c) => problemResponse(c, error, logger));

  const handleRequest = getRequestListener(app.fetch);
  // Hono answers every error itself (onError), so the promise never rejects unhandled.
  const httpServer: HttpServer = createServer((request, response) => void handleRequest(request, response));
  const transport = new WebSocketTransport({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    // Browsers from another site may not open room sockets (the ticket is checked again in the room).
    beforeUpgrade: (_request, context) =>
      isAllowedOrigin(context.headers.get('origin') ?? undefined, context.headers.get('host') ?? undefined, config.allowedOrigins)
        ? undefined
        : new Response('Foreign origin', { status: 403 }),
  });
  if (!config.trustProxy) {
    // Colyseus takes the client address from proxy headers when present; without a
    // trusted proxy they are the client's own words, so drop them before it looks.
    httpServer.prependListener('upgrade', (request: IncomingMessage) => {
      for (const header of ['x-forwarded-for', 'x-real-ip', 'x-client-ip']) delete request.headers[header];
    });
  }
  // The whiteboard's y-websocket endpoint shares the port; Colyseus leaves its upgrades alone.
  const whiteboardEndpoint = createWhiteboardEndpoint({ hub: whiteboards, events, tickets, participants, roomStates, allowedOrigins: config.allowedOrigins, trustProxy: config.trustProxy, logger });
  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (whiteboardEndpoint.matches(request)) whiteboardEndpoint.handleUpgrade(request, socket, head);
  });
  transport.attachToServer(httpServer, { filter: (request) => !whiteboardEndpoint.matches(request) });

  routeColyseusLogs(logger);
  await matchMaker.setup(new LocalPresence(), new LocalDriver(), undefined);
  matchMaker.defineRoomType(LIVE_ROOM_NAME, createLiveEventRoom({ events, accounts, chat, tickets, participants, roomStore, roomStates, translator, media, logger, newId, timeline: automated.rooms, recording: recording.rooms, presentation: presentation.service, playback, admissionLine })).filterBy(['eventId']);
  matchMaker.defineRoomType(WAITING_ROOM_NAME, createWaitingRoom({ events, tickets, participants, roomStates, mediaAccess, logger })).filterBy(['eventId']);
  callme.defineRooms();
  await matchMaker.accept();

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    // A long accept queue: a webinar starting on the hour opens hundreds of connections in
    // a second, and the default 511 drops SYNs that then come back only after 1 s, 3 s, 7 s.
    httpServer.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  if (!config.publicUrl) baseUrl = `http://localhost:${port}`;
  gdpr.start();
  scheduling.start();
  stats.start();
  files.start();
  billing.start();
  await recording.start();
  logger.info(`listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port} (data in ${config.dataDir})`);
  const localLiveKit = await startMedia(config, media, port, logger);

  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    database,
    logger,
    whiteboards,
    gdpr,
    billing,
    stop() {
      stopping ??= (async () => {
        automated.stop();
        await scheduling.stop();
        await stats.stop();
        await files.stop();
        await billing.stop();
        // Before the rooms close: a room closing for the shutdown must not count as the end of its recording.
        await recording.stop();
        await matchMaker.gracefullyShutdown().catch(() => undefined);
        // Before the database closes: the open boards are compacted on the way out.
        whiteboardEndpoint.close();
        await localLiveKit?.stop();
        transport.shutdown();
        httpServer.closeAllConnections();
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
        roomStore.flushWrites();
        database.close();
      })();
      return stopping;
    },
  };
}

/**
 * Connects the media service to LiveKit: an external deployment as configured, or the
 * project's own server started now (it needs our port for its webhooks). Failing to
 * start it is not fatal: rooms run without audio and video, and health says why.
 */
async function startMedia(config: Config, media: MediaService, port: number, logger: Logger): Promise<LocalLiveKit | undefined> {
  const lk = config.livekit;
  if (lk.kind === 'off') return undefined;
  if (lk.kind === 'external') {
    media.connect({ kind: 'external', apiUrl: lk.url.replace(/^ws/, 'http'), publicUrl: lk.publicUrl, apiKey: lk.apiKey, apiSecret: lk.apiSecret });
    logger.info(`audio and video through LiveKit at ${lk.url}`);
    return undefined;
  }
  const ownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  try {
    const local = await startLocalLiveKit({
      root: ROOT,
      dataDir: config.dataDir,
      port: lk.port,
      rtcPort: lk.rtcPort,
      webhookUrl: `http://${ownHost.includes(':') ? `[${ownHost}]` : ownHost}:${port}/api/v1/webhooks/livekit`,
      logger,
    });
    media.connect({ kind: 'local', apiUrl: local.apiUrl, publicUrl: lk.publicUrl ?? `ws://127.0.0.1:${local.port}`, apiKey: local.apiKey, apiSecret: local.apiSecret });
    local.onExit((reason) => media.fail(reason));
    return local;
  } catch (error) {
    media.fail(error instanceof LiveKitUnavailable ? error.message : `could not start the LiveKit server: ${(error as Error).message}`);
    return undefined;
  }
}
