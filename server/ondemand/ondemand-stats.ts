import { and, count, eq, isNull, sum } from 'drizzle-orm';
import { timelineEndMs } from '../../shared/automated-timeline-state.ts';
import { bucketMsFor, dropoffCurve, labelAt } from '../../shared/ondemand-progress.ts';
import type { StatsOut, WatchedRange } from '../../shared/ondemand-schemas.ts';
import type { Db } from '../db/database.ts';
import { ondemandCtaClicks, ondemandMessages, ondemandPollAnswers, ondemandViewers } from '../db/schema-ondemand.ts';
import type { Caller } from '../domain/accounts-service.ts';
import { toCsv } from '../domain/csv.ts';
import type { OnDemandCatalog } from './ondemand-catalog.ts';
import type { OnDemandSettingsService } from './ondemand-settings.ts';

/**
 * Statistics of an on-demand event (OD-3): unique viewers; per viewer the time watched
 * (distinct stretches of the timeline), how far they got, CTA clicks, poll answers and
 * messages; and the drop-off curve labelled through `stateAt` with what was on.
 */
export class OnDemandStats {
  constructor(private readonly db: Db, private readonly settings: OnDemandSettingsService, private readonly catalog: OnDemandCatalog) {}

  stats(caller: Caller, publicId: number): StatsOut {
    const event = this.settings.onDemandEvent(caller, publicId);
    const timeline = this.catalog.timeline(event.id);
    const durationMs = timelineEndMs(timeline);
    // The organizer watching their own event is not one of its viewers.
    const viewers = this.db.select().from(ondemandViewers).where(and(eq(ondemandViewers.eventId, event.id), isNull(ondemandViewers.userId))).orderBy(ondemandViewers.createdAt).all();
    const perViewer = <T extends { viewerId: string }>(rows: T[], value: (row: T) => number) => new Map(rows.map((r) => [r.viewerId, value(r)]));
    const clicks = perViewer(this.db.select({ viewerId: ondemandCtaClicks.viewerId, n: sum(ondemandCtaClicks.clicks) }).from(ondemandCtaClicks)
      .innerJoin(ondemandViewers, eq(ondemandViewers.id, ondemandCtaClicks.viewerId)).where(eq(ondemandViewers.eventId, event.id)).groupBy(ondemandCtaClicks.viewerId).all(), (r) => Number(r.n ?? 0));
    const answers = perViewer(this.db.select({ viewerId: ondemandPollAnswers.viewerId, n: count() }).from(ondemandPollAnswers)
      .innerJoin(ondemandViewers, eq(ondemandViewers.id, ondemandPollAnswers.viewerId)).where(eq(ondemandViewers.eventId, event.id)).groupBy(ondemandPollAnswers.viewerId).all(), (r) => r.n);
    const messages = perViewer(this.db.select({ viewerId: ondemandMessages.viewerId, n: count() }).from(ondemandMessages)
      .where(eq(ondemandMessages.eventId, event.id)).groupBy(ondemandMessages.viewerId).all(), (r) => r.n);
    const bucketMs = bucketMsFor(durationMs);
    const names = this.catalog.assetNames(event, timeline);
    const titles = new Map([...this.catalog.eventPolls(event.id).values()].map((p) => [p.id, p.title]));
    // A viewer who never got past the gate's page is still a viewer: they came and saw nothing.
    const curve = dropoffCurve(durationMs, viewers.map((v) => JSON.parse(v.ranges) as WatchedRange[]), bucketMs);
    return {
      eventId: event.publicId,
      name: event.name,
      durationMs,
      uniqueViewers: new Set(viewers.map((v) => v.email ?? v.id)).size,
      viewers: viewers.map((v) => ({
        id: v.id,
        name: v.name,
        email: v.email,
        firstSeenAt: v.createdAt.toISOString(),
        lastSeenAt: v.lastSeenAt.toISOString(),
        watchedMs: v.watchedMs,
        maxPosMs: v.maxPosMs,
        percent: durationMs > 0 ? Math.min(100, Math.round((v.maxPosMs / durationMs) * 100)) : 0,
        ctaClicks: clicks.get(v.id) ?? 0,
        pollAnswers: answers.get(v.id) ?? 0,
        messages: messages.get(v.id) ?? 0,
      })),
      dropoff: curve.map((p) => ({ ...p, label: labelAt(timeline, Math.min(p.atMs + bucketMs / 2, Math.max(0, durationMs - 1)), names, titles) })),
      bucketMs,
    };
  }

  csv(caller: Caller, publicId: number): string {
    const s = this.stats(caller, publicId);
    return toCsv(['name', 'email', 'first_seen', 'last_seen', 'watched_seconds', 'reached_seconds', 'percent', 'cta_clicks', 'poll_answers', 'messages'],
      s.viewers.map((v) => [v.name, v.email ?? '', v.firstSeenAt, v.lastSeenAt, Math.round(v.watchedMs / 1000), Math.round(v.maxPosMs / 1000), v.percent, v.ctaClicks, v.pollAnswers, v.messages]));
  }
}
