import { and, eq } from 'drizzle-orm';
import type { Timeline } from '../../shared/automated-timeline.ts';
import { timelineEndMs } from '../../shared/automated-timeline-state.ts';
import { allowedMaxMs, checkProgress, mergeRanges, rangesLength } from '../../shared/ondemand-progress.ts';
import type { AccessBody, HeartbeatBody, HeartbeatOut, WatchOut, WatchedRange } from '../../shared/ondemand-schemas.ts';
import type { Db } from '../db/database.ts';
import { ondemandViewers, ondemandViews } from '../db/schema-ondemand.ts';
import { AppError, notFound } from '../domain/app-error.ts';
import type { EventRow, EventsService } from '../domain/events-service.ts';
import { tooManyRequests } from '../domain/app-error.ts';
import { RateLimiter } from '../domain/rate-limiter.ts';
import { hmac, newId, safeEqual } from '../domain/secrets.ts';
import type { OnDemandSettingsService } from './ondemand-settings.ts';
import type { OnDemandCatalog } from './ondemand-catalog.ts';

/** The event's access rule, as the live join checks it (JoinService.checkAccess). */
export type AccessCheck = (event: EventRow, secrets: { password?: string | undefined; token?: string | undefined }, origin: { address: string; userAgent?: string | undefined }) => Promise<{ holder: { name: string; email: string } | undefined; recordUse: (() => void) | undefined }>;

/** Who asks for access: the client's address and browser; `organizer` when their session or API key owns the event. */
export interface AccessOrigin { address: string; userAgent?: string | undefined; organizer?: { userId: string; name: string } | undefined }

/** The address book (scheduling module): the lead gate's addresses land there, in the organizer's group. */
export interface LeadBook {
  addLead(accountId: string, lead: { email: string; firstName: string; lastName: string }, groupId: string | null, tx?: Pick<Db, 'insert' | 'select' | 'update' | 'delete'>): { contactId: string };
}

export type ViewerRow = typeof ondemandViewers.$inferSelect;

/** Lead-gate limits: per client address and per e-mail address, in a 10-minute window. */
export const GATE_PER_ADDRESS = 60;
export const GATE_PER_EMAIL = 5;
const GATE_WINDOW_MS = 10 * 60_000;

/**
 * Viewers of on-demand events: the lead gate (the address lands in the organizer's
 * contact group), viewing sessions and heartbeats. When seeking is forbidden a heartbeat
 * that is further along than the wall time since the view began allows is refused whole.
 */
export class OnDemandViewers {
  private readonly byAddress = new RateLimiter(GATE_PER_ADDRESS, GATE_WINDOW_MS);
  private readonly byEmail = new RateLimiter(GATE_PER_EMAIL, GATE_WINDOW_MS);

  constructor(
    private readonly db: Db,
    private readonly events: EventsService,
    private readonly settings: OnDemandSettingsService,
    private readonly catalog: OnDemandCatalog,
    private readonly secret: string,
    private readonly contacts: LeadBook,
    private readonly checkAccess: AccessCheck,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The on-demand event behind a public id, or 404 (a live webinar has no viewer page). */
  event(publicId: number): EventRow {
    const event = this.events.byPublicId(publicId);
    if (!event || event.kind !== 'on_demand') throw notFound('On-demand event');
    return event;
  }

  token(viewerId: string): string {
    return `${viewerId}.${this.signature(viewerId)}`;
  }

  private signature(viewerId: string): string {
    return hmac(this.secret, `ondemand-viewer:${viewerId}`).slice(0, 32);
  }

  /** The viewer a token names, if it is genuine and of this event. */
  viewerOf(event: EventRow, token: string | undefined): ViewerRow | undefined {
    const [id, sig] = (token ?? '').split('.');
    if (!id || !sig || !safeEqual(sig, this.signature(id))) return undefined;
    return this.db.select().from(ondemandViewers).where(and(eq(ondemandViewers.id, id), eq(ondemandViewers.eventId, event.id))).get();
  }

  requireViewer(event: EventRow, token: string | undefined): ViewerRow {
    const viewer = this.viewerOf(event, token);
    if (!viewer) throw new AppError('viewer-unknown', 401, 'Open the webinar page first (and give your e-mail if it asks for it).');
    return viewer;
  }

  watch(event: EventRow, viewer: ViewerRow | undefined, organizer = false): WatchOut {
    const settings = this.settings.of(event.id);
    const timeline = this.catalog.timeline(event.id);
    const admitted = viewer !== undefined;
    return {
      eventId: event.publicId,
      name: event.name,
      description: event.description,
      settings: { leadGate: settings.leadGate, nameRequired: settings.nameRequired, allowPause: settings.allowPause, allowSeek: settings.allowSeek },
      access: event.accessType,
      organizer,
      viewer: viewer ? { id: viewer.id, name: viewer.name, email: viewer.email, maxPosMs: viewer.maxPosMs, positionMs: viewer.positionMs } : null,
      timeline: admitted ? timeline : null,
      assets: admitted ? this.catalog.assetLinks(event, timeline) : {},
      polls: admitted ? this.catalog.publicPolls(event.id, timeline) : [],
      durationMs: timelineEndMs(timeline),
    };
  }

  /**
   * The lead gate (or, without one, an anonymous pass), after the event's own access rule
   * (`checkAccess`: the live join's, so a password event asks its password and a token
   * event a personal link). A personal link brings its person: their e-mail and name are
   * the ones it was sent to, whatever is typed. Limits are counted before anything is
   * looked at, so a flood costs nothing; the contact (through the address book), its
   * group and the viewer are written in one transaction.
   */
  async access(event: EventRow, body: AccessBody, origin: AccessOrigin): Promise<ViewerRow> {
    const { address } = origin;
    // The organizer's own session or API key is the proof: no password, link or gate, and not a lead of their own.
    if (origin.organizer) return this.organizerViewer(event, origin.organizer);
    const settings = this.settings.of(event.id);
    const keys = [`ip:${address}`];
    if (!this.byAddress.take(...keys)) throw tooManyRequests('Too many requests from your address; wait a few minutes and try again.', this.byAddress.retryAfterMs(...keys) / 1000);
    if (body.email !== undefined) {
      const key = `email:${event.id}:${body.email}`;
      if (!this.byEmail.take(key)) throw tooManyRequests('Too many requests for this e-mail address; wait a few minutes and try again.', this.byEmail.retryAfterMs(key) / 1000);
    }
    const { holder, recordUse } = await this.checkAccess(event, { password: body.password, token: body.token }, origin);
    const email = holder?.email ?? (settings.leadGate ? body.email : undefined);
    const name = holder?.name || body.name;
    const problems: { field: string; message: string }[] = [];
    if (settings.leadGate) {
      if (email === undefined) problems.push({ field: 'email', message: 'Enter your e-mail address to watch.' });
      if (settings.nameRequired && !name) problems.push({ field: 'name', message: 'Enter your name.' });
      if (!body.consent) problems.push({ field: 'consent', message: 'Tick the box to agree that the organizer may contact you.' });
    }
    if (problems.length) throw new AppError('gate-incomplete', 422, problems[0]!.message, problems);
    const now = this.now();
    const viewer = this.db.transaction((tx) => {
      if (email === undefined) {
        const row = { id: newId(), eventId: event.id, email: null, name: name ?? '', createdAt: now, lastSeenAt: now };
        tx.insert(ondemandViewers).values(row).run();
        return tx.select().from(ondemandViewers).where(eq(ondemandViewers.id, row.id)).get()!;
      }
      const [firstName = '', ...rest] = (name ?? '').split(/\s+/).filter(Boolean);
      // Only the lead gate's consent puts the address in the organizer's contacts.
      const contactId = settings.leadGate ? this.contacts.addLead(event.accountId, { email, firstName, lastName: rest.join(' ') }, settings.contactGroupId, tx).contactId : null;
      const consentAt = settings.leadGate ? now : null;
      const existing = tx.select().from(ondemandViewers).where(and(eq(ondemandViewers.eventId, event.id), eq(ondemandViewers.email, email))).get();
      if (existing) {
        tx.update(ondemandViewers).set({ name: name || existing.name, contactId: contactId ?? existing.contactId, consentAt: consentAt ?? existing.consentAt, lastSeenAt: now }).where(eq(ondemandViewers.id, existing.id)).run();
        return tx.select().from(ondemandViewers).where(eq(ondemandViewers.id, existing.id)).get()!;
      }
      const row = { id: newId(), eventId: event.id, email, name: name ?? '', contactId, consentAt, createdAt: now, lastSeenAt: now };
      tx.insert(ondemandViewers).values(row).run();
      return tx.select().from(ondemandViewers).where(eq(ondemandViewers.id, row.id)).get()!;
    }, { behavior: 'immediate' });
    recordUse?.();
    return viewer;
  }

  /** The organizer watching their own event: one viewer per organizer user, known by the user, never a contact. */
  private organizerViewer(event: EventRow, organizer: { userId: string; name: string }): ViewerRow {
    const now = this.now();
    const mine = and(eq(ondemandViewers.eventId, event.id), eq(ondemandViewers.userId, organizer.userId));
    const existing = this.db.select().from(ondemandViewers).where(mine).get();
    if (existing) {
      this.db.update(ondemandViewers).set({ lastSeenAt: now }).where(eq(ondemandViewers.id, existing.id)).run();
      return { ...existing, lastSeenAt: now };
    }
    const row = { id: newId(), eventId: event.id, email: null, name: organizer.name, userId: organizer.userId, createdAt: now, lastSeenAt: now };
    this.db.insert(ondemandViewers).values(row).run();
    return this.db.select().from(ondemandViewers).where(eq(ondemandViewers.id, row.id)).get()!;
  }

  /** A new viewing session: a forbidden seek is measured from its start. */
  startView(viewer: ViewerRow): { viewId: string; startedAt: string; resumeAtMs: number } {
    const now = this.now();
    const id = newId();
    this.db.insert(ondemandViews).values({ id, viewerId: viewer.id, startedAt: now, reachedBeforeMs: viewer.maxPosMs, lastBeatAt: now }).run();
    this.db.update(ondemandViewers).set({ lastSeenAt: now }).where(eq(ondemandViewers.id, viewer.id)).run();
    return { viewId: id, startedAt: now.toISOString(), resumeAtMs: viewer.positionMs };
  }

  /** Believed and merged, or refused whole with the reason (409 implausible-progress). */
  heartbeat(event: EventRow, viewer: ViewerRow, viewId: string, beat: HeartbeatBody): HeartbeatOut {
    const view = this.db.select().from(ondemandViews).where(and(eq(ondemandViews.id, viewId), eq(ondemandViews.viewerId, viewer.id))).get();
    if (!view) throw notFound('Viewing session');
    const now = this.now();
    const timeline: Timeline = this.catalog.timeline(event.id);
    const endMs = timelineEndMs(timeline);
    const limit = this.settings.of(event.id).allowSeek ? null
      : allowedMaxMs({ reachedBeforeMs: view.reachedBeforeMs, startedAt: view.startedAt.getTime(), maxPosMs: Math.max(viewer.maxPosMs, viewer.positionMs), lastBeatAt: view.lastBeatAt.getTime() }, now.getTime());
    const verdict = checkProgress(beat, { endMs, allowedMaxMs: limit });
    if (!verdict.ok) throw new AppError('implausible-progress', 409, verdict.reason, [{ field: 'positionMs', message: verdict.reason }]);
    const clamp = (ms: number) => Math.min(ms, endMs);
    const incoming: WatchedRange[] = beat.ranges.map((r) => ({ fromMs: clamp(r.fromMs), toMs: clamp(r.toMs) }));
    const ranges = mergeRanges([...(JSON.parse(viewer.ranges) as WatchedRange[]), ...incoming]);
    const maxPosMs = Math.max(viewer.maxPosMs, ...ranges.map((r) => r.toMs));
    const watchedMs = rangesLength(ranges);
    this.db.transaction((tx) => {
      tx.update(ondemandViewers).set({ ranges: JSON.stringify(ranges), watchedMs, maxPosMs, positionMs: clamp(beat.positionMs), lastSeenAt: now }).where(eq(ondemandViewers.id, viewer.id)).run();
      tx.update(ondemandViews).set({ lastBeatAt: now, beats: view.beats + 1 }).where(eq(ondemandViews.id, view.id)).run();
    });
    return { watchedMs, maxPosMs, allowedMaxMs: limit };
  }
}
