import { Hono } from 'hono';
import { timelineRoutes } from '../api/timelines.ts';
import type { Db } from '../db/database.ts';
import type { EventsService } from '../domain/events-service.ts';
import type { FilesStore } from '../files/files-store.ts';
import type { AppEnv } from '../http/context.ts';
import { TimelinesService } from './timelines-service.ts';

export interface AutomatedDeps {
  db: Db;
  events: EventsService;
  files: FilesStore;
}

export interface Automated {
  /** Mounted under /api/v1/events. */
  routes: Hono<AppEnv>;
  timelines: TimelinesService;
}

/** Automated and on-demand webinars (AUTO, OD), built from the core services (convention 16). */
export function buildAutomated(deps: AutomatedDeps): Automated {
  const timelines = new TimelinesService(deps.db, deps.events, deps.files);
  return { routes: timelineRoutes(timelines), timelines };
}
