import { and, desc, eq, inArray } from 'drizzle-orm';
import type { MessageBody, MessageOut } from '../../shared/ondemand-schemas.ts';
import type { Db } from '../db/database.ts';
import { mailMessages } from '../db/schema-mail.ts';
import { ondemandMessages, ondemandViewers } from '../db/schema-ondemand.ts';
import type { Caller } from '../domain/accounts-service.ts';
import { AppError, conflict, notFound, tooManyRequests } from '../domain/app-error.ts';
import type { EventRow } from '../domain/events-service.ts';
import { RateLimiter } from '../domain/rate-limiter.ts';
import { newId } from '../domain/secrets.ts';
import type { MailQueue } from '../mail/mail-queue.ts';
import { renderLayout } from '../mail/templates/layout.ts';
import type { OnDemandSettingsService } from './ondemand-settings.ts';
import type { ViewerRow } from './ondemand-viewers.ts';

/** Messages a viewer may leave per hour (a viewer is one browser or one address). */
export const MESSAGES_PER_HOUR = 10;

/**
 * Viewers' messages to the organizer (OD-3) and the organizer's answers, which go out by
 * e-mail through the mail queue (outbox, SMTP or Resend); the inbox shows the e-mail's
 * real status as the queue knows it.
 */
export class OnDemandMessages {
  private readonly perViewer = new RateLimiter(MESSAGES_PER_HOUR, 3600_000);

  constructor(
    private readonly db: Db,
    private readonly settings: OnDemandSettingsService,
    private readonly mail: () => MailQueue,
    private readonly wakeMail: () => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  leave(event: EventRow, viewer: ViewerRow, body: MessageBody): MessageOut {
    const replyTo = viewer.email ?? body.email ?? null;
    if (!replyTo) throw new AppError('email-required', 422, 'Give your e-mail address, so the organizer can answer.', [{ field: 'email', message: 'Enter your e-mail address.' }]);
    const key = `viewer:${viewer.id}`;
    if (!this.perViewer.take(key)) throw tooManyRequests('You have sent many messages; wait a while before the next one.', this.perViewer.retryAfterMs(key) / 1000);
    const row = { id: newId(), eventId: event.id, viewerId: viewer.id, text: body.text, replyTo, createdAt: this.now() };
    this.db.insert(ondemandMessages).values(row).run();
    return this.list(event).find((m) => m.id === row.id)!;
  }

  inbox(caller: Caller, publicId: number): { eventName: string; delivery: string; messages: MessageOut[] } {
    const event = this.settings.onDemandEvent(caller, publicId);
    return { eventName: event.name, delivery: this.mail().delivery(event.accountId), messages: this.list(event) };
  }

  /** The event's messages, newest first (only one viewer's, when given). */
  list(event: EventRow, viewerId?: string): MessageOut[] {
    const rows = this.db.select({ m: ondemandMessages, name: ondemandViewers.name, email: ondemandViewers.email }).from(ondemandMessages)
      .innerJoin(ondemandViewers, eq(ondemandViewers.id, ondemandMessages.viewerId))
      .where(and(eq(ondemandMessages.eventId, event.id), viewerId ? eq(ondemandMessages.viewerId, viewerId) : undefined)).orderBy(desc(ondemandMessages.createdAt)).all();
    const mailIds = rows.map((r) => r.m.mailId).filter((id): id is string => id !== null);
    const mails = new Map(mailIds.length
      ? this.db.select({ id: mailMessages.id, status: mailMessages.status, error: mailMessages.lastError }).from(mailMessages).where(inArray(mailMessages.id, mailIds)).all().map((m) => [m.id, m])
      : []);
    return rows.map(({ m, name, email }) => {
      const mail = m.mailId ? mails.get(m.mailId) : undefined;
      return {
        id: m.id,
        viewerName: name,
        viewerEmail: email ?? m.replyTo,
        text: m.text,
        createdAt: m.createdAt.toISOString(),
        answer: m.answer,
        answeredAt: m.answeredAt?.toISOString() ?? null,
        mailStatus: mail?.status ?? null,
        mailError: mail?.error ?? null,
      };
    });
  }

  /** The answer and its e-mail are written together: no answer without its mail, no mail without its answer. */
  answer(caller: Caller, publicId: number, messageId: string, text: string): MessageOut {
    const event = this.settings.onDemandEvent(caller, publicId);
    const message = this.db.select().from(ondemandMessages).where(and(eq(ondemandMessages.id, messageId), eq(ondemandMessages.eventId, event.id))).get();
    if (!message) throw notFound('Message');
    if (message.answer !== null) throw conflict('already-answered', 'This message has been answered already.');
    if (!message.replyTo) throw new AppError('no-address', 422, 'This viewer left no e-mail address to answer to.');
    const subject = `Re: your message about “${event.name}”`;
    const { html, text: plain } = renderLayout({
      title: subject,
      language: 'en',
      signature: event.name,
      blocks: [
        { type: 'paragraph', text },
        { type: 'note', text: `You wrote: ${message.text}` },
      ],
    });
    const mailId = newId();
    const now = this.now();
    this.db.transaction((tx) => {
      this.mail().enqueue({ accountId: event.accountId, eventId: event.id, kind: 'ondemand-answer', to: message.replyTo!, content: { subject, html, text: plain, attachments: [], headers: {} }, dedupeKey: `ondemand-answer:${message.id}` }, tx, mailId);
      tx.update(ondemandMessages).set({ answer: text, answeredAt: now, mailId }).where(eq(ondemandMessages.id, message.id)).run();
    });
    this.wakeMail();
    return this.list(event).find((m) => m.id === message.id)!;
  }
}
