import { and, desc, eq, inArray, lte, or, lt } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { mailMessages } from '../db/schema-mail.ts';
import { events } from '../db/schema-events.ts';
import type { OutboxMessageFullOut, OutboxMessageOut } from '../../shared/mail-schemas.ts';
import { notFound } from '../domain/app-error.ts';
import { newId } from '../domain/secrets.ts';
import type { Logger } from '../logger.ts';
import { MailSendError, type MailAttachment, type MailContent, type MailDelivery, type MailTransport } from './mail-types.ts';

/** Picks the transport of each account (its own SMTP server, the server's, or none). */
export interface TransportResolver {
  forAccount(accountId: string): MailTransport | undefined;
}

type MessageRow = typeof mailMessages.$inferSelect;

/** Back-off between attempts: 30 s, 1, 2, 4 … minutes, at most an hour; given up after 10. */
const MAX_ATTEMPTS = 10;
const backoffMs = (attempt: number) => Math.min(30_000 * 2 ** (attempt - 1), 3_600_000);
/** A message left `sending` by a process that died is tried again after this long. */
const SENDING_LEASE_MS = 5 * 60_000;
const BATCH = 20;

export interface NewMail {
  accountId: string;
  eventId?: string | null;
  kind: string;
  to: string;
  content: MailContent;
  /** Written at most once per key: reminders and fan-outs stay idempotent across retries and processes. */
  dedupeKey?: string;
}

/**
 * The outgoing mail table. Without a transport for the account (no SMTP server, no
 * Resend key) a message is kept as soon as it is written: the outbox is where it is
 * read. With one, messages wait as `queued` and `dispatchDue` sends them in the
 * background, retrying with back-off; requests only ever write rows, so they never
 * wait on a mail server (the settings' test e-mail is the one exception, on purpose).
 */
export class MailQueue {
  constructor(
    private readonly db: Db,
    private readonly transports: TransportResolver,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Where the account's mail goes now. */
  delivery(accountId: string): MailDelivery {
    return this.transports.forAccount(accountId)?.name ?? 'outbox';
  }

  /** Writes the message (in the caller's transaction when given); false when its dedupe key was used already. */
  enqueue(mail: NewMail, db: Pick<Db, 'insert'> = this.db, id = newId()): boolean {
    const now = this.now();
    const transport = this.transports.forAccount(mail.accountId);
    const result = db.insert(mailMessages).values({
      id,
      accountId: mail.accountId,
      eventId: mail.eventId ?? null,
      kind: mail.kind,
      to: mail.to,
      subject: mail.content.subject,
      html: mail.content.html,
      text: mail.content.text,
      attachments: mail.content.attachments,
      headers: mail.content.headers,
      status: transport ? 'queued' : 'outbox',
      nextAttemptAt: transport ? now : null,
      dedupeKey: mail.dedupeKey ?? null,
      createdAt: now,
    }).onConflictDoNothing().run();
    return result.changes > 0;
  }

  /** Sends what is due; returns how many were handled. Called by the job scheduler's loop. */
  async dispatchDue(): Promise<number> {
    const now = this.now();
    const due = this.db.select({ id: mailMessages.id }).from(mailMessages).where(or(
      and(eq(mailMessages.status, 'queued'), lte(mailMessages.nextAttemptAt, now)),
      and(eq(mailMessages.status, 'sending'), lt(mailMessages.nextAttemptAt, new Date(now.getTime() - SENDING_LEASE_MS))),
    )).limit(BATCH).all();
    let handled = 0;
    for (const { id } of due) {
      const claimed = this.claim(id);
      if (!claimed) continue;
      handled++;
      await this.sendClaimed(claimed);
    }
    return handled;
  }

  /**
   * Sends one message now and answers with what happened: the settings' "Send a test
   * e-mail" must report the mail server's own answer, not "queued".
   */
  async sendNow(mail: NewMail): Promise<OutboxMessageOut> {
    const id = newId();
    this.enqueue(mail, this.db, id);
    const claimed = this.claim(id);
    if (claimed) await this.sendClaimed(claimed);
    return this.get(mail.accountId, id);
  }

  /**
   * Sends a message again: a kept, failed or still queued one is queued for now (kept
   * again when there is still no transport); a sent one is copied into a new message,
   * so the first stays as the record of what went out.
   */
  resend(accountId: string, id: string): OutboxMessageOut {
    const row = this.db.select().from(mailMessages).where(and(eq(mailMessages.id, id), eq(mailMessages.accountId, accountId))).get();
    if (!row) throw notFound('Message');
    const transport = this.transports.forAccount(accountId);
    if (row.status === 'sent' || row.status === 'sending') {
      const copyId = newId();
      this.enqueue({ accountId, eventId: row.eventId, kind: row.kind, to: row.to, content: { subject: row.subject, html: row.html, text: row.text, attachments: row.attachments as MailAttachment[], headers: row.headers as Record<string, string> } }, this.db, copyId);
      return this.get(accountId, copyId);
    }
    this.db.update(mailMessages).set({ status: transport ? 'queued' : 'outbox', nextAttemptAt: transport ? this.now() : null, lastError: null })
      .where(eq(mailMessages.id, id)).run();
    return this.get(accountId, id);
  }

  private async sendClaimed(row: MessageRow): Promise<void> {
    const transport = this.transports.forAccount(row.accountId);
    if (!transport) {
      // The account's delivery was switched off after the message was queued.
      this.db.update(mailMessages).set({ status: 'outbox', nextAttemptAt: null }).where(eq(mailMessages.id, row.id)).run();
      return;
    }
    await this.sendOne(transport, row);
  }

  /** Conditional update: of two processes looking at the same row, only one gets it. */
  private claim(id: string): MessageRow | undefined {
    const now = this.now();
    const leaseExpired = new Date(now.getTime() - SENDING_LEASE_MS);
    const result = this.db.update(mailMessages).set({ status: 'sending', nextAttemptAt: now }).where(and(
      eq(mailMessages.id, id),
      or(and(eq(mailMessages.status, 'queued'), lte(mailMessages.nextAttemptAt, now)), and(eq(mailMessages.status, 'sending'), lt(mailMessages.nextAttemptAt, leaseExpired))),
    )).run();
    if (result.changes === 0) return undefined;
    return this.db.select().from(mailMessages).where(eq(mailMessages.id, id)).get();
  }

  private async sendOne(transport: MailTransport, row: MessageRow): Promise<void> {
    const attempts = row.attempts + 1;
    try {
      const { providerId } = await transport.send({
        id: row.id, to: row.to, subject: row.subject, html: row.html, text: row.text,
        attachments: row.attachments as MailAttachment[], headers: row.headers as Record<string, string>,
      });
      this.db.update(mailMessages).set({ status: 'sent', attempts, providerId, sentAt: this.now(), lastError: null }).where(eq(mailMessages.id, row.id)).run();
    } catch (error) {
      const retryable = !(error instanceof MailSendError) || error.retryable;
      const giveUp = !retryable || attempts >= MAX_ATTEMPTS;
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`mail ${row.id} to ${row.to}: attempt ${attempts} failed${giveUp ? ', giving up' : ''}: ${message}`);
      this.db.update(mailMessages).set({
        status: giveUp ? 'failed' : 'queued',
        attempts,
        lastError: message.slice(0, 1000),
        nextAttemptAt: giveUp ? null : new Date(this.now().getTime() + backoffMs(attempts)),
      }).where(eq(mailMessages.id, row.id)).run();
    }
  }

  /** The account's mail, newest first, optionally of one event (internal id). */
  list(accountId: string, options: { eventId?: string | undefined; limit: number }): OutboxMessageOut[] {
    const conditions = [eq(mailMessages.accountId, accountId), options.eventId ? eq(mailMessages.eventId, options.eventId) : undefined].filter((c) => c !== undefined);
    const rows = this.db.select().from(mailMessages).where(and(...conditions)).orderBy(desc(mailMessages.createdAt)).limit(options.limit).all();
    const publicIds = this.publicIds(rows);
    return rows.map((row) => this.toOut(row, publicIds));
  }

  get(accountId: string, id: string): OutboxMessageFullOut {
    const row = this.db.select().from(mailMessages).where(and(eq(mailMessages.id, id), eq(mailMessages.accountId, accountId))).get();
    if (!row) throw notFound('Message');
    const attachments = row.attachments as MailAttachment[];
    return {
      ...this.toOut(row, this.publicIds([row])),
      html: row.html,
      text: row.text,
      headers: row.headers as Record<string, string>,
      attachments: attachments.map((a) => ({ ...a, size: Buffer.byteLength(a.content, 'base64') })),
    };
  }

  private publicIds(rows: MessageRow[]): Map<string, number> {
    const ids = [...new Set(rows.map((r) => r.eventId).filter((id): id is string => id !== null))];
    if (ids.length === 0) return new Map();
    return new Map(this.db.select({ id: events.id, publicId: events.publicId }).from(events).where(inArray(events.id, ids)).all().map((e) => [e.id, e.publicId]));
  }

  private toOut(row: MessageRow, publicIds: Map<string, number>): OutboxMessageOut {
    const attachments = row.attachments as MailAttachment[];
    return {
      id: row.id,
      kind: row.kind,
      to: row.to,
      subject: row.subject,
      preview: row.text.length > 300 ? `${row.text.slice(0, 300)}…` : row.text,
      status: row.status,
      attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: Buffer.byteLength(a.content, 'base64') })),
      eventId: row.eventId ? (publicIds.get(row.eventId) ?? null) : null,
      attempts: row.attempts,
      lastError: row.lastError,
      createdAt: row.createdAt.toISOString(),
      sentAt: row.sentAt?.toISOString() ?? null,
    };
  }
}
