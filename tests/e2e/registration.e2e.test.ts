// @vitest-environment node
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAIT, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/**
 * Registration end to end in Chromium: an organizer turns registration on in the
 * dashboard, a guest registers on the public page, the personal link from the
 * confirmation e-mail (read from the outbox) takes the guest into the waiting room,
 * and the organizer imports a Windows-1250 CSV into the address book.
 */

let rig: BrowserHarness;
let server: BrowserHarness['server'];
beforeAll(async () => {
  rig = await startBrowserHarness();
  server = rig.server;
}, 120_000);
afterAll(async () => {
  await rig?.close();
}, 60_000);

const newPage = (locale?: string) => rig.newPage(locale ? { locale } : {});

/** Signs up on /signup; the labels are those of the page's language. */
async function signUp(page: Page, name: string, email: string, labels = { name: 'Your name', email: 'E-mail', password: 'Password', submit: 'Create account' }): Promise<void> {
  await page.goto(`${server.url}/signup`);
  await page.getByLabel(labels.name).fill(name);
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill('correct horse battery staple');
  await page.getByRole('button', { name: labels.submit }).click();
  await page.waitForURL('**/dashboard', WAIT);
}

describe('registration in Chromium', () => {
  it('a guest registers on the public page and the join link from the e-mail leads into the waiting room', async () => {
    const organizer = await newPage();
    await signUp(organizer, 'Olga Organizer', 'olga@example.com');
    const created = await organizer.request.post(`${server.url}/api/v1/events`, {
      data: { name: 'Registration webinar', startsAt: '2031-06-01T10:00:00+02:00', timeZone: 'Europe/Warsaw', accessType: 'token', agenda: 'Welcome and demo' },
    });
    const event = (await created.json()) as { id: number };

    // Registration is turned on in the event's setup page, with a consent question.
    await organizer.goto(`${server.url}/dashboard`);
    await organizer.getByTestId('manage-event').click();
    await organizer.getByRole('tab', { name: 'Registration' }).click();
    await organizer.getByTestId('registration-enabled').check();
    await organizer.getByRole('button', { name: 'Add a question' }).click();
    await organizer.getByLabel('Question').fill('I agree to be contacted');
    await organizer.getByLabel('Type').selectOption('consent');
    await organizer.getByLabel('Required', { exact: true }).check();
    await organizer.getByTestId('save-registration').click();
    await organizer.getByText('Saved.').waitFor(WAIT);
    const registrationUrl = (await organizer.getByTestId('registration-url').textContent())!.trim();
    expect(registrationUrl).toMatch(new RegExp(`/register/${event.id}$`));

    // The guest registers on the public page.
    const guest = await newPage();
    await guest.goto(registrationUrl.replace(/^https?:\/\/[^/]+/, server.url));
    await guest.getByTestId('registration-event-name').filter({ hasText: 'Registration webinar' }).waitFor(WAIT);
    await guest.getByLabel('E-mail').fill('gosia@example.com');
    await guest.getByLabel('First name').fill('Gosia');
    await guest.getByRole('button', { name: 'Register' }).click();
    await guest.getByText('This field is required.').waitFor(WAIT);
    await guest.getByLabel('I agree to be contacted').check();
    await guest.getByRole('button', { name: 'Register' }).click();
    await guest.getByTestId('registration-done').waitFor(WAIT);

    // The organizer finds the confirmation in the outbox, with its calendar file.
    await organizer.goto(`${server.url}/dashboard/outbox`);
    const message = organizer.getByTestId('outbox-message').filter({ hasText: 'You are registered: Registration webinar' });
    await message.waitFor(WAIT);
    await message.getByText('invite.ics').waitFor(WAIT);
    await message.getByRole('button', { name: 'Open' }).click();
    const text = (await organizer.getByTestId('outbox-text').textContent()) ?? '';
    const link = text.match(/https?:\/\/\S+\/room\/\d+#token=\S+/)?.[0];
    expect(link).toBeDefined();

    // The link from the e-mail carries the person (issue 10): "Joining as Gosia", one click, and the guest waits in the lobby.
    await guest.goto(link!.replace(/^https?:\/\/[^/]+/, server.url));
    await guest.getByTestId('entry-event-name').filter({ hasText: 'Registration webinar' }).waitFor(WAIT);
    await guest.getByTestId('joining-as').getByText('Joining as Gosia').waitFor(WAIT);
    await guest.getByRole('button', { name: 'Join now' }).click();
    await guest.getByTestId('waiting-room').waitFor(WAIT);
    await guest.getByTestId('waiting-room').getByText('Welcome and demo').waitFor(WAIT);
  });

  it('imports a Windows-1250 CSV into the address book with Polish names intact', async () => {
    const organizer = await newPage('pl-PL');
    await signUp(organizer, 'Zofia', 'zofia@example.com', { name: 'Imię i nazwisko', email: 'E-mail', password: 'Hasło', submit: 'Załóż konto' });
    await organizer.getByRole('link', { name: 'Książka adresowa' }).click();
    await organizer.getByTestId('import-file').setInputFiles({ name: 'kontakty.csv', mimeType: 'text/csv', buffer: iconv.encode('Imię;Nazwisko;E-mail\r\nZażółć;Łódź;z@example.com\r\n', 'windows-1250') });
    await organizer.getByTestId('import-result').filter({ hasText: 'windows-1250' }).waitFor(WAIT);
    await organizer.getByTestId('contacts-table').getByText('Zażółć Łódź').waitFor(WAIT);
  });
});
