import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMessageOut } from '../../shared/mail-schemas.ts';
import { createEvent, newOrganizer } from '../support/api-client.ts';
import { outbox } from '../support/outbox.ts';
import { eventually } from '../support/room-client.ts';
import { SmtpInbox } from '../support/smtp-inbox.ts';
import { startTestServer } from '../support/test-server.ts';

/**
 * E-mail through a real SMTP server (the `smtp-server` package on loopback, with a
 * login): nodemailer speaks SMTP to it, and what arrives is parsed back with mailparser.
 */
let inbox: SmtpInbox;
let smtpServer: Awaited<ReturnType<typeof startTestServer>>;
let bareServer: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  inbox = await SmtpInbox.start({ user: 'mailer', password: 'relay-secret' });
  smtpServer = await startTestServer({ env: { ...inbox.env(), SMTP_USER: 'mailer', SMTP_PASSWORD: 'relay-secret' } });
  bareServer = await startTestServer();
});
afterAll(async () => {
  await smtpServer.cleanup();
  await bareServer.cleanup();
  await inbox.stop();
});

const settled = (messages: OutboxMessageOut[]) => messages.every((m) => m.status !== 'sending' && !(m.status === 'queued' && m.attempts === 0));

describe('e-mail through SMTP when SMTP_HOST is set', () => {
  it('delivers an invitation with its calendar file and marks the outbox row sent; a 550 fails with the reason, a 451 waits for a retry', async () => {
    const { api } = await newOrganizer(smtpServer.url);
    const event = await createEvent(api, { name: 'Sent by SMTP' });
    const answer = await api.ok<any>('POST', `/events/${event.id}/invitations`, { text: 'Zofia Nowak <zofia@example.com>, refused@example.com, later@example.com' });
    expect(answer.mail).toEqual({ delivery: 'smtp', queued: 3, kept: 0 });

    const arrived = await inbox.waitFor('zofia@example.com', 'Invitation: Sent by SMTP');
    expect(arrived.user).toBe('mailer');
    expect(arrived.parsed.from?.value[0]).toMatchObject({ name: 'Webinars', address: 'webinars@example.com' });
    expect(arrived.parsed.text).toContain('Join the event:');
    expect(arrived.parsed.html).toContain('<!doctype html>');
    const ics = arrived.parsed.attachments.find((a) => a.filename === 'invite.ics');
    expect(ics?.contentType).toContain('text/calendar');
    expect(ics!.content.toString('utf8')).toContain('BEGIN:VCALENDAR');
    expect(ics!.content.toString('utf8')).toContain('SUMMARY:Sent by SMTP');

    const messages = await eventually(async () => {
      const list = await outbox(api, `?eventId=${event.id}`);
      return list.length === 3 && settled(list) && list;
    }, 20_000, 'the three messages to be tried');
    const byTo = Object.fromEntries(messages.map((m) => [m.to, m]));
    expect(byTo['zofia@example.com']).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(arrived.parsed.messageId).toContain(byTo['zofia@example.com']!.id);
    expect(byTo['refused@example.com']).toMatchObject({ status: 'failed', attempts: 1 });
    expect(byTo['refused@example.com']!.lastError).toContain('550');
    expect(byTo['later@example.com']).toMatchObject({ status: 'queued', attempts: 1 });
    expect(byTo['later@example.com']!.lastError).toContain('451');
    expect(inbox.received.filter((m) => m.to.includes('refused@example.com'))).toHaveLength(0);
  });

  it('sends a sent message again as a new copy, and a test e-mail reports the server’s own answer', async () => {
    const { api, email } = await newOrganizer(smtpServer.url);
    const event = await createEvent(api, { name: 'Resent by SMTP' });
    await api.ok('POST', `/events/${event.id}/invitations`, { text: 'piotr@example.com' });
    await inbox.waitFor('piotr@example.com', 'Invitation: Resent by SMTP');
    const [first] = await eventually(async () => {
      const list = await outbox(api, `?eventId=${event.id}`);
      return list[0]?.status === 'sent' && list;
    }, 20_000, 'the invitation to be sent');
    const copy = await api.ok<OutboxMessageOut>('POST', `/outbox/${first!.id}/resend`);
    expect(copy.id).not.toBe(first!.id);
    expect(copy.status).toBe('queued');
    await eventually(() => inbox.received.filter((m) => m.to.includes('piotr@example.com')).length === 2, 20_000, 'the copy to arrive');

    const settings = await api.ok<any>('GET', '/account/mail-settings');
    expect(settings).toMatchObject({ delivery: 'smtp', deliverySource: 'server', smtp: null });
    const test = await api.ok<OutboxMessageOut>('POST', '/account/mail-settings/test');
    expect(test).toMatchObject({ status: 'sent', attempts: 1, kind: 'test', to: email });
    expect((await inbox.waitFor(email, 'Test e-mail from Webinars')).parsed.text).toContain('Sent through: SMTP.');
  });
});

describe('without any transport', () => {
  it('says the invitation is kept in the outbox, and an account’s own SMTP server in the mail settings makes it go out', async () => {
    const { api, email } = await newOrganizer(bareServer.url);
    const event = await createEvent(api, { name: 'Nowhere to go' });
    const answer = await api.ok<any>('POST', `/events/${event.id}/invitations`, { text: 'kept@example.com' });
    expect(answer.mail).toEqual({ delivery: 'outbox', queued: 0, kept: 1 });
    const [kept] = await outbox(api, `?eventId=${event.id}`);
    expect(kept).toMatchObject({ status: 'outbox', to: 'kept@example.com', attempts: 0 });
    expect((await api.ok<any>('GET', '/outbox')).delivery).toBe('outbox');
    const test = await api.ok<OutboxMessageOut>('POST', '/account/mail-settings/test');
    expect(test.status).toBe('outbox');

    // A wrong password: the test e-mail says so instead of pretending.
    const wrong = await api.ok<any>('PUT', '/account/mail-settings/smtp', { host: '127.0.0.1', port: inbox.port, secure: false, user: 'mailer', password: 'wrong', from: 'Olga <olga@example.com>' });
    expect(wrong).toMatchObject({ delivery: 'smtp', deliverySource: 'account', smtp: { host: '127.0.0.1', user: 'mailer', hasPassword: true } });
    expect(JSON.stringify(wrong)).not.toContain('wrong');
    const failed = await api.ok<OutboxMessageOut>('POST', '/account/mail-settings/test');
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toMatch(/535|login|Invalid username/i);

    // The right password (the host and sender kept, the password replaced): the kept invitation goes out on "resend".
    await api.ok('PUT', '/account/mail-settings/smtp', { host: '127.0.0.1', port: inbox.port, secure: false, user: 'mailer', password: 'relay-secret', from: 'Olga <olga@example.com>' });
    expect((await api.ok<OutboxMessageOut>('POST', '/account/mail-settings/test')).status).toBe('sent');
    expect(inbox.received.filter((m) => m.to.includes(email)).at(-1)!.parsed.from?.value[0]?.address).toBe('olga@example.com');
    await api.ok('POST', `/outbox/${kept!.id}/resend`);
    const arrived = await inbox.waitFor('kept@example.com', 'Invitation: Nowhere to go');
    expect(arrived.parsed.attachments.some((a) => a.filename === 'invite.ics')).toBe(true);
    await eventually(async () => (await outbox(api, `?eventId=${event.id}`))[0]?.status === 'sent', 20_000, 'the row to say sent');

    // Forgetting the account's server: back to the outbox.
    expect((await api.ok<any>('DELETE', '/account/mail-settings/smtp')).delivery).toBe('outbox');
  });
});
