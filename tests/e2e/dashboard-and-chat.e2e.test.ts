// @vitest-environment node
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/server.ts';

/**
 * The browser client end to end, in Debian's Chromium against the real server: an
 * organizer signs up and schedules an event in the dashboard, a guest opens the room
 * link in another browser context and waits in the waiting room, the organizer enters
 * as host and starts the event, and the two chat both ways.
 */

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** The test machine is a slow, busy 2-core box: waits are generous, never fixed sleeps. */
const WAIT = { timeout: 30_000 };
const DIST_INDEX = join(import.meta.dirname, '..', '..', 'dist', 'client', 'index.html');

let server: RunningServer;
let browser: Browser;
let dataDir: string;
const contexts: BrowserContext[] = [];

async function newPage(options: { locale?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ locale: options.locale ?? 'en-US', timezoneId: 'Europe/Warsaw', viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  // Lets the test read back what "Copy room link" put on the clipboard.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  return page;
}

async function signUp(page: Page, name: string, email: string): Promise<void> {
  await page.goto(`${server.url}/`);
  await page.getByRole('link', { name: 'Start a free trial' }).click();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/dashboard', WAIT);
}

beforeAll(async () => {
  if (!existsSync(DIST_INDEX)) throw new Error('The browser client is not built: run `npm run build` first.');
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-'));
  server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', LIVEKIT_LOCAL: 'false' }));
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('dashboard and room chat in Chromium', () => {
  it('an organizer creates an event, a guest joins by its room link, and both chat', async () => {
    const organizer = await newPage();
    await signUp(organizer, 'Anna Organizer', 'anna@example.com');

    // Create the event in the dashboard.
    await organizer.getByRole('button', { name: 'Create event' }).first().click();
    await organizer.getByLabel('Event name').fill('Launch webinar');
    await organizer.getByRole('button', { name: 'Create event' }).last().click();
    const card = organizer.getByTestId('event-card').filter({ hasText: 'Launch webinar' });
    await card.waitFor(WAIT);

    // Copy the room link: the button confirms, and the link is the one shown on the card.
    await card.getByRole('button', { name: 'Copy room link' }).click();
    await card.getByRole('button', { name: /Copied/ }).waitFor(WAIT);
    const roomLink = (await card.getByTestId('room-link').textContent())?.trim() ?? '';
    expect(roomLink).toMatch(/^https?:\/\/[^/]+\/room\/\d+$/);
    expect(await organizer.evaluate(() => navigator.clipboard.readText())).toBe(roomLink);

    // The guest opens the link in a separate browser context (no session), gives a name,
    // and waits in the waiting room: the event has not been started yet.
    const guest = await newPage();
    await guest.goto(roomLink);
    await guest.getByTestId('entry-event-name').filter({ hasText: 'Launch webinar' }).waitFor(WAIT);
    await guest.getByLabel('Your name').fill('Bob Guest');
    await guest.getByRole('button', { name: 'Join event' }).click();
    await guest.getByTestId('waiting-room').waitFor(WAIT);

    // The organizer enters the room from the dashboard, as host, in one click, and starts the event.
    await card.getByRole('button', { name: 'Enter room' }).click();
    await organizer.getByTestId('room').and(organizer.locator('[data-status="live"]')).waitFor(WAIT);
    expect(await organizer.getByTestId('own-role').textContent()).toContain('Host');
    await organizer.getByRole('button', { name: 'Start event' }).click();

    // The guest is let in by itself; both see each other.
    await guest.getByTestId('chat-input').waitFor(WAIT);
    await organizer.getByTestId('participant').filter({ hasText: 'Bob Guest' }).waitFor(WAIT);
    await guest.getByTestId('participant').filter({ hasText: 'Anna Organizer' }).filter({ hasText: 'Host' }).waitFor(WAIT);

    // Chat both ways: Enter sends for the host, the Send button for the guest.
    await organizer.getByLabel('Message').fill('Welcome, <b>everyone</b>!');
    await organizer.getByLabel('Message').press('Enter');
    await guest.getByTestId('chat-line').filter({ hasText: 'Welcome, <b>everyone</b>!' }).waitFor(WAIT);

    await guest.getByLabel('Message').fill('Thanks, happy to be here');
    await guest.getByRole('button', { name: 'Send', exact: true }).click();
    await organizer.getByTestId('chat-line').filter({ hasText: 'Thanks, happy to be here' }).waitFor(WAIT);

    // Markup typed into the chat is shown as text, never rendered.
    expect(await guest.getByTestId('chat-log').locator('b').count()).toBe(0);
  });

  it('a wrong event password and an unknown event id get clear messages, in Polish when chosen', async () => {
    const organizer = await newPage();
    await signUp(organizer, 'Ewa Organizer', 'ewa@example.com');
    const created = await organizer.request.post(`${server.url}/api/v1/events`, {
      data: { name: 'Closed training', startsAt: '2030-01-15T10:00:00+01:00', timeZone: 'Europe/Warsaw', accessType: 'password', password: 'secret-pass' },
    });
    expect(created.status()).toBe(201);
    const event = (await created.json()) as { id: number };

    const guest = await newPage({ locale: 'pl-PL' });
    await guest.goto(`${server.url}/room/${event.id}`);
    await guest.getByLabel('Imię i nazwisko').fill('Jan Kowalski');
    await guest.getByLabel('Hasło do wydarzenia').fill('not-the-password');
    await guest.getByRole('button', { name: 'Dołącz' }).click();
    await guest.getByText('Nieprawidłowe hasło.').waitFor(WAIT);

    // Switched to English, the same error reads in English.
    await guest.getByRole('button', { name: 'EN', exact: true }).click();
    await guest.getByText('Wrong password.').waitFor(WAIT);

    await guest.goto(`${server.url}/join`);
    await guest.getByLabel('Event ID').fill('999999999');
    await guest.getByRole('button', { name: 'Continue' }).click();
    await guest.getByText('Event not found. Check the link or the event ID.').waitFor(WAIT);
  });
});
