import { and, count, countDistinct, eq, inArray } from 'drizzle-orm';
import * as v from 'valibot';
import { occurrences, RecurrenceRule, RULE_HORIZON_DAYS, SESSIONS_MAX, type SessionOut, type SessionsOut } from '../../shared/automated-sessions.ts';
import type { Db } from '../db/database.ts';
import { automatedRules, automatedSessions } from '../db/schema-automated.ts';
import { attendance } from '../db/schema-events.ts';
import { eventGuests } from '../db/schema-scheduling.ts';
import type { Caller } from '../domain/accounts-service.ts';
import { AppError, conflict, notFound } from '../domain/app-error.ts';
import type { EventRow, EventsService } from '../domain/events-service.ts';
import type { JobHandler } from '../jobs/job-scheduler.ts';
import type { JobsStore } from '../jobs/jobs-store.ts';
import type { Logger } from '../logger.ts';
import type { SchedulingStore } from '../scheduling/scheduling-store.ts';

export const SESSIONS_EXTEND_JOB = 'automated-sessions-extend';
const DAY_MS = 86_400_000;

/**
 * Sessions of automated webinars (AUTO-1). A session is an event of its own, made from
 * the series (the event the organizer created) with the same name, zone, length, access,
 * texts and registration form, so it has its own room, registrants, attendance,
 * statistics and personal links; it plays the series' timeline. Rescheduling changes the
 * session event's start through the events service (which replans its one durable start
 * job) and nothing else: no link, token or registration is touched.
 */
export class SessionsService {
  constructor(
    private readonly db: Db,
    private readonly events: EventsService,
    private readonly scheduling: SchedulingStore,
    private readonly jobs: JobsStore,
    private readonly baseUrl: () => string,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The series an event belongs to (itself when it is one), for the timeline it plays. */
  seriesOf(eventId: string): string {
    return this.db.select({ seriesId: automatedSessions.seriesId }).from(automatedSessions).where(eq(automatedSessions.eventId, eventId)).get()?.seriesId ?? eventId;
  }

  isSession(eventId: string): boolean {
    return this.seriesOf(eventId) !== eventId;
  }

  /**
   * The sessions a registrant of this event chooses from (AUTO-1): for a series, the
   * series itself and its sessions that have not started, soonest first; empty for any
   * other event (a session's own registration page registers for that session).
   */
  upcoming(event: EventRow): EventRow[] {
    if (event.kind !== 'automated' || this.isSession(event.id)) return [];
    const now = this.now().getTime();
    return [event, ...this.children(event.id).map((s) => s.event)]
      .filter((e) => e.startsAt.getTime() > now && this.events.status(e.id) === 'waiting')
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  }

  list(caller: Caller, publicId: number): SessionsOut {
    const series = this.series(caller, publicId);
    return { seriesId: series.publicId, timeZone: series.timeZone, rule: this.rule(series.id), sessions: this.sessionsOut(series) };
  }

  add(caller: Caller, publicId: number, startsAt: string): SessionOut {
    const series = this.series(caller, publicId);
    const at = new Date(startsAt);
    this.checkNewStart(series, at);
    const row = this.createSession(series, at, false);
    return this.out(row, false, false);
  }

  reschedule(caller: Caller, publicId: number, sessionId: number, startsAt: string, notify = false): SessionOut {
    const series = this.series(caller, publicId);
    const session = this.sessionRow(series, sessionId);
    if (this.events.status(session.id) !== 'waiting') throw conflict('session-started', 'This session has already started; add a new session instead.');
    const at = new Date(startsAt);
    this.checkNewStart(series, at, session.id);
    const primary = session.id === series.id;
    // The start alone changes: the events service replans the session's start job; links stay.
    this.events.update(caller, session.publicId, { startsAt: at.toISOString(), notify });
    // Moved by hand: a later change of the rule leaves it where the organizer put it.
    if (!primary) this.db.update(automatedSessions).set({ fromRule: false }).where(eq(automatedSessions.eventId, session.id)).run();
    const moved = this.events.byId(session.id) as EventRow;
    return this.out(moved, primary, false);
  }

  remove(caller: Caller, publicId: number, sessionId: number): void {
    const series = this.series(caller, publicId);
    const session = this.sessionRow(series, sessionId);
    if (session.id === series.id) throw conflict('primary-session', 'The first session is the event itself: reschedule it, or delete the event.');
    if (this.events.status(session.id) !== 'waiting') throw conflict('session-started', 'A session that has started keeps its attendance and statistics; it cannot be removed.');
    if (this.registrants(session.id) > 0) throw conflict('session-has-registrants', 'People registered for this session; reschedule it instead, so their links keep working.');
    this.events.delete(caller, session.publicId);
  }

  /**
   * The series is being deleted (called before its row goes): its sessions go with it,
   * as a mature product does, rather than staying behind as webinars without a timeline.
   * A session live right now stops the deletion (end it first: people are watching);
   * every other session is deleted, and the registrants and invitees of the upcoming ones
   * get the cancellation e-mail, whatever was asked for the series itself, because their
   * session is called off under them.
   */
  seriesDeleting(series: EventRow): void {
    if (this.seriesOf(series.id) !== series.id) return;
    const sessions = this.children(series.id).map((s) => s.event);
    const live = sessions.find((s) => this.events.status(s.id) === 'live');
    if (live) throw conflict('session-live', `Session ${live.publicId} is live right now; end it before deleting the webinar.`);
    const caller: Caller = { accountId: series.accountId, userId: 'automated-sessions', via: 'session' };
    for (const session of sessions) {
      const upcoming = this.events.status(session.id) === 'waiting' && session.startsAt.getTime() > this.now().getTime();
      this.events.delete(caller, session.publicId, { notify: upcoming });
    }
    this.jobs.cancelForEvent(series.id, SESSIONS_EXTEND_JOB);
    if (sessions.length) this.logger.info(`automated series ${series.publicId} deleted with its ${sessions.length} other session(s)`);
  }

  setRule(caller: Caller, publicId: number, rule: RecurrenceRule | null): SessionsOut {
    const series = this.series(caller, publicId);
    if (rule === null) this.db.delete(automatedRules).where(eq(automatedRules.seriesId, series.id)).run();
    else {
      const json = JSON.stringify(rule);
      this.db.insert(automatedRules).values({ seriesId: series.id, rule: json, updatedAt: this.now() })
        .onConflictDoUpdate({ target: automatedRules.seriesId, set: { rule: json, updatedAt: this.now() } }).run();
    }
    this.materialize(series);
    return this.list(caller, publicId);
  }

  /** The durable job that keeps a rule's sessions RULE_HORIZON_DAYS ahead, once a day. */
  extendHandler(): JobHandler {
    return (payload: { seriesId: string }) => {
      const series = this.events.byId(payload.seriesId);
      if (series && series.kind === 'automated') this.materialize(series);
    };
  }

  /**
   * Makes the rule's sessions within the horizon that do not exist yet, and removes the
   * rule's own future sessions that the rule no longer has, unless someone registered
   * (their links must keep working: such a session stays, as if placed by hand).
   */
  private materialize(series: EventRow): void {
    const rule = this.rule(series.id);
    const now = this.now();
    const wanted = rule ? occurrences(rule, series.timeZone, now, new Date(now.getTime() + RULE_HORIZON_DAYS * DAY_MS)) : [];
    const wantedMs = new Set(wanted.map((d) => d.getTime()));
    const sessions = this.children(series.id);
    for (const s of sessions) {
      if (!s.fromRule || wantedMs.has(s.event.startsAt.getTime()) || this.events.status(s.event.id) !== 'waiting') continue;
      if (this.registrants(s.event.id) > 0) this.db.update(automatedSessions).set({ fromRule: false }).where(eq(automatedSessions.eventId, s.event.id)).run();
      else this.events.delete({ accountId: series.accountId, userId: 'automated-rule', via: 'session' }, s.event.publicId);
    }
    const taken = new Set([series.startsAt.getTime(), ...this.children(series.id).map((s) => s.event.startsAt.getTime())]);
    let total = taken.size;
    for (const at of wanted) {
      if (taken.has(at.getTime()) || total >= SESSIONS_MAX) continue;
      this.createSession(series, at, true);
      total += 1;
    }
    if (rule) {
      const runAt = new Date(now.getTime() + DAY_MS);
      this.jobs.add({ kind: SESSIONS_EXTEND_JOB, payload: { seriesId: series.id }, runAt, eventId: series.id, dedupeKey: `${SESSIONS_EXTEND_JOB}:${series.id}:${Math.floor(runAt.getTime() / DAY_MS)}` });
    } else this.jobs.cancelForEvent(series.id, SESSIONS_EXTEND_JOB);
    this.logger.debug(`automated series ${series.publicId}: ${wanted.length} session(s) by its rule within ${RULE_HORIZON_DAYS} days`);
  }

  private createSession(series: EventRow, at: Date, fromRule: boolean): EventRow {
    const caller: Caller = { accountId: series.accountId, userId: 'automated-sessions', via: 'session' };
    const password = series.accessType === 'password' ? this.events.access.password(series.id) : null;
    const settings = this.scheduling.settings(series.id);
    return this.db.transaction(() => {
      const made = this.events.create(caller, {
        kind: 'automated', name: series.name, startsAt: at.toISOString(), timeZone: series.timeZone, durationMinutes: series.durationMinutes,
        // A password the server cannot show any more: the session falls back to personal links.
        accessType: series.accessType === 'password' && !password ? 'token' : series.accessType,
        ...(password !== null && { password }),
        description: series.description, agenda: series.agenda, waitingMessage: series.waitingMessage, thankYouUrl: series.thankYouUrl,
      });
      const row = this.events.byPublicId(made.id) as EventRow;
      this.db.insert(automatedSessions).values({ eventId: row.id, seriesId: series.id, fromRule, createdAt: this.now() }).run();
      this.scheduling.save(row.id, {
        registrationEnabled: settings.registrationEnabled, registrationFields: settings.registrationFields, registrationQuestions: settings.registrationQuestions,
        reminderMinutes: settings.reminderMinutes, thankYouEmail: settings.thankYouEmail, primaryColor: settings.primaryColor, backgroundColor: settings.backgroundColor,
      });
      return row;
    });
  }

  private checkNewStart(series: EventRow, at: Date, except?: string): void {
    if (at.getTime() <= this.now().getTime()) throw new AppError('validation', 400, 'A session starts in the future.', [{ field: 'startsAt', message: 'A session starts in the future.' }]);
    const all = [series, ...this.children(series.id).map((s) => s.event)].filter((e) => e.id !== except);
    const length = series.durationMinutes * 60_000;
    const clash = all.find((e) => at.getTime() < e.startsAt.getTime() + e.durationMinutes * 60_000 && e.startsAt.getTime() < at.getTime() + length);
    if (clash) throw conflict('session-overlap', `Session ${clash.publicId} runs at that time (from ${clash.startsAt.toISOString()}); sessions of one webinar do not overlap.`);
    if (all.length >= SESSIONS_MAX) throw conflict('too-many-sessions', `A webinar has at most ${SESSIONS_MAX} sessions.`);
  }

  private series(caller: Caller, publicId: number): EventRow {
    const event = this.events.owned(caller, publicId);
    if (event.kind !== 'automated') throw conflict('not-automated', 'Only automated webinars have sessions; change the event type first.');
    const seriesId = this.seriesOf(event.id);
    if (seriesId !== event.id) {
      const series = this.events.byId(seriesId) as EventRow;
      throw conflict('is-a-session', `This event is a session of webinar ${series.publicId}; manage its sessions there.`);
    }
    return event;
  }

  private sessionRow(series: EventRow, sessionId: number): EventRow {
    if (sessionId === series.publicId) return series;
    const found = this.children(series.id).find((s) => s.event.publicId === sessionId);
    if (!found) throw notFound('Session');
    return found.event;
  }

  private children(seriesId: string): { event: EventRow; fromRule: boolean }[] {
    const rows = this.db.select().from(automatedSessions).where(eq(automatedSessions.seriesId, seriesId)).all();
    const byId = new Map(rows.map((r) => [r.eventId, r.fromRule]));
    return rows.map((r) => this.events.byId(r.eventId)).filter((e): e is EventRow => e !== undefined)
      .map((event) => ({ event, fromRule: byId.get(event.id) ?? false }));
  }

  private rule(seriesId: string): RecurrenceRule | null {
    const row = this.db.select().from(automatedRules).where(eq(automatedRules.seriesId, seriesId)).get();
    return row ? v.parse(RecurrenceRule, JSON.parse(row.rule)) : null;
  }

  private registrants(eventId: string): number {
    return this.db.select({ n: count() }).from(eventGuests).where(and(eq(eventGuests.eventId, eventId), eq(eventGuests.source, 'registration'))).get()?.n ?? 0;
  }

  private sessionsOut(series: EventRow): SessionOut[] {
    const all = [{ event: series, fromRule: false, primary: true }, ...this.children(series.id).map((s) => ({ ...s, primary: false }))];
    const ids = all.map((s) => s.event.id);
    const attendees = new Map(this.db.select({ eventId: attendance.eventId, n: countDistinct(attendance.participantId) }).from(attendance)
      .where(inArray(attendance.eventId, ids)).groupBy(attendance.eventId).all().map((r) => [r.eventId, r.n]));
    return all.sort((a, b) => a.event.startsAt.getTime() - b.event.startsAt.getTime())
      .map((s) => ({ ...this.out(s.event, s.primary, s.fromRule), attendees: attendees.get(s.event.id) ?? 0 }));
  }

  private out(event: EventRow, primary: boolean, fromRule: boolean): SessionOut {
    return {
      id: event.publicId, primary, fromRule, startsAt: event.startsAt.toISOString(), status: this.events.status(event.id),
      roomUrl: this.events.roomUrl(event.publicId), registrationUrl: `${this.baseUrl()}/register/${event.publicId}`,
      registrants: this.registrants(event.id), attendees: 0,
    };
  }
}
