import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import { EMPTY_TIMELINE, Timeline } from '../../shared/automated-timeline.ts';
import { checkTimeline, type CatalogAsset, type TimelineCatalog } from '../../shared/automated-timeline-check.ts';
import type { Db } from '../db/database.ts';
import { eventTimelines } from '../db/schema-automated.ts';
import { polls } from '../db/schema-room-activity.ts';
import type { Caller } from '../domain/accounts-service.ts';
import { AppError, conflict } from '../domain/app-error.ts';
import type { EventsService } from '../domain/events-service.ts';
import type { FileRow, FilesStore } from '../files/files-store.ts';

/** Event kinds that play a timeline; a live webinar or meeting has none. */
const TIMELINE_KINDS = new Set(['automated', 'on_demand']);

/** The library's kinds as the timeline sees them: pages make a presentation. */
function assetKind(file: FileRow): CatalogAsset['kind'] {
  if (file.kind === 'video') return 'video';
  if (file.kind === 'audio') return 'audio';
  if ((file.kind === 'pdf' || file.kind === 'document') && file.pages) return 'presentation';
  return 'other';
}

/**
 * Timelines of automated and on-demand events: read, and replaced whole after the
 * checks of `checkTimeline` against what this account and this event really have
 * (a file of another account or a poll of another event is "not in your library").
 */
export class TimelinesService {
  constructor(
    private readonly db: Db,
    private readonly events: EventsService,
    private readonly files: FilesStore,
    /** The series a session belongs to (the event itself when it is none): sessions play its timeline. */
    private readonly seriesOf: (eventId: string) => string = (eventId) => eventId,
  ) {}

  get(caller: Caller, publicId: number): { timeline: Timeline; updatedAt: string | null } {
    const event = this.events.owned(caller, publicId);
    const row = this.db.select({ updatedAt: eventTimelines.updatedAt }).from(eventTimelines).where(eq(eventTimelines.eventId, this.seriesOf(event.id))).get();
    return { timeline: this.timelineOf(event.id), updatedAt: row?.updatedAt?.toISOString() ?? null };
  }

  /** The stored timeline of an event (by internal id), for its room; empty when none was saved. */
  timelineOf(eventId: string): Timeline {
    const row = this.db.select().from(eventTimelines).where(eq(eventTimelines.eventId, this.seriesOf(eventId))).get();
    return row ? v.parse(Timeline, JSON.parse(row.timeline)) : EMPTY_TIMELINE;
  }

  /** Checks and stores; any problem refuses the whole timeline (422) with each offending item named. */
  put(caller: Caller, publicId: number, timeline: Timeline, now = new Date()): { timeline: Timeline; updatedAt: string } {
    const event = this.events.owned(caller, publicId);
    if (!TIMELINE_KINDS.has(event.kind)) {
      throw conflict('no-timeline', 'Only automated and on-demand events play a timeline; change the event type first.');
    }
    const series = this.seriesOf(event.id);
    if (series !== event.id) {
      throw conflict('is-a-session', `This event is a session of webinar ${this.events.byId(series)?.publicId ?? ''}: edit the webinar's timeline, which every session plays.`);
    }
    const problems = checkTimeline(timeline, this.catalog(caller.accountId, event.id));
    if (problems.length > 0) {
      throw new AppError('invalid-timeline', 422, `The timeline has ${problems.length} problem(s); the first: ${problems[0]?.message}`,
        problems.map((p) => ({ field: `${p.lane}.${p.itemId}`, message: p.message })));
    }
    const json = JSON.stringify(timeline);
    this.db.insert(eventTimelines).values({ eventId: event.id, timeline: json, updatedAt: now })
      .onConflictDoUpdate({ target: eventTimelines.eventId, set: { timeline: json, updatedAt: now } }).run();
    return { timeline, updatedAt: now.toISOString() };
  }

  private catalog(accountId: string, eventId: string): TimelineCatalog {
    const assets = new Map<string, CatalogAsset>();
    for (const file of this.files.list(accountId)) {
      if (file.status !== 'ready') continue;
      assets.set(file.id, { kind: assetKind(file), durationMs: file.durationMs, pages: file.pages, name: file.name });
    }
    const pollIds = new Set(this.db.select({ id: polls.id }).from(polls).where(eq(polls.eventId, eventId)).all().map((p) => p.id));
    return { assets, pollIds };
  }
}
