// @vitest-environment node
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinOut } from '../../shared/join-schemas.ts';
import type { StaffPoll } from '../../client/src/room/use-staff-feed.ts';
import { signUp } from '../support/browser.ts';
import { DIST_INDEX } from '../support/chromium.ts';
import { createEvent, newOrganizer } from '../support/api-client.ts';
import { startMediaTestServer } from '../support/media.ts';
import { CHROMIUM, MEDIA_CHROMIUM_ARGS } from '../support/media-browser.ts';
import { eventually, hostStarts, type RoomParticipant } from '../support/room-client.ts';
import { existsSync } from 'node:fs';

/**
 * The stage's layout in Chromium with fake devices, against the real server and LiveKit:
 * who waits is shown to the host before the start; with the organizer's logo, the chat
 * composer and the reaction bar fit a 1366×768 screen and no guest page offers the
 * platform's log-in or sign-up; the poll, the call to action and the published question
 * sit beside the presenter's video, never over it (laptop and phone); an ended poll
 * leaves the stage; the presenter's main view (the whiteboard) is what a late joiner
 * lands on; and a take-back turns an attendee's buttons off.
 */

const WAIT = { timeout: 45_000 };
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let server: Awaited<ReturnType<typeof startMediaTestServer>>;
let browser: Browser;
const contexts: BrowserContext[] = [];
const hosts: RoomParticipant[] = [];

async function newPage(viewport = LAPTOP): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Warsaw', viewport });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  return page;
}

async function join(page: Page, url: string, name: string): Promise<void> {
  const target = new URL(url);
  await page.goto(`${server.url}${target.pathname}${target.search}${target.hash}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: /Join/ }).click();
}

/** A presenter on air with the camera (the device check is its own dialog). */
async function presenterOnAir(page: Page, url: string, name: string): Promise<void> {
  await join(page, url, name);
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('media-setup').waitFor(WAIT);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Camera on' }).waitFor(WAIT);
}

async function noPlatformAccountLinks(page: Page): Promise<void> {
  expect(await page.getByRole('link', { name: /log in|sign up/i }).count()).toBe(0);
}

type Box = { x: number; y: number; width: number; height: number };
const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

beforeAll(async () => {
  if (!existsSync(DIST_INDEX)) throw new Error('The browser client is not built: run `npm run build` first.');
  server = await startMediaTestServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: MEDIA_CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  for (const host of hosts) await host.leave().catch(() => undefined);
  await server?.cleanup();
}, 60_000);

describe('the stage layout in Chromium', () => {
  it('the host sees who waits; with a logo the composer and reactions fit 1366×768; guest pages have no log-in or sign-up', async () => {
    const host = await newPage();
    await signUp(host, server.url, 'Hanna Host', 'hanna.stage@example.com');
    const created = await host.request.post(`${server.url}/api/v1/events`, { data: { name: 'Branded webinar', startsAt: '2031-03-04T15:00:00+01:00', timeZone: 'Europe/Warsaw' } });
    expect(created.status()).toBe(201);
    const event = (await created.json()) as { id: number; roomUrl: string };
    const logo = await host.request.put(`${server.url}/api/v1/events/${event.id}/appearance/logo`, { headers: { 'content-type': 'image/png' }, data: PNG });
    expect(logo.status()).toBe(200);

    // Two guests wait; the join page and the waiting room are the organizer's.
    const ada = await newPage();
    const ben = await newPage(PHONE);
    await ada.goto(`${server.url}/room/${event.id}`);
    await ada.getByTestId('organizer-logo').waitFor(WAIT);
    await noPlatformAccountLinks(ada);
    await join(ada, event.roomUrl, 'Ada Attendee');
    await join(ben, event.roomUrl, 'Ben Attendee');
    await ada.getByTestId('waiting-room').waitFor(WAIT);
    await noPlatformAccountLinks(ada);
    await noPlatformAccountLinks(ben);

    // The host enters before the start and sees both, by name, with the count in the header.
    await host.goto(`${server.url}/room/${event.id}?as=host`);
    await host.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await host.getByTestId('waiting-count').filter({ hasText: '2 waiting' }).waitFor(WAIT);
    const people = host.getByTestId('waiting-list').getByTestId('waiting-person');
    await people.filter({ hasText: 'Ada Attendee' }).waitFor(WAIT);
    await people.filter({ hasText: 'Ben Attendee' }).waitFor(WAIT);
    expect(await people.count()).toBe(2);
    await host.getByTestId('start-event').click();

    // In the room, at 1366×768 with the logo in the header: stage, composer and reactions without scrolling.
    await ada.getByTestId('stage').waitFor(WAIT);
    await ada.locator('.room-header [data-testid="organizer-logo"]').waitFor(WAIT);
    expect(await ada.getByTestId('branded-frame').locator('.brand-logo-bar').count()).toBe(0);
    for (const testId of ['stage', 'chat-input', 'audience-bar']) {
      const box = (await ada.getByTestId(testId).boundingBox())!;
      expect(box.y, testId).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, testId).toBeLessThanOrEqual(LAPTOP.height);
    }
    await noPlatformAccountLinks(ada);
    // On a phone the stage is on top, the side panel under it.
    const stage = (await ben.getByTestId('stage').boundingBox())!;
    const panel = (await ben.locator('.side-panel').boundingBox())!;
    expect(stage.y).toBeLessThan(panel.y);

    // The thank-you screen leads to the event's page, not the platform's home.
    await host.getByTestId('host-bar').getByRole('button', { name: 'End event for everyone' }).click();
    await host.getByRole('button', { name: 'Yes, end it' }).click();
    await ada.getByTestId('event-ended').waitFor(WAIT);
    await noPlatformAccountLinks(ada);
    expect(await ada.getByTestId('back-to-event').getAttribute('href')).toBe(`/room/${event.id}`);
  }, 240_000);

  it('a poll, a call to action and a published question never cover the presenter, on a laptop and a phone; an ended poll leaves the stage', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { name: 'Lane webinar' });
    const host = await hostStarts(server.url, await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {}));
    hosts.push(host);
    const presenter = await newPage();
    await presenterOnAir(presenter, event.presenterUrl, 'Piotr Presenter');
    const laptop = await newPage(LAPTOP);
    const phone = await newPage(PHONE);
    for (const [page, name] of [[laptop, 'Lena Laptop'], [phone, 'Filip Phone']] as const) {
      await join(page, event.roomUrl, name);
      await page.locator('[data-testid="media-tile"][data-camera="on"] video').first().waitFor(WAIT);
    }

    // All three at once: a running poll, a call to action and Lena's question, published.
    host.send('poll-create', { title: 'Next topic', questions: [{ text: 'What next?', type: 'single', choices: [{ text: 'Pricing' }, { text: 'Roadmap' }] }] });
    const poll = await eventually(() => (host.received.get('polls') as StaffPoll[][] | undefined)?.at(-1)?.find((p) => p.title === 'Next topic'), 15_000, 'poll created');
    const pollId = poll.id;
    host.send('poll-start', { pollId });
    host.send('cta-show', { message: 'Book a demo', buttonLabel: 'Book now', url: 'https://example.com/demo' });
    await laptop.getByRole('tab', { name: /Q&A/ }).click();
    await laptop.getByTestId('ask-input').fill('Will prices change?');
    await laptop.getByTestId('ask-submit').click();
    const question = await eventually(() => [...host.questions.values()].find((q) => q.text === 'Will prices change?'), 15_000, 'question');
    host.send('publish-question', { questionId: question.id });

    for (const page of [laptop, phone]) {
      const lane = page.getByTestId('stage-lane');
      await lane.getByTestId('stage-poll').waitFor(WAIT);
      await lane.getByTestId('cta-popup').waitFor(WAIT);
      await lane.getByTestId('stage-question').waitFor(WAIT);
      const video = (await page.locator('[data-testid="stage-main"] [data-testid="media-tile"][data-camera="on"] video').first().boundingBox())!;
      expect(video.width).toBeGreaterThan(0);
      for (const testId of ['stage-poll', 'cta-popup', 'stage-question']) {
        const box = (await lane.getByTestId(testId).boundingBox())!;
        expect(intersects(video, box), `${testId} over the video at ${page.viewportSize()?.width}px`).toBe(false);
      }
    }

    // An attendee may fold the lane; the presenters' poll ends and leaves everyone's stage at once.
    await phone.getByTestId('stage-lane-fold').click();
    await phone.getByTestId('stage-lane').getByTestId('stage-poll').waitFor({ state: 'hidden', ...WAIT });
    host.send('poll-end', { pollId });
    await eventually(() => (host.received.get('polls') as StaffPoll[][] | undefined)?.at(-1)?.some((p) => p.id === pollId && p.status === 'ended'), 15_000, 'poll ended');
    // The room tells everyone on its next patch: within 2 s of the end the poll is gone from the stage.
    await laptop.getByTestId('stage-lane').getByTestId('stage-poll').waitFor({ state: 'detached', timeout: 2000 });
    await laptop.getByTestId('stage-lane').getByTestId('cta-popup').waitFor(WAIT);
  }, 240_000);

  it('the presenter puts the whiteboard on the main window, a late joiner lands on it; a take-back turns the attendee\'s buttons off', async () => {
    const host = await newPage();
    await signUp(host, server.url, 'Henryk Host', 'henryk.stage@example.com');
    const created = await host.request.post(`${server.url}/api/v1/events`, { data: { name: 'Board webinar', startsAt: '2031-03-04T15:00:00+01:00', timeZone: 'Europe/Warsaw' } });
    const event = (await created.json()) as { id: number; roomUrl: string };
    await host.goto(`${server.url}/room/${event.id}?as=host`);
    await host.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await host.getByTestId('start-event').click();

    // The host (a presenter of the event) switches everyone's main window to the whiteboard.
    await host.getByTestId('stage-view-switch').getByRole('button', { name: 'Whiteboard' }).click();
    await host.locator('[data-testid="stage-main"][data-layout="whiteboard"] [data-testid="whiteboard"]').waitFor(WAIT);

    // An attendee who joins afterwards lands on the whiteboard, may look at the video and come back.
    const late = await newPage();
    await join(late, event.roomUrl, 'Lara Late');
    await late.locator('[data-testid="stage-main"][data-layout="whiteboard"] [data-testid="whiteboard"]').waitFor(WAIT);
    await late.getByTestId('stage-view-switch').getByRole('button', { name: 'Video' }).click();
    await late.getByTestId('back-to-presenter').click();
    await late.locator('[data-testid="stage-main"][data-layout="whiteboard"]').waitFor(WAIT);

    // She raises her hand; the host sees it in the header, gives her the floor (the hand goes down) and takes it back.
    await late.getByTestId('hand-button').click();
    await host.getByTestId('header-hands').waitFor(WAIT);
    await host.getByTestId('hand-toast').filter({ hasText: 'Lara Late raised a hand' }).waitFor(WAIT);
    await host.getByRole('tab', { name: /Participants/ }).click();
    const row = host.getByTestId('participant').filter({ hasText: 'Lara Late' });
    await row.getByTestId('manage-participant').click();
    await row.getByRole('button', { name: 'Give microphone and camera' }).click();
    await late.getByTestId('hand-button').and(late.locator('[aria-pressed="false"]')).waitFor(WAIT);
    const dialog = late.getByRole('dialog');
    await dialog.getByTestId('media-setup').waitFor(WAIT);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await late.getByRole('button', { name: 'Microphone on' }).waitFor(WAIT);
    await late.getByRole('button', { name: 'Camera on' }).waitFor(WAIT);

    await row.getByRole('button', { name: 'Take back microphone and camera' }).click();
    // Within 2 s her buttons say off and cannot be pressed.
    for (const name of ['Microphone off', 'Camera off']) {
      const button = late.getByRole('button', { name, exact: true });
      await button.waitFor({ timeout: 2000 });
      await expect.poll(() => button.isDisabled(), { timeout: 2000 }).toBe(true);
    }
  }, 240_000);
});
