import { copyFileSync, linkSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import * as v from 'valibot';
import type { OverlayItem, Timeline } from '../../shared/automated-timeline.ts';
import { TIMELINE_CTA_MESSAGE_MAX } from '../../shared/automated-timeline.ts';
import { CreateEventBody } from '../../shared/event-schemas.ts';
import type { PublishOut } from '../../shared/ondemand-schemas.ts';
import type { RecordingOut } from '../../shared/recording-schemas.ts';
import type { Db } from '../db/database.ts';
import { files } from '../db/schema-files.ts';
import { ctaShows, polls } from '../db/schema-room-activity.ts';
import type { Caller } from '../domain/accounts-service.ts';
import { AppError } from '../domain/app-error.ts';
import type { EventsService } from '../domain/events-service.ts';
import { newId } from '../domain/secrets.ts';
import type { FileStorage } from '../files/file-storage.ts';
import type { Logger } from '../logger.ts';

/** What publishing needs of the recordings library. */
export interface RecordingSource {
  one(accountId: string, id: string): RecordingOut;
  /** The MP4 as published: cut at the trim points without re-encoding, or whole. */
  download(accountId: string, id: string): Promise<{ path: string }>;
}

type Span = { from: number; to: number };

/**
 * Where a wall-clock moment of the live session is in the recording's file: the kept
 * spans are what was written (private mode and pauses fall between them and take no
 * time in the file). Before the first span: 0; inside a gap: where the gap is in the file.
 */
export function filePositionMs(kept: readonly Span[], startedAt: number, at: number): number {
  if (kept.length === 0) return Math.max(0, at - startedAt);
  let pos = 0;
  for (const span of kept) {
    if (at >= span.to) pos += span.to - span.from;
    else if (at > span.from) pos += at - span.from;
  }
  return pos;
}

/**
 * Publish (POST-2 → OD-1): a ready recording becomes an on-demand event whose timeline is
 * that recording between its trim points, with the live session's CTAs and polls placed
 * at the moments they happened (from the room activity tables). The recording's cut is
 * put into the file library as a video, so the timeline can be edited like any other.
 * Refused whole: a failure after the event was created removes the event and the file.
 */
export class OnDemandPublisher {
  constructor(private readonly deps: {
    db: Db;
    events: EventsService;
    storage: FileStorage;
    recordings: RecordingSource;
    putTimeline(caller: Caller, publicId: number, timeline: Timeline): void;
    logger: Logger;
    now?: () => Date;
  }) {}

  async publish(caller: Caller, recordingId: string, name: string | undefined): Promise<PublishOut> {
    const { db, events } = this.deps;
    const rec = this.deps.recordings.one(caller.accountId, recordingId);
    if (rec.state !== 'ready' || rec.partial || rec.durationMs === null) throw new AppError('recording-not-ready', 409, 'Only a finished recording can be published.');
    const inMs = rec.trimInMs ?? 0;
    const outMs = rec.trimOutMs ?? rec.durationMs;
    const lengthMs = outMs - inMs;
    if (lengthMs <= 0) throw new AppError('recording-empty', 409, 'The trim points leave nothing to publish.');
    const { path } = await this.deps.recordings.download(caller.accountId, recordingId);
    const source = events.byPublicId(rec.eventId);
    const now = (this.deps.now ?? (() => new Date()))();
    const created = events.create(caller, v.parse(CreateEventBody, {
      kind: 'on_demand',
      name: (name ?? `${rec.eventName} (on demand)`).slice(0, 200),
      startsAt: now.toISOString(),
      timeZone: source?.timeZone ?? 'UTC',
      durationMinutes: Math.min(24 * 60, Math.max(5, Math.ceil(lengthMs / 60_000))),
      description: source?.description ?? '',
    }));
    const fileId = newId();
    try {
      this.addFile(caller.accountId, fileId, path, `${rec.eventName} – recording.mp4`, lengthMs, now);
      const event = events.byPublicId(created.id)!;
      const place = (at: Date) => filePositionMs(rec.kept, new Date(rec.startedAt).getTime(), at.getTime()) - inMs;
      const overlay: OverlayItem[] = [];
      let lastPollEnd = 0;
      let pollCount = 0;
      if (source) {
        const livePolls = db.select().from(polls).where(and(eq(polls.eventId, source.id), isNotNull(polls.startedAt))).orderBy(asc(polls.startedAt)).all();
        for (const [i, p] of livePolls.entries()) {
          const start = Math.max(0, place(p.startedAt!));
          const end = Math.min(lengthMs, p.endedAt ? place(p.endedAt) : lengthMs);
          // Outside the published stretch, or overlapping the poll before it (a room shows one at a time).
          if (start >= lengthMs || end - start < 1000 || start < lastPollEnd) continue;
          const pollId = newId();
          db.insert(polls).values({ id: pollId, eventId: event.id, kind: p.kind, title: p.title, questions: p.questions, status: 'draft', resultsVisible: false, position: i, createdAt: now }).run();
          overlay.push({ id: `poll-${i + 1}`, kind: 'poll', startMs: start, durationMs: end - start, pollId, showResultsAtMs: p.resultsVisible ? Math.floor((end - start) / 2) : null });
          lastPollEnd = end;
          pollCount++;
        }
        const ctas = db.select().from(ctaShows).where(eq(ctaShows.eventId, source.id)).orderBy(asc(ctaShows.shownAt)).all();
        let lastCtaEnd = 0;
        for (const [i, cta] of ctas.entries()) {
          const start = Math.max(0, place(cta.shownAt));
          const closed = cta.closedAt ?? cta.endsAt;
          const end = Math.min(lengthMs, closed ? place(closed) : lengthMs);
          if (start >= lengthMs || end - start < 1000 || start < lastCtaEnd) continue;
          overlay.push({ id: `cta-${i + 1}`, kind: 'cta', startMs: start, durationMs: end - start, message: cta.message.slice(0, TIMELINE_CTA_MESSAGE_MAX), buttonLabel: cta.buttonLabel.slice(0, 40), url: cta.url });
          lastCtaEnd = end;
        }
      }
      const timeline: Timeline = {
        version: 1,
        chatEnabledAtStart: true,
        main: [{ id: 'recording', kind: 'recording', startMs: 0, durationMs: lengthMs, assetId: fileId, inMs: 0 }],
        overlay,
      };
      this.deps.putTimeline(caller, created.id, timeline);
      return { eventId: created.id, name: created.name, durationMs: lengthMs, ctas: overlay.length - pollCount, polls: pollCount };
    } catch (error) {
      this.deps.logger.warn(`publishing recording ${recordingId} failed: ${(error as Error).message}`);
      db.delete(files).where(eq(files.id, fileId)).run();
      this.deps.storage.remove(fileId);
      events.delete(caller, created.id);
      throw error;
    }
  }

  /** The cut goes into the library as a ready video; a hard link when the disk allows, so no bytes are copied. */
  private addFile(accountId: string, id: string, path: string, name: string, durationMs: number, now: Date): void {
    const dir = this.deps.storage.dir(id);
    mkdirSync(dir, { recursive: true });
    for (const target of ['media.mp4', 'original']) {
      try {
        linkSync(path, join(dir, target));
      } catch {
        copyFileSync(path, join(dir, target));
      }
    }
    const sizeBytes = statSync(path).size;
    this.deps.db.insert(files).values({ id, accountId, name: name.slice(0, 200), kind: 'video', mime: 'video/mp4', sizeBytes, status: 'ready', progress: 100, durationMs, createdAt: now, updatedAt: now }).run();
  }
}
