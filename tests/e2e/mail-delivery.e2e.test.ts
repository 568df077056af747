// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAIT, signUp, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';
import { SmtpInbox } from '../support/smtp-inbox.ts';

/**
 * The dashboard on a default install (no SMTP, no Resend) tells the truth about e-mail:
 * a banner, "kept in the outbox" where invitations are sent, the way to the settings,
 * where an own SMTP server and a test e-mail make it go out. Times read in the event's
 * zone with the viewer's own beside them (the browser is in Europe/Warsaw).
 */
let rig: BrowserHarness;
let inbox: SmtpInbox;
beforeAll(async () => {
  inbox = await SmtpInbox.start();
  // The test's SMTP server is on loopback, which an account's own server may reach only when allowed.
  rig = await startBrowserHarness({ env: { ACCOUNT_SMTP_ALLOW_PRIVATE: '127.0.0.1' } });
}, 120_000);
afterAll(async () => {
  await rig?.close();
  await inbox?.stop();
}, 60_000);

describe('e-mail delivery in the dashboard', () => {
  it('says invitations are kept in the outbox while nothing is set up, and sends once an SMTP server is saved', async () => {
    const page = await rig.newPage();
    await signUp(page, rig.server.url, 'Olga Organizer', `olga${Date.now()}@example.com`);
    await page.getByTestId('mail-banner').getByText('E-mail delivery is not set up').waitFor(WAIT);
    // 22:50 in New York on 1 June is 04:50 the next day in Warsaw, where this browser is.
    const created = await page.request.post(`${rig.server.url}/api/v1/events`, { data: { name: 'Evening in New York', startsAt: '2031-06-01T22:50:00-04:00', timeZone: 'America/New_York' } });
    expect(created.status()).toBe(201);
    const eventId = ((await created.json()) as { id: number }).id;
    await page.reload();
    const when = page.getByTestId('event-card').getByTestId('event-time');
    await when.waitFor(WAIT);
    expect(await when.textContent()).toBe('Sun, 1 Jun 2031, 22:50 New York · Mon 2 Jun, 04:50 your time');

    await page.getByTestId('manage-event').click();
    await page.getByRole('tab', { name: 'Invitations' }).click();
    await page.getByLabel('Addresses').fill('Zofia Nowak <zofia@example.com>');
    await page.getByRole('button', { name: 'Send invitations' }).click();
    const outcome = page.getByTestId('mail-outcome');
    await outcome.waitFor(WAIT);
    expect(await outcome.textContent()).toBe('1 invitation kept in the outbox: e-mail delivery is not set up.');

    // The event's own E-mail tab lists its message as kept.
    await page.getByRole('tab', { name: 'E-mail' }).click();
    await page.getByText('Only e-mail of this event (1).').waitFor(WAIT);
    expect(await page.getByTestId('outbox-status').textContent()).toBe('kept in the outbox');

    // The link goes to the delivery settings; an own SMTP server and a test e-mail.
    await page.getByRole('link', { name: 'Set up e-mail delivery' }).first().click();
    await page.waitForURL('**/dashboard/outbox#delivery', WAIT);
    await page.getByTestId('delivery-state').getByText('Not set up').waitFor(WAIT);
    await page.getByLabel('SMTP server').fill('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill(String(inbox.port));
    await page.getByLabel('Sender').fill('Olga <olga@example.com>');
    await page.getByRole('button', { name: 'Save SMTP server' }).click();
    await page.getByTestId('delivery-state').getByText('Through your own SMTP server 127.0.0.1').waitFor(WAIT);
    await page.getByTestId('send-test-mail').click();
    await page.getByTestId('test-mail-result').getByText('Test e-mail sent to').waitFor(WAIT);

    // "Send again" on the kept invitation: it goes out and the row says sent.
    const row = page.getByTestId('outbox-message').filter({ hasText: 'Invitation: Evening in New York' });
    await row.getByRole('button', { name: 'Send again' }).click();
    await page.getByText('Sent again: the e-mail is queued for delivery.').waitFor(WAIT);
    const arrived = await inbox.waitFor('zofia@example.com', 'Invitation: Evening in New York');
    expect(arrived.parsed.attachments.some((a) => a.filename === 'invite.ics')).toBe(true);
    await expect.poll(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      return row.getAttribute('data-status');
    }, { timeout: 20_000 }).toBe('sent');

    // With delivery set up, new invitations say they are queued (not "kept"), and they arrive.
    await page.goto(`${rig.server.url}/dashboard/events/${eventId}`);
    await page.getByRole('tab', { name: 'Invitations' }).click();
    await page.getByLabel('Addresses').fill('ala@example.com, ola@example.com, ela@example.com');
    await page.getByRole('button', { name: 'Send invitations' }).click();
    await page.getByTestId('mail-outcome').filter({ hasText: '3 invitations queued for delivery.' }).waitFor(WAIT);
    for (const to of ['ala@example.com', 'ola@example.com', 'ela@example.com']) await inbox.waitFor(to, 'Invitation: Evening in New York');
  }, 120_000);
});
