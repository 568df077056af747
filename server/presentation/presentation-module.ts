import type { Hono } from 'hono';
import type { Db } from '../db/database.ts';
import type { EventsService } from '../domain/events-service.ts';
import type { RoomStatesStore } from '../domain/room-states-store.ts';
import type { Files } from '../files/files-module.ts';
import type { AppEnv } from '../http/context.ts';
import { stagePresentationRoutes } from '../api/stage-presentation.ts';
import { stageFileDeleted } from '../rooms/stage-file-news.ts';
import { PRESENTATION_CHANGED, PresentationService } from './presentation-service.ts';

export interface PresentationDeps {
  db: Db;
  events: EventsService;
  roomStates: RoomStatesStore;
  files: Pick<Files, 'store' | 'links' | 'onDeleted'>;
  /** Puts news on an event's channel (Colyseus presence), where its open room listens. */
  publish: (eventId: string, news: unknown) => void;
}

export interface Presentation {
  /** The rules and storage of the stage's slides, given to the live rooms. */
  service: PresentationService;
  /** Mounted under /api/v1/events. */
  routes: Hono<AppEnv>;
}

/** Slides on the stage (ROOM-12), built from the file library and the room states (convention 16). */
export function buildPresentation(deps: PresentationDeps): Presentation {
  const service = new PresentationService(deps.db, deps.files.store, deps.files.links, deps.roomStates);
  const routes = stagePresentationRoutes(deps.events, service, (eventId) => deps.publish(eventId, PRESENTATION_CHANGED));
  // A deleted file leaves every stage that shows it; the open rooms reload and tell their presenters.
  deps.files.onDeleted((file) => {
    for (const eventId of service.closeFile(file.id)) deps.publish(eventId, stageFileDeleted('slides', file.name));
  });
  return { service, routes };
}
