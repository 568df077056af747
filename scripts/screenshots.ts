/**
 * `npm run screenshots`: pictures of the product for the README. Starts the product on
 * a free port with its own data folder and LiveKit, drives Debian's Chromium (fake
 * camera, microphone and screen) through a scripted webinar (a host, a presenter, two
 * attendees, one on a phone: waiting list, camera, Q&A, poll, screen share,
 * whiteboard) and writes PNGs to docs/screenshots/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../server/config.ts';
import { startServer } from '../server/server.ts';
import { shootOrganizerPages } from './screenshots-organizer.ts';

const OUT = join(import.meta.dirname, '..', 'docs', 'screenshots');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'];
const WAIT = { timeout: 60_000 };
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

async function page(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Warsaw', viewport, deviceScaleFactor: 1 });
  const p = await context.newPage();
  p.setDefaultTimeout(WAIT.timeout);
  return p;
}

async function enter(p: Page, url: string, name: string): Promise<void> {
  await p.goto(url);
  await p.getByLabel('Your name').fill(name);
  await p.getByRole('button', { name: /Join/ }).click();
}

async function signUp(p: Page, url: string, name: string, email: string): Promise<void> {
  await p.goto(`${url}/signup`);
  await p.getByLabel('Your name').fill(name);
  await p.getByLabel('E-mail').fill(email);
  await p.getByLabel('Password').fill('correct horse battery staple');
  await p.getByRole('button', { name: 'Create account' }).click();
  await p.waitForURL('**/dashboard', WAIT);
}

async function shot(p: Page, name: string): Promise<void> {
  // Let animations (a toast rising, a poll appearing) settle before the picture.
  await p.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 600))));
  await p.screenshot({ path: join(OUT, `${name}.png`) });
  console.log(`wrote docs/screenshots/${name}.png`);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'webinar-screenshots-'));
  const server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', LIVEKIT_LOCAL: 'true', LIVEKIT_PORT: '0', LIVEKIT_RTC_PORT: '0' }));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const url = server.url;
    // The organizer signs up and schedules the webinar.
    const host = await page(browser, LAPTOP);
    await signUp(host, url, 'Hanna Host', 'hanna@example.com');
    const created = await host.request.post(`${url}/api/v1/events`, { data: { name: 'Product launch 2031', startsAt: '2031-03-04T15:00:00+01:00', timeZone: 'Europe/Warsaw', agenda: '1. What is new\n2. Demo\n3. Questions' } });
    const event = (await created.json()) as { id: number; roomUrl: string; presenterUrl: string };

    // Two attendees wait; the host sees them before starting.
    const ada = await page(browser, LAPTOP);
    const ben = await page(browser, PHONE);
    await enter(ada, event.roomUrl, 'Ada Attendee');
    await enter(ben, event.roomUrl, 'Ben Attendee');
    await ada.getByTestId('waiting-room').waitFor(WAIT);
    await host.goto(`${url}/room/${event.id}?as=host`);
    await host.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await host.getByTestId('waiting-count').filter({ hasText: '2 waiting' }).waitFor(WAIT);
    await shot(host, 'waiting-list');
    await host.getByTestId('start-event').click();

    // The presenter checks the devices and goes on air.
    const presenter = await page(browser, LAPTOP);
    await enter(presenter, event.presenterUrl, 'Piotr Presenter');
    await presenter.getByTestId('media-setup').waitFor(WAIT);
    await presenter.waitForFunction(() => (document.querySelector<HTMLVideoElement>('[data-testid="media-preview"]')?.videoWidth ?? 0) > 0, undefined, WAIT);
    await shot(presenter, 'device-check');
    await presenter.getByRole('dialog').getByRole('button', { name: 'Continue' }).click();
    await presenter.getByRole('button', { name: 'Camera on' }).waitFor(WAIT);
    for (const p of [ada, ben]) await p.locator('[data-testid="media-tile"][data-camera="on"] video').first().waitFor(WAIT);
    await ada.getByTestId('chat-input').fill('Hello from Kraków!');
    await ada.getByTestId('chat-input').press('Enter');
    await shot(ada, 'stage');

    // A question and a poll, in the lane under the stage.
    await ada.getByRole('tab', { name: /Q&A/ }).click();
    await ada.getByTestId('ask-input').fill('Will it work offline?');
    await ada.getByTestId('ask-submit').click();
    await host.getByRole('tab', { name: /Q&A/ }).click();
    await host.getByTestId('question').filter({ hasText: 'Will it work offline?' }).getByTestId('publish-question').click();
    await host.getByRole('tab', { name: /Polls/ }).click();
    await host.getByTestId('new-poll').click();
    await host.getByLabel('Name', { exact: true }).fill('Which demo first?');
    await host.getByLabel('Question', { exact: true }).fill('Which demo should we start with?');
    await host.getByLabel('Choice 1', { exact: true }).fill('Screen sharing');
    await host.getByLabel('Choice 2', { exact: true }).fill('Whiteboard');
    await host.getByTestId('poll-editor-submit').click();
    await host.getByTestId('staff-poll').filter({ hasText: 'Which demo first?' }).getByTestId('poll-start').click();
    await ada.getByTestId('stage-lane').getByTestId('stage-poll').waitFor(WAIT);
    await ada.getByTestId('stage-lane').getByTestId('stage-question').waitFor(WAIT);
    await shot(ada, 'poll-and-question');
    await ben.getByTestId('stage-lane').getByTestId('stage-poll').waitFor(WAIT);
    await shot(ben, 'phone');
    await host.getByTestId('staff-poll').filter({ hasText: 'Which demo first?' }).getByTestId('poll-end').click();
    await host.getByRole('tab', { name: /Q&A/ }).click();
    await host.getByTestId('question').filter({ hasText: 'Will it work offline?' }).getByRole('button', { name: /Take down/ }).click().catch(() => undefined);

    // The presenter shares the screen: it fills the main window, the camera goes to the strip.
    await presenter.getByRole('button', { name: 'Share screen' }).click();
    await ada.locator('[data-testid="stage-main"][data-layout="screen"] video').waitFor(WAIT);
    await ada.waitForFunction(() => (document.querySelector<HTMLVideoElement>('[data-testid="media-screen"] video')?.videoWidth ?? 0) > 0, undefined, WAIT);
    await shot(ada, 'screen-share');
    await presenter.getByRole('button', { name: 'Stop sharing' }).click();

    // The presenter puts the whiteboard on everyone's main window and draws.
    await presenter.getByTestId('stage-view-switch').getByRole('button', { name: 'Whiteboard' }).click();
    await presenter.locator('[data-testid="whiteboard"][data-can-write="true"]').waitFor(WAIT);
    const box = (await presenter.locator('[data-testid="whiteboard-surface"] canvas.wb-overlay').boundingBox())!;
    const at = (x: number, y: number) => [box.x + box.width * x, box.y + box.height * y] as const;
    await presenter.getByRole('radio', { name: 'Rectangle (R)' }).click();
    await presenter.mouse.move(...at(0.15, 0.2));
    await presenter.mouse.down();
    await presenter.mouse.move(...at(0.45, 0.6), { steps: 10 });
    await presenter.mouse.up();
    await presenter.getByRole('radio', { name: /Pen/ }).click();
    await presenter.mouse.move(...at(0.55, 0.5));
    await presenter.mouse.down();
    for (let i = 1; i <= 20; i++) await presenter.mouse.move(...at(0.55 + i * 0.015, 0.5 - Math.sin(i / 3) * 0.15));
    await presenter.mouse.up();
    await ada.locator('[data-testid="stage-main"][data-layout="whiteboard"] [data-testid="whiteboard-surface"][data-shape-count="2"]').waitFor(WAIT);
    await shot(ada, 'whiteboard');

    // A second organizer (own trial account) shows the newer dashboard pages.
    const organizer = await page(browser, LAPTOP);
    await signUp(organizer, url, 'Olga Organizer', 'olga@example.com');
    await shootOrganizerPages({ page, shot, LAPTOP, PHONE }, browser, url, organizer);
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
