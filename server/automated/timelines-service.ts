import { and, eq, like } from 'drizzle-orm';
import * as v from 'valibot';
import { EMPTY_TIMELINE, Timeline } from '../../shared/automated-timeline.ts';
import { checkTimeline, mmss, type CatalogAsset, type TimelineCatalog } from '../../shared/automated-timeline-check.ts';
import type { Db } from '../db/database.ts';
import { eventTimelines } from '../db/schema-automated.ts';
import { events as eventsTable } from '../db/schema-events.ts';
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

  /** Where an account's timelines put a file on the stage: each event with the first item that uses it. */
  usesOfFile(accountId: string, fileId: string): { publicId: number; name: string; itemId: string; startMs: number }[] {
    // A LIKE on the JSON finds the candidates (a file id is server-made, [A-Za-z0-9_-]; `_` matches itself too); the parsed timeline decides.
    const rows = this.db.select({ publicId: eventsTable.publicId, name: eventsTable.name, timeline: eventTimelines.timeline })
      .from(eventTimelines).innerJoin(eventsTable, eq(eventsTable.id, eventTimelines.eventId))
      .where(and(eq(eventsTable.accountId, accountId), like(eventTimelines.timeline, `%${fileId}%`))).all();
    return rows.flatMap((row) => {
      const parsed = v.safeParse(Timeline, JSON.parse(row.timeline));
      const item = parsed.success ? parsed.output.main.find((i) => i.kind !== 'blank' && i.assetId === fileId) : undefined;
      return item ? [{ publicId: row.publicId, name: row.name, itemId: item.id, startMs: item.startMs }] : [];
    });
  }

  /**
   * A file an automated or on-demand timeline puts on the stage is not deleted: the webinar
   * plays by itself, and nobody would be there to notice the hole. The refusal names the
   * event and the item, so the organizer knows where to take it off first.
   */
  refuseDeletionInUse(file: FileRow): void {
    const uses = this.usesOfFile(file.accountId, file.id);
    if (uses.length === 0) return;
    const named = uses.slice(0, 3).map((u) => `"${u.name}" (event ${u.publicId}, item "${u.itemId}" at ${mmss(u.startMs)})`).join(', ');
    const more = uses.length > 3 ? ` and ${uses.length - 3} more` : '';
    throw conflict('file-in-timeline', `"${file.name}" is on the timeline of ${named}${more}. Take it off the timeline first, then delete the file.`);
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
