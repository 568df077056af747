import { and, eq, isNull, like, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { participants } from '../db/schema-events.ts';
import { mailMessages } from '../db/schema-mail.ts';
import { eventGuests } from '../db/schema-scheduling.ts';
import type { MailQueue } from '../mail/mail-queue.ts';
import { renderLayout } from '../mail/templates/layout.ts';
import { fill } from '../mail/templates/mail-text.ts';
import type { MailContent } from '../mail/mail-types.ts';
import type { MailLanguage } from '../../shared/registration-schemas.ts';
import type { RecordingSendOut, RecordingSendsOut } from '../../shared/recording-schemas.ts';

const WORDS = {
  en: { subject: 'The recording of “{event}”', intro: 'Thank you for joining “{event}”. The recording is ready to watch.', button: 'Watch the recording', note: 'The link is personal to this event’s audience; the organizer may turn it off later.', fallback: 'If the button does not work, open this address:', signature: 'Webinars' },
  pl: { subject: 'Nagranie „{event}”', intro: 'Dziękujemy za udział w „{event}”. Nagranie jest gotowe do obejrzenia.', button: 'Obejrzyj nagranie', note: 'Link jest dla uczestników tego wydarzenia; organizator może go później wyłączyć.', fallback: 'Jeśli przycisk nie działa, otwórz ten adres:', signature: 'Webinary' },
} as const;

export function recordingLinkMail(o: { language: MailLanguage; eventName: string; url: string }): MailContent {
  const w = WORDS[o.language];
  const subject = fill(w.subject, { event: o.eventName });
  const { html, text } = renderLayout({
    title: subject, signature: w.signature, language: o.language,
    blocks: [{ type: 'paragraph', text: fill(w.intro, { event: o.eventName }) }, { type: 'button', label: w.button, url: o.url, fallback: w.fallback }, { type: 'note', text: w.note }],
  });
  return { subject, html, text, attachments: [], headers: {} };
}

/**
 * "Send" in the recordings library: the recording's share link to the event's attendees
 * (everyone who entered as an attendee with an e-mail address, and every registered or
 * invited attendee), one message each through the shared mail queue, so the outbox, its
 * retries and its honest status apply. Each press is one batch; its messages carry the
 * recording in their dedupe key, which is how their status is read back.
 */
export class RecordingMailer {
  constructor(private readonly db: Db, private readonly mail: MailQueue, private readonly wake: () => void) {}

  /** Distinct addresses (lower-cased) of the event's attendees, with the language they registered in when known. */
  recipients(eventId: string): { email: string; language: MailLanguage }[] {
    const found = new Map<string, MailLanguage>();
    for (const g of this.db.select({ email: eventGuests.email, language: eventGuests.language }).from(eventGuests).where(and(eq(eventGuests.eventId, eventId), eq(eventGuests.role, 'attendee'))).all()) {
      found.set(g.email.toLowerCase(), g.language);
    }
    for (const p of this.db.select({ email: participants.email }).from(participants).where(and(eq(participants.eventId, eventId), eq(participants.role, 'attendee'), isNull(participants.excluded))).all()) {
      const email = p.email?.trim().toLowerCase();
      if (email && !found.has(email)) found.set(email, 'en');
    }
    return [...found].map(([email, language]) => ({ email, language }));
  }

  send(o: { accountId: string; eventId: string; eventName: string; recordingId: string; batch: string; url: string }): RecordingSendOut {
    const to = this.recipients(o.eventId);
    let written = 0;
    this.db.transaction((tx) => {
      for (const r of to) {
        const wrote = this.mail.enqueue({
          accountId: o.accountId, eventId: o.eventId, kind: 'recording-link', to: r.email,
          content: recordingLinkMail({ language: r.language, eventName: o.eventName, url: o.url }),
          dedupeKey: `recording-link:${o.recordingId}:${o.batch}:${r.email}`,
        }, tx);
        if (wrote) written++;
      }
    });
    this.wake();
    const delivery = this.mail.delivery(o.accountId);
    return { recipients: to.length, shareUrl: o.url, mail: { delivery, queued: delivery === 'outbox' ? 0 : written, kept: delivery === 'outbox' ? written : 0 } };
  }

  /** Where the recording's e-mails are now: queued, sent, failed, or kept in the outbox. */
  status(accountId: string, recordingId: string): RecordingSendsOut {
    const rows = this.db.select({ status: mailMessages.status, n: sql<number>`count(*)` }).from(mailMessages)
      .where(and(eq(mailMessages.accountId, accountId), like(mailMessages.dedupeKey, `recording-link:${recordingId}:%`)))
      .groupBy(mailMessages.status).all();
    const n = (s: string) => rows.filter((r) => r.status === s).reduce((sum, r) => sum + Number(r.n), 0);
    return { delivery: this.mail.delivery(accountId), total: rows.reduce((sum, r) => sum + Number(r.n), 0), queued: n('queued') + n('sending'), sent: n('sent'), failed: n('failed'), kept: n('outbox') };
  }
}
