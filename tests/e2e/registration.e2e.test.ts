// @vitest-environment node
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/server.ts';

/**
 * Registration end to end in Chromium: an organizer turns registration on in the
 * dashboard, a guest registers on the public page, the personal link from the
 * confirmation e-mail (read from the outbox) takes the guest into the waiting room,
 * and the organizer imports a Windows-1250 CSV into the address book.
 */

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WAIT = { timeout: 30_000 };
const DIST_INDEX = join(import.meta.dirname, '..', '..', 'dist', 'client', 'index.html');

let server: RunningServer;
let browser: Browser;
let dataDir: string;
const contexts: BrowserContext[] = [];

async function newPage(locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({ locale, timezoneId: 'Europe/Warsaw', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  return page;
}

beforeAll(async () => {
  if (!existsSync(DIST_INDEX)) throw new Error('The browser client is not built: run `npm run build` first.');
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-registration-'));
  server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }));
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('registration in Chromium', () => {
  it('a guest registers on the public page and the join link from the e-mail leads into the waiting room', async () => {
    const organizer = await newPage();
    await organizer.goto(`${server.url}/signup`);
    await organizer.getByLabel('Your name').fill('Olga Organizer');
    await organizer.getByLabel('E-mail').fill('olga@example.com');
    await organizer.getByLabel('Password').fill('correct horse battery staple');
    await organizer.getByRole('button', { name: 'Create account' }).click();
    await organizer.waitForURL('**/dashboard', WAIT);
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

    // The link from the e-mail: the token is filled in, a name is asked, and the guest waits in the lobby.
    await guest.goto(link!.replace(/^https?:\/\/[^/]+/, server.url));
    await guest.getByTestId('entry-event-name').filter({ hasText: 'Registration webinar' }).waitFor(WAIT);
    expect(await guest.getByLabel('Access token').inputValue()).toBe(new URL(link!).hash.replace('#token=', ''));
    await guest.getByLabel('Your name').fill('Gosia');
    await guest.getByRole('button', { name: 'Join event' }).click();
    await guest.getByTestId('waiting-room').waitFor(WAIT);
    await guest.getByTestId('waiting-room').getByText('Welcome and demo').waitFor(WAIT);
  });

  it('imports a Windows-1250 CSV into the address book with Polish names intact', async () => {
    const organizer = await newPage('pl-PL');
    await organizer.goto(`${server.url}/signup`);
    await organizer.getByLabel('Imię i nazwisko').fill('Zofia');
    await organizer.getByLabel('E-mail').fill('zofia@example.com');
    await organizer.getByLabel('Hasło').fill('correct horse battery staple');
    await organizer.getByRole('button', { name: 'Załóż konto' }).click();
    await organizer.waitForURL('**/dashboard', WAIT);
    await organizer.getByRole('link', { name: 'Książka adresowa' }).click();
    await organizer.getByTestId('import-file').setInputFiles({ name: 'kontakty.csv', mimeType: 'text/csv', buffer: iconv.encode('Imię;Nazwisko;E-mail\r\nZażółć;Łódź;z@example.com\r\n', 'windows-1250') });
    await organizer.getByTestId('import-result').filter({ hasText: 'windows-1250' }).waitFor(WAIT);
    await organizer.getByTestId('contacts-table').getByText('Zażółć Łódź').waitFor(WAIT);
  });
});
