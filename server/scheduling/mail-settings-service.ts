import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { events } from '../db/schema-events.ts';
import type { MailSettingsOut, OutboxMessageOut, SmtpSettingsBody } from '../../shared/mail-schemas.ts';
import type { MailLanguage } from '../../shared/registration-schemas.ts';
import type { AccountsService, Caller } from '../domain/accounts-service.ts';
import { notFound } from '../domain/app-error.ts';
import { randomToken } from '../domain/secrets.ts';
import { calendarFeedIcs } from '../mail/ics.ts';
import type { MailQueue } from '../mail/mail-queue.ts';
import type { MailTransports } from '../mail/mail-transports.ts';
import { testMail } from '../mail/templates/account-mails.ts';
import type { EventMailer } from './event-mailer.ts';
import type { SchedulingStore } from './scheduling-store.ts';

/** The account's e-mail signature and language (ACC-5), its delivery (own SMTP server, test e-mail) and its private calendar feed (POST-4). */
export class MailSettingsService {
  constructor(
    private readonly db: Db,
    private readonly store: SchedulingStore,
    private readonly accounts: AccountsService,
    private readonly mailer: EventMailer,
    private readonly transports: MailTransports,
    private readonly mail: MailQueue,
    private readonly baseUrl: () => string,
  ) {}

  get(caller: Caller): MailSettingsOut {
    const s = this.store.mailSettings(caller.accountId);
    return {
      signature: s.signature,
      language: s.language,
      delivery: this.transports.delivery(caller.accountId),
      deliverySource: this.transports.source(caller.accountId),
      smtp: this.transports.accountSmtp(caller.accountId),
      calendarFeedUrl: this.feedUrl(this.feedKey(caller.accountId)),
    };
  }

  /** The account's own SMTP server, used instead of the server's from now on. */
  saveSmtp(caller: Caller, body: SmtpSettingsBody): MailSettingsOut {
    this.transports.saveAccountSmtp(caller.accountId, body);
    return this.get(caller);
  }

  /** Back to the server's transport (or the outbox when the server has none). */
  removeSmtp(caller: Caller): MailSettingsOut {
    this.transports.removeAccountSmtp(caller.accountId);
    return this.get(caller);
  }

  /** Sends a short message to the caller now and answers with what the transport said. */
  sendTest(caller: Caller): Promise<OutboxMessageOut> {
    const to = this.accounts.me(caller).user.email;
    const s = this.store.mailSettings(caller.accountId);
    const delivery = this.transports.delivery(caller.accountId);
    return this.mail.sendNow({ accountId: caller.accountId, kind: 'test', to, content: testMail({ language: s.language, delivery, accountName: this.accounts.getAccount(caller.accountId).name }) });
  }

  save(caller: Caller, body: { signature?: string | null | undefined; language?: MailLanguage | undefined }): MailSettingsOut {
    this.store.saveMailSettings(caller.accountId, {
      ...(body.signature !== undefined && { signature: body.signature?.trim() || null }),
      ...(body.language !== undefined && { language: body.language }),
    });
    return this.get(caller);
  }

  /** A new feed address; the old one stops working (for a feed URL that was shared too widely). */
  rotateFeed(caller: Caller): MailSettingsOut {
    this.store.saveMailSettings(caller.accountId, { calendarFeedKey: randomToken(24) });
    return this.get(caller);
  }

  /** The feed: every event of the account, with the same UIDs the invitations carry. */
  feed(key: string): string {
    const accountId = this.store.accountIdForFeed(key);
    if (!accountId) throw notFound('Calendar');
    const account = this.accounts.getAccount(accountId);
    const rows = this.db.select().from(events).where(eq(events.accountId, accountId)).orderBy(desc(events.startsAt)).limit(1000).all();
    return calendarFeedIcs(account.name, rows.map((e) => ({
      uid: this.mailer.calendarUid(e.id),
      sequence: this.store.settings(e.id).calendarSequence,
      start: e.startsAt,
      end: new Date(e.startsAt.getTime() + e.durationMinutes * 60_000),
      summary: e.name,
      description: [e.description, `${this.baseUrl()}/room/${e.publicId}`].filter(Boolean).join('\n\n'),
      url: `${this.baseUrl()}/room/${e.publicId}`,
      stamp: e.updatedAt,
    })));
  }

  private feedKey(accountId: string): string {
    const existing = this.store.mailSettings(accountId).calendarFeedKey;
    if (existing) return existing;
    const key = randomToken(24);
    this.store.saveMailSettings(accountId, { calendarFeedKey: key });
    return key;
  }

  private feedUrl(key: string): string {
    return `${this.baseUrl()}/api/v1/calendar/${key}.ics`;
  }
}
