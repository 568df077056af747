import { eq } from 'drizzle-orm';
import type { OverlayItem, Timeline } from '../../shared/automated-timeline.ts';
import type { PollQuestion, PublicPoll } from '../../shared/poll-schemas.ts';
import type { Db } from '../db/database.ts';
import { polls } from '../db/schema-room-activity.ts';
import type { EventRow } from '../domain/events-service.ts';
import type { FilesStore } from '../files/files-store.ts';
import type { MediaLinks } from '../files/media-links.ts';

export type PollItem = Extract<OverlayItem, { kind: 'poll' }>;
export type CtaItem = Extract<OverlayItem, { kind: 'cta' }>;
export interface EventPoll { id: string; title: string; questions: PollQuestion[]; kind: 'poll' | 'test' }

/**
 * What a viewer's player needs besides the timeline: signed links to the files it plays
 * (only files of the event's own account), and the polls it opens without their right
 * answers. Also the names the statistics label the drop-off curve with.
 */
export class OnDemandCatalog {
  constructor(
    private readonly db: Db,
    private readonly timelineOf: (eventId: string) => Timeline,
    private readonly files: FilesStore,
    private readonly links: MediaLinks,
  ) {}

  timeline(eventId: string): Timeline {
    return this.timelineOf(eventId);
  }

  assetLinks(event: EventRow, timeline: Timeline): WatchAssets {
    const out: WatchAssets = {};
    for (const item of timeline.main) {
      if (item.kind === 'blank' || out[item.assetId]) continue;
      const file = this.files.owned(event.accountId, item.assetId);
      if (!file || file.status !== 'ready') continue;
      // The link outlives the whole timeline: a viewer may pause (if allowed) for a while, then asks again.
      out[item.assetId] = { base: `/api/v1${this.links.sign(file.id, (file.durationMs ?? 0) * 2).base}`, kind: file.kind, name: file.name, pages: file.pages, durationMs: file.durationMs };
    }
    return out;
  }

  assetNames(event: EventRow, timeline: Timeline): Map<string, string> {
    const names = new Map<string, string>();
    for (const item of timeline.main) {
      if (item.kind === 'blank') continue;
      const file = this.files.owned(event.accountId, item.assetId);
      if (file) names.set(item.assetId, file.name);
    }
    return names;
  }

  eventPolls(eventId: string): Map<string, EventPoll> {
    const rows = this.db.select().from(polls).where(eq(polls.eventId, eventId)).all();
    return new Map(rows.map((p) => [p.id, { id: p.id, title: p.title, kind: p.kind, questions: p.questions as PollQuestion[] }]));
  }

  pollItem(timeline: Timeline, pollId: string): PollItem | undefined {
    return timeline.overlay.find((item): item is PollItem => item.kind === 'poll' && item.pollId === pollId);
  }

  ctaItem(timeline: Timeline, itemId: string): CtaItem | undefined {
    return timeline.overlay.find((item): item is CtaItem => item.kind === 'cta' && item.id === itemId);
  }

  /** The polls the timeline opens, as attendees see them (no right answers). */
  publicPolls(eventId: string, timeline: Timeline): PublicPoll[] {
    const all = this.eventPolls(eventId);
    const placed = new Set(timeline.overlay.filter((i) => i.kind === 'poll').map((i) => (i as PollItem).pollId));
    return [...placed].flatMap((id) => {
      const p = all.get(id);
      if (!p) return [];
      return [{
        id: p.id, kind: p.kind, title: p.title, status: 'running' as const, resultsVisible: false,
        questions: p.questions.map((q) => ({ id: q.id, text: q.text, type: q.type, choices: q.choices.map((c) => ({ id: c.id, text: c.text, imageUrl: c.imageUrl })) })),
      }];
    });
  }
}

export type WatchAssets = Record<string, { base: string; kind: string; name: string; pages: number | null; durationMs: number | null }>;
