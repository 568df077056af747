import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import type { WebhookEvent } from 'livekit-server-sdk';
import { limitsFor, type PlanId } from '../../shared/plans.ts';
import { limitsSubject } from '../billing/account-limits.ts';
import type { RoomMode, RoomStatus } from '../../shared/room-policy.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { AccountsService } from '../domain/accounts-service.ts';
import type { AppEnv } from '../http/context.ts';
import type { Logger } from '../logger.ts';
import type { MediaService } from '../media/media-service.ts';
import type { RecorderHealth } from '../api/health.ts';
import { recordingRoutes } from '../api/recordings.ts';
import { FFMPEG } from './mp4-tools.ts';
import { BuiltinBackend } from './builtin/builtin-backend.ts';
import { EgressBackend, type EgressApi } from './egress/egress-backend.ts';
import { liveKitEgressApi } from './egress/livekit-egress-api.ts';
import type { RecorderBackend } from './recorder-backend.ts';
import { RecordingDesk } from './recording-desk.ts';
import { RecordingLibrary } from './recording-library.ts';
import { RecordingMailer } from './recording-mailer.ts';
import type { MailQueue } from '../mail/mail-queue.ts';
import { RecordingService, type RecordedEvent, type RecordingReady } from './recording-service.ts';
import { RecordingsStore } from './recordings-store.ts';

export interface RecordingDeps {
  config: Pick<Config, 'dataDir' | 'recorder' | 'recorderPreset'>;
  db: Db;
  accounts: AccountsService;
  media: MediaService;
  baseUrl(): string;
  /** The built client (the recorder view is one of its routes). */
  clientDir: string;
  logger: Logger;
  newId(): string;
  /** Tests hand in a fake Egress API (Egress cannot run on this machine). */
  egressApi?: EgressApi;
  /** A read-only ticket to an event's live room for a recorder page (TicketSigner.issueRecorder). */
  recorderTicket(eventKey: string, recorderId: string): Promise<string>;
  /** The shared mail queue, for "Send" (the share link to the event's attendees). */
  mail?: { queue: MailQueue; wake(): void };
}

/** What a live room gets: a desk per room (REC button, light, autostart, private mode). */
export interface RecordingRooms {
  open(event: RecordedEvent, initial: { status: RoomStatus; mode: RoomMode }): RecordingDesk;
}

export interface Recording {
  /** Mounted under /api/v1: /recordings and /shared-recordings. */
  routes: Hono<AppEnv>;
  rooms: RecordingRooms;
  service: RecordingService;
  /** The library (on-demand publishing reads a recording and its cut through it). */
  library: RecordingLibrary;
  /** LiveKit's webhooks, already verified: egress events move Egress recordings on. */
  onLiveKitEvent(event: WebhookEvent): Promise<void>;
  /** The internal "recording ready" moment (the statistics issue makes it a webhook). */
  onReady(listener: (ready: RecordingReady) => void): void;
  health(): RecorderHealth;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const CHROMIUM = '/usr/bin/chromium';

/** RECORDER=off: the library still works; REC is refused with the reason. */
const offBackend: RecorderBackend = {
  name: 'builtin',
  canPause: true,
  unavailable: () => 'recording is turned off on this server (RECORDER=off)',
  startPart: () => Promise.reject(new Error('recording is turned off')),
  shutdown: () => Promise.resolve(),
};

/** Recording (ROOM-13) and the recordings library (POST-2), built from the core services (convention 16). */
export function buildRecording(deps: RecordingDeps): Recording {
  const store = new RecordingsStore(deps.db);
  const readyListeners: ((ready: RecordingReady) => void)[] = [];
  const egress = deps.config.recorder === 'egress' ? new EgressBackend({ api: deps.egressApi ?? liveKitEgressApi(deps.media), store, media: deps.media, baseUrl: deps.baseUrl, logger: deps.logger, recorderTicket: deps.recorderTicket }) : undefined;
  const off = deps.config.recorder === 'off';
  const backend: RecorderBackend = off ? offBackend : egress ?? new BuiltinBackend({
    media: deps.media,
    baseUrl: deps.baseUrl,
    clientIndex: join(deps.clientDir, 'index.html'),
    chromium: CHROMIUM,
    preset: deps.config.recorderPreset,
    logger: deps.logger,
    recorderTicket: deps.recorderTicket,
  });
  const service = new RecordingService({
    store,
    backend,
    dir: join(deps.config.dataDir, 'recordings'),
    limitsOf: (accountId) => limitsFor(limitsSubject(deps.db, accountId, deps.accounts.getAccount(accountId).plan as PlanId), new Date()),
    logger: deps.logger,
    newId: deps.newId,
    now: () => new Date(),
    onReady: (ready) => {
      deps.logger.info(`recording ${ready.recordingId} ready (${Math.round(ready.durationMs / 1000)} s)`);
      for (const listener of readyListeners) listener(ready);
    },
    onChange: () => undefined,
  });
  const mailer = deps.mail && new RecordingMailer(deps.db, deps.mail.queue, deps.mail.wake);
  const library = new RecordingLibrary(store, service, { newId: deps.newId, now: () => new Date(), baseUrl: deps.baseUrl, mailer });
  return {
    routes: recordingRoutes(library),
    library,
    service,
    rooms: {
      open: (event, initial) => new RecordingDesk(service, event, initial, {
        autostart: (accountId) => !off && store.autostart(accountId),
        language: () => 'en',
        logger: deps.logger,
        now: () => Date.now(),
      }),
    },
    onLiveKitEvent: async (event) => {
      if (egress && event.event.startsWith('egress_')) await egress.onWebhook(event);
    },
    onReady: (listener) => void readyListeners.push(listener),
    health: () => {
      const tools = { chromium: existsSync(CHROMIUM), ffmpeg: existsSync(FFMPEG), running: service.running() };
      if (off) return { state: 'disabled', backend: 'off', reason: 'RECORDER=off', ...tools };
      const reason = backend.unavailable();
      return reason ? { state: 'unavailable', backend: backend.name, reason, ...tools } : { state: 'ready', backend: backend.name, ...tools };
    },
    start: async () => {
      await service.recover();
      await egress?.reconcile();
    },
    stop: () => service.shutdown(),
  };
}
