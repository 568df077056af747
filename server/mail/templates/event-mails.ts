import type { MailLanguage } from '../../../shared/registration-schemas.ts';
import { eventInvitationIcs } from '../ics.ts';
import type { MailContent } from '../mail-types.ts';
import { renderLayout, type Block } from './layout.ts';
import { fill, formatLead, formatWhen, words } from './mail-text.ts';

/** The e-mails about an event that go to one guest (EV-2, EV-5, EV-6, EV-9, PAID-2). */
export type EventMailKind = 'confirmation' | 'invitation' | 'update' | 'cancellation' | 'reminder' | 'thank-you';

export interface EventMailContext {
  kind: EventMailKind;
  event: { name: string; description: string; startsAt: Date; durationMinutes: number; timeZone: string; uid: string; sequence: number };
  guest: { email: string; name: string; language: MailLanguage; timeZone: string | null; role: 'attendee' | 'presenter'; joinUrl: string; token: string | null };
  account: { name: string; signature: string | null; organizerEmail: string };
  color: string | null;
  leadMinutes?: number;
  unsubscribeUrl?: string;
  thankYouUrl?: string | null;
}

const WITH_CALENDAR = new Set<EventMailKind>(['confirmation', 'invitation', 'update', 'cancellation']);

function subjectAndIntro(ctx: EventMailContext): { subject: string; intro: string } {
  const w = words(ctx.guest.language);
  const values = { event: ctx.event.name, when: formatLead(ctx.leadMinutes ?? 0, ctx.guest.language) };
  const presenter = ctx.guest.role === 'presenter';
  const pick = {
    confirmation: [w.confirmationSubject, w.confirmationIntro],
    invitation: presenter ? [w.invitationPresenterSubject, w.invitationPresenterIntro] : [w.invitationSubject, w.invitationIntro],
    update: [w.updateSubject, w.updateIntro],
    cancellation: [w.cancelSubject, w.cancelIntro],
    reminder: [w.reminderSubject, w.reminderIntro],
    'thank-you': [w.thankYouSubject, w.thankYouIntro],
  }[ctx.kind];
  return { subject: fill(pick[0]!, values), intro: fill(pick[1]!, values) };
}

/** Builds the HTML and text parts, the calendar file where one belongs, and the unsubscribe headers of reminders. */
export function eventMail(ctx: EventMailContext): MailContent {
  const w = words(ctx.guest.language);
  const { subject, intro } = subjectAndIntro(ctx);
  // The reader's zone when we know it, with the organizer's alongside when they differ (EV-2).
  const readerZone = ctx.guest.timeZone ?? ctx.event.timeZone;
  const when = formatWhen(ctx.event.startsAt, readerZone, ctx.guest.language);
  const organizerTime = readerZone !== ctx.event.timeZone
    ? fill(w.organizerZone, { time: formatWhen(ctx.event.startsAt, ctx.event.timeZone, ctx.guest.language).replace(/ \(.*\)$/, ''), zone: ctx.event.timeZone })
    : undefined;

  const blocks: Block[] = [
    { type: 'paragraph', text: ctx.guest.name ? fill(w.greeting, { name: ctx.guest.name }) : w.greetingAnonymous },
    { type: 'paragraph', text: intro },
  ];
  if (ctx.kind !== 'thank-you') {
    blocks.push({ type: 'facts', rows: [
      { label: w.when, value: when, note: organizerTime },
      { label: w.duration, value: fill(w.minutes, { count: ctx.event.durationMinutes }) },
    ] });
  }
  if (ctx.event.description && (ctx.kind === 'confirmation' || ctx.kind === 'invitation' || ctx.kind === 'update')) {
    blocks.push({ type: 'paragraph', text: ctx.event.description });
  }
  if (ctx.kind !== 'cancellation' && ctx.kind !== 'thank-you') {
    blocks.push({ type: 'button', label: ctx.guest.role === 'presenter' ? w.joinPresenter : w.join, url: ctx.guest.joinUrl, fallback: w.linkFallback });
    if (ctx.guest.token) blocks.push({ type: 'paragraph', text: fill(w.token, { token: ctx.guest.token }) });
    blocks.push({ type: 'note', text: w.personalLink });
  }
  if (ctx.kind === 'thank-you' && ctx.thankYouUrl) {
    blocks.push({ type: 'button', label: w.thankYouMore, url: ctx.thankYouUrl, fallback: w.linkFallback });
  }
  if (WITH_CALENDAR.has(ctx.kind) && ctx.kind !== 'cancellation') blocks.push({ type: 'note', text: w.calendarHint });

  const signature = ctx.account.signature?.trim() || fill(w.signatureDefault, { account: ctx.account.name });
  const footer = ctx.unsubscribeUrl ? { text: fill(w.unsubscribe, { url: ctx.unsubscribeUrl }), label: w.unsubscribeLabel, url: ctx.unsubscribeUrl } : undefined;
  const { html, text } = renderLayout({ title: subject, blocks, signature, footer, color: ctx.color, language: ctx.guest.language });

  const attachments = [];
  if (WITH_CALENDAR.has(ctx.kind)) {
    const cancelled = ctx.kind === 'cancellation';
    const ics = eventInvitationIcs({
      uid: ctx.event.uid,
      sequence: ctx.event.sequence,
      start: ctx.event.startsAt,
      end: new Date(ctx.event.startsAt.getTime() + ctx.event.durationMinutes * 60_000),
      summary: ctx.event.name,
      description: [ctx.event.description, `${w.when}: ${formatWhen(ctx.event.startsAt, ctx.event.timeZone, ctx.guest.language)}`, cancelled ? '' : ctx.guest.joinUrl].filter(Boolean).join('\n\n'),
      url: cancelled ? undefined : ctx.guest.joinUrl,
      organizer: { name: ctx.account.name, email: ctx.account.organizerEmail },
      attendee: { name: ctx.guest.name, email: ctx.guest.email },
      cancelled,
    });
    attachments.push({ filename: cancelled ? 'cancel.ics' : 'invite.ics', contentType: `text/calendar; charset=utf-8; method=${cancelled ? 'CANCEL' : 'REQUEST'}`, content: Buffer.from(ics).toString('base64') });
  }
  // RFC 8058 one-click unsubscribe: mail clients POST to the URL without opening a page.
  const headers: Record<string, string> = ctx.unsubscribeUrl ? { 'List-Unsubscribe': `<${ctx.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {};
  return { subject, html, text, attachments, headers };
}
