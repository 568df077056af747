import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import { MailDeliverySchema, MailSettingsBody, MailSettingsOut, OutboxMessageFullOut, OutboxMessageOut, SmtpSettingsBody } from '../../shared/mail-schemas.ts';
import { TimelineOut } from '../../shared/timeline-schemas.ts';
import type { EventsService } from '../domain/events-service.ts';
import type { MailQueue } from '../mail/mail-queue.ts';
import { unsubscribePage } from '../mail/templates/unsubscribe-page.ts';
import type { UnsubscribeLinks } from '../mail/unsubscribe-links.ts';
import type { MailSettingsService } from '../scheduling/mail-settings-service.ts';
import type { TimelineService } from '../scheduling/timeline-service.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';
import { pathParameter } from './scheduling-params.ts';

const OutboxQuery = v.object({
  eventId: v.optional(v.pipe(v.string(), v.regex(/^\d{1,12}$/), v.transform(Number))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/), v.transform(Number), v.minValue(1), v.maxValue(1000)), '100'),
});
const MessageParam = v.object({ messageId: v.pipe(v.string(), v.maxLength(64)) });
const FeedParam = v.object({ feed: v.pipe(v.string(), v.regex(/^[\w-]{16,64}\.ics$/)) });
const TokenParam = v.object({ token: v.pipe(v.string(), v.maxLength(2000)) });

export interface MailRouteDeps {
  mail: MailQueue;
  events: EventsService;
  settings: MailSettingsService;
  unsubscribe: UnsubscribeLinks;
  timeline: TimelineService;
  /** Wakes the mail loop after a resend. */
  wake: () => void;
}

/** The outbox, mail settings, the calendar feed, one-click unsubscribe and the timeline. */
export function mailRoutes({ mail, events, settings, unsubscribe, timeline, wake }: MailRouteDeps) {
  const tags = ['E-mail and calendar'];
  return new Hono<AppEnv>()
    .get('/outbox',
      describeRoute({ tags, summary: 'E-mail the account sent or holds, newest first (without an SMTP server or Resend every message is kept here)', parameters: [{ name: 'eventId', in: 'query', required: false, schema: { type: 'string' } }, { name: 'limit', in: 'query', required: false, schema: { type: 'string' } }], responses: { 200: jsonContent(v.object({ delivery: MailDeliverySchema, messages: v.array(OutboxMessageOut) }), 'Messages') } }),
      signedIn,
      valid('query', OutboxQuery),
      (c) => {
        const caller = requireCaller(c);
        const { eventId, limit } = c.req.valid('query');
        const internalId = eventId === undefined ? undefined : events.owned(caller, eventId).id;
        return c.json({ delivery: mail.delivery(caller.accountId), messages: mail.list(caller.accountId, { eventId: internalId, limit }) });
      })
    .post('/outbox/:messageId/resend',
      describeRoute({ tags, summary: 'Send a message again: a kept, failed or queued one is queued now (kept again without a transport); a sent one is copied into a new message', parameters: [pathParameter('messageId', 'Message id')], responses: { 200: jsonContent(OutboxMessageOut, 'The message that will go out'), 404: problem('No such message') } }),
      signedIn,
      valid('param', MessageParam),
      (c) => {
        const message = mail.resend(requireCaller(c).accountId, c.req.valid('param').messageId);
        wake();
        return c.json(message);
      })
    .get('/outbox/:messageId',
      describeRoute({ tags, summary: 'One message whole: HTML and text parts, headers, attachments (base64)', parameters: [pathParameter('messageId', 'Message id')], responses: { 200: jsonContent(OutboxMessageFullOut, 'The message'), 404: problem('No such message') } }),
      signedIn,
      valid('param', MessageParam),
      (c) => c.json(mail.get(requireCaller(c).accountId, c.req.valid('param').messageId)))
    .get('/account/mail-settings',
      describeRoute({ tags, summary: 'Signature, language of e-mails, delivery, calendar feed URL', responses: { 200: jsonContent(MailSettingsOut, 'Settings') } }),
      signedIn,
      (c) => c.json(settings.get(requireCaller(c))))
    .patch('/account/mail-settings',
      describeRoute({ tags, summary: 'Set the signature (ACC-5; empty for the product’s own) and the default language of e-mails', responses: { 200: jsonContent(MailSettingsOut, 'Settings'), 400: problem('Invalid field') } }),
      signedIn,
      valid('json', MailSettingsBody),
      (c) => c.json(settings.save(requireCaller(c), c.req.valid('json'))))
    .put('/account/mail-settings/smtp',
      describeRoute({ tags, summary: 'Send this account’s e-mail through its own SMTP server (instead of the server’s); the password is stored sealed and never shown again', responses: { 200: jsonContent(MailSettingsOut, 'Settings'), 400: problem('Invalid field') } }),
      signedIn,
      valid('json', SmtpSettingsBody),
      (c) => c.json(settings.saveSmtp(requireCaller(c), c.req.valid('json'))))
    .delete('/account/mail-settings/smtp',
      describeRoute({ tags, summary: 'Forget the account’s SMTP server: back to the server’s transport, or the outbox', responses: { 200: jsonContent(MailSettingsOut, 'Settings') } }),
      signedIn,
      (c) => c.json(settings.removeSmtp(requireCaller(c))))
    .post('/account/mail-settings/test',
      describeRoute({ tags, summary: 'Send a test e-mail to the caller now and answer with what happened: sent, failed with the server’s answer, or kept (no transport)', responses: { 200: jsonContent(OutboxMessageOut, 'The test message and its status') } }),
      signedIn,
      async (c) => c.json(await settings.sendTest(requireCaller(c))))
    .post('/account/calendar-feed/rotate',
      describeRoute({ tags, summary: 'Give the calendar feed a new private address; the old one stops working', responses: { 200: jsonContent(MailSettingsOut, 'Settings') } }),
      signedIn,
      (c) => c.json(settings.rotateFeed(requireCaller(c))))
    .get('/calendar/:feed',
      describeRoute({ tags, summary: 'The account’s private ICS feed of its events (subscribe to it in a calendar)', parameters: [pathParameter('feed', 'The feed key followed by .ics')], responses: { 200: { description: 'iCalendar', content: { 'text/calendar': { schema: { type: 'string' } } } }, 404: problem('No such feed') } }),
      valid('param', FeedParam),
      (c) => c.body(settings.feed(c.req.valid('param').feed.replace(/\.ics$/, '')), 200, { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' }))
    .get('/mail/unsubscribe/:token',
      describeRoute({ tags, summary: 'The page an unsubscribe link opens: asks to confirm (a GET never unsubscribes, mail scanners open links)', parameters: [pathParameter('token', 'From the e-mail')], responses: { 200: { description: 'HTML page' } } }),
      valid('param', TokenParam),
      (c) => {
        const claim = unsubscribe.read(c.req.valid('param').token);
        return c.html(unsubscribePage(claim, 'confirm'), claim ? 200 : 404);
      })
    .post('/mail/unsubscribe/:token',
      describeRoute({ tags, summary: 'One-click unsubscribe from reminder e-mail (RFC 8058 List-Unsubscribe-Post; GDPR-1)', parameters: [pathParameter('token', 'From the e-mail')], responses: { 200: { description: 'HTML page' }, 404: { description: 'Invalid link' } } }),
      valid('param', TokenParam),
      (c) => {
        const claim = unsubscribe.read(c.req.valid('param').token);
        if (claim) unsubscribe.unsubscribe(claim);
        return c.html(unsubscribePage(claim, 'done'), claim ? 200 : 404);
      })
    .get('/timeline',
      describeRoute({ tags: ['Events'], summary: 'Past events, newest first, with registered, invited and attended counts (EV-10)', responses: { 200: jsonContent(TimelineOut, 'Timeline') } }),
      signedIn,
      (c) => c.json({ events: timeline.list(requireCaller(c)) }));
}
