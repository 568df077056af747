import { Hono } from 'hono';
import type { Timeline } from '../../shared/automated-timeline.ts';
import { onDemandOrganizerRoutes, onDemandPublishRoutes } from '../api/ondemand-organizer.ts';
import { onDemandViewerRoutes } from '../api/ondemand.ts';
import type { Db } from '../db/database.ts';
import type { Caller } from '../domain/accounts-service.ts';
import type { EventsService } from '../domain/events-service.ts';
import type { FileStorage } from '../files/file-storage.ts';
import type { FilesStore } from '../files/files-store.ts';
import type { MediaLinks } from '../files/media-links.ts';
import type { AppEnv } from '../http/context.ts';
import type { Logger } from '../logger.ts';
import type { MailQueue } from '../mail/mail-queue.ts';
import { OnDemandCatalog } from './ondemand-catalog.ts';
import { OnDemandInteractions } from './ondemand-interactions.ts';
import { OnDemandMessages } from './ondemand-messages.ts';
import { OnDemandPublisher, type RecordingSource } from './ondemand-publish.ts';
import { OnDemandSettingsService } from './ondemand-settings.ts';
import { OnDemandStats } from './ondemand-stats.ts';
import { OnDemandViewers, type AccessCheck, type LeadBook } from './ondemand-viewers.ts';

export interface OnDemandDeps {
  db: Db;
  events: EventsService;
  /** The timelines of the automated module: read for players, written (after its checks) by publish. */
  timelines: { timelineOf(eventId: string): Timeline; put(caller: Caller, publicId: number, timeline: Timeline): unknown };
  files: { store: FilesStore; storage: FileStorage; links: MediaLinks };
  recordings: RecordingSource;
  mail: () => MailQueue;
  wakeMail: () => void;
  secret: string;
  /** The address book: where the lead gate's addresses land (convention 16: through its service). */
  contacts: LeadBook;
  /** The event's access rule (password, personal links), asked exactly as the live join asks it. */
  checkAccess: AccessCheck;
  secureCookie: () => boolean;
  /** The organizer's name, when they watch their own event. */
  userName: (userId: string) => string;
  logger: Logger;
}

export interface OnDemand {
  /** Mounted under /api/v1: /ondemand/* (viewers), /events/:id/ondemand/* (organizer), /recordings/:id/publish. */
  routes: Hono<AppEnv>;
}

/** On-demand webinars (OD-1..3) and publishing a recording as one (POST-2), built from the core services (convention 16). */
export function buildOnDemand(deps: OnDemandDeps): OnDemand {
  const settings = new OnDemandSettingsService(deps.db, deps.events);
  const catalog = new OnDemandCatalog(deps.db, (eventId) => deps.timelines.timelineOf(eventId), deps.files.store, deps.files.links);
  const viewers = new OnDemandViewers(deps.db, deps.events, settings, catalog, deps.secret, deps.contacts, deps.checkAccess);
  const interactions = new OnDemandInteractions(deps.db, catalog);
  const messages = new OnDemandMessages(deps.db, settings, deps.mail, deps.wakeMail);
  const stats = new OnDemandStats(deps.db, settings, catalog);
  const publisher = new OnDemandPublisher({
    db: deps.db, events: deps.events, storage: deps.files.storage, recordings: deps.recordings, logger: deps.logger,
    putTimeline: (caller, publicId, timeline) => void deps.timelines.put(caller, publicId, timeline),
  });
  return {
    routes: new Hono<AppEnv>()
      .route('/ondemand', onDemandViewerRoutes({ viewers, interactions, messages, secureCookie: deps.secureCookie, userName: deps.userName }))
      .route('/events', onDemandOrganizerRoutes({ settings, messages, stats }))
      .route('/', onDemandPublishRoutes(publisher)),
  };
}
