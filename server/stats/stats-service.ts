import { sql } from 'drizzle-orm';
import type * as v from 'valibot';
import type { Db } from '../db/database.ts';
import { attendeeClients, eventRatings } from '../db/schema-reports.ts';
import { AppError, notFound } from '../domain/app-error.ts';
import type { EventRow, EventsService } from '../domain/events-service.ts';
import type { TicketSigner } from '../domain/tickets.ts';
import type { EventReportOut, RatingBody } from '../../shared/report-schemas.ts';
import { accountStats, accountStatsCsv } from './account-stats.ts';
import { describeClient } from './client-info.ts';
import { sharedWriteGroup, type WriteGroup } from '../db/write-group.ts';
import { attendanceCsv } from './report-csv.ts';
import type { ReportService } from './report-service.ts';

/** The report area's face to the routes: reports, downloads, ratings, and what a join tells about the device. */
export class StatsService {
  /** A join storm records hundreds of devices a second: one commit per turn, not per join. */
  private readonly clientWrites: WriteGroup;

  constructor(
    private readonly db: Db,
    private readonly events: EventsService,
    private readonly tickets: TicketSigner,
    private readonly reports: ReportService,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.clientWrites = sharedWriteGroup(db);
  }

  report(event: EventRow): EventReportOut {
    return this.reports.report(event);
  }

  reportCsv(event: EventRow): string {
    return attendanceCsv(this.reports.report(event));
  }

  accountStats(accountId: string) {
    return accountStats(this.db, accountId);
  }

  accountStatsCsv(accountId: string): string {
    return accountStatsCsv(accountStats(this.db, accountId));
  }

  /** Device, system, browser and country of the latest join of a participant (one row each, replaced). */
  recordClient(eventId: string, participantId: string, userAgent: string | undefined, address: string | undefined): Promise<void> {
    const info = describeClient(userAgent, address);
    const row = { participantId, eventId, ...info, address: address ?? null, updatedAt: this.now() };
    return this.clientWrites.add(() => this.upsertClient.run(row));
  }

  /**
   * Prepared once (drizzle otherwise builds the statement's SQL again for every join of a
   * storm); a new join replaces the row with `excluded`, the values it tried to insert.
   */
  private preparedUpsert: ReturnType<StatsService['prepareClientUpsert']> | undefined;
  private get upsertClient() {
    return (this.preparedUpsert ??= this.prepareClientUpsert());
  }
  private prepareClientUpsert() {
    const p = (name: string) => sql.placeholder(name);
    const replaced = (column: string) => sql.raw(`excluded.${column}`);
    return this.db.insert(attendeeClients)
      .values({ participantId: p('participantId'), eventId: p('eventId'), device: p('device'), os: p('os'), browser: p('browser'), country: p('country'), address: p('address'), updatedAt: p('updatedAt') })
      .onConflictDoUpdate({ target: attendeeClients.participantId, set: { device: replaced('device'), os: replaced('os'), browser: replaced('browser'), country: replaced('country'), address: replaced('address'), updatedAt: replaced('updated_at') } })
      .prepare();
  }

  /** The rating from the thank-you page: the room ticket proves who rates which event. */
  async rate(publicId: number, body: v.InferOutput<typeof RatingBody>): Promise<void> {
    const event = this.events.byPublicId(publicId);
    if (!event) throw notFound('Event');
    const ticket = await this.tickets.read(body.ticket);
    if (!ticket || ticket.eventId !== event.id) throw new AppError('ticket-invalid', 403, 'This ticket does not belong to this event (or has expired).', [{ field: 'ticket', message: 'Not valid for this event.' }]);
    const row = { participantId: ticket.participantId, eventId: event.id, rating: body.rating, comment: body.comment, createdAt: this.now() };
    this.db.insert(eventRatings).values(row).onConflictDoUpdate({ target: eventRatings.participantId, set: { rating: row.rating, comment: row.comment, createdAt: row.createdAt } }).run();
  }
}
