// @vitest-environment node
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinOut } from '../../shared/join-schemas.ts';
import { createEvent, newOrganizer } from '../support/api-client.ts';
import { startMediaTestServer } from '../support/media.ts';
import { cameraEncodings, CHROMIUM, inboundTotals, kbps, MEDIA_CHROMIUM_ARGS, trackPeerConnections } from '../support/media-browser.ts';
import { eventually, hostStarts, type RoomParticipant } from '../support/room-client.ts';
import { settleWithin } from '../support/deadline.ts';

/**
 * Audio and video end to end: a presenter in headless Chromium (fake camera and
 * microphone) checks the devices and goes on air; an attendee in another browser
 * context receives and decodes the video through the real LiveKit server, and the
 * bitrate the attendee receives for that one presenter stays within the ROOM-17 budget.
 * Then the presenter shares the screen, and it takes the attendee's main window.
 */

const WAIT = { timeout: 45_000 };
/** ROOM-17: audio + video, attendee side. */
const ATTENDEE_BUDGET_KBPS = 512;
/** The measured window: this many decoded frames (several seconds of the fake camera's video). */
const MEASURE_FRAMES = 150;
const DIST_INDEX = join(import.meta.dirname, '..', '..', 'dist', 'client', 'index.html');

let server: Awaited<ReturnType<typeof startMediaTestServer>>;
let browser: Browser;
let host: RoomParticipant;
const contexts: BrowserContext[] = [];

async function newPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', viewport });
  contexts.push(context);
  await trackPeerConnections(context);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  return page;
}

beforeAll(async () => {
  if (!existsSync(DIST_INDEX)) throw new Error('The browser client is not built: run `npm run build` first.');
  server = await startMediaTestServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: MEDIA_CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  // Every step is bounded: a browser that does not answer cannot hang the hook (LiveKit is stopped by its process group id in cleanup).
  await Promise.all(contexts.map((context) => settleWithin(context.close(), 10_000)));
  await settleWithin(browser?.close() ?? Promise.resolve(), 10_000);
  await host?.leave();
  await server?.cleanup();
}, 60_000);

describe('audio and video in Chromium', () => {
  it('a presenter turns the camera on and an attendee decodes it within the bandwidth budget', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { name: 'Camera webinar' });
    host = await hostStarts(server.url, await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {}));

    // The presenter opens the presenter link, checks the devices in the preview and goes on air.
    const presenter = await newPage();
    const presenterUrl = new URL(event.presenterUrl);
    await presenter.goto(`${server.url}${presenterUrl.pathname}${presenterUrl.hash}`);
    await presenter.getByLabel('Your name').fill('Piotr Presenter');
    await presenter.getByRole('button', { name: /Join/ }).click();
    const setup = presenter.getByTestId('media-setup');
    await setup.waitFor(WAIT);
    await presenter.waitForFunction(() => {
      const video = document.querySelector<HTMLVideoElement>('[data-testid="media-preview"]');
      return video !== null && video.videoWidth > 0;
    }, undefined, WAIT);
    expect(await setup.getByLabel('Turn the camera on').isChecked()).toBe(true);
    await setup.getByRole('button', { name: 'Continue' }).click();
    await presenter.getByRole('button', { name: 'Camera on' }).waitFor(WAIT);
    await presenter.getByRole('button', { name: 'Microphone on' }).waitFor(WAIT);
    await presenter.locator('[data-testid="media-tile"][data-camera="on"]').first().waitFor(WAIT);

    // The attendee joins by the room link and sees the presenter's video.
    const attendee = await newPage({ width: 1366, height: 768 });
    await attendee.goto(`${server.url}/room/${event.id}`);
    await attendee.getByLabel('Your name').fill('Alice Attendee');
    await attendee.getByRole('button', { name: 'Join event' }).click();
    await attendee.getByTestId('media-stage').waitFor(WAIT);
    await attendee.locator('[data-testid="media-tile"][data-camera="on"]').filter({ hasText: 'Piotr Presenter' }).waitFor(WAIT);
    // An attendee in presentation mode may not turn anything on: the buttons say so.
    expect(await attendee.getByRole('button', { name: 'Microphone off' }).isDisabled()).toBe(true);
    expect(await attendee.getByRole('button', { name: 'Camera off' }).isDisabled()).toBe(true);
    expect(await attendee.getByRole('button', { name: 'Share screen' }).count()).toBe(0);

    // Frames decoded keep growing: real video arrives and is decoded.
    const first = await inboundTotals(attendee);
    await expect.poll(async () => (await inboundTotals(attendee)).framesDecoded, { timeout: 30_000 }).toBeGreaterThan(first.framesDecoded + 30);

    // Let the sender's bandwidth estimate ramp up (the received bitrate stops rising from one
    // reading to the next), then measure a window of MEASURE_FRAMES decoded frames.
    let previous = await inboundTotals(attendee);
    let previousKbps = 0;
    await expect.poll(async () => {
      const now = await inboundTotals(attendee);
      if (now.at - previous.at < 900) return false;
      const rate = kbps(previous, now);
      const steady = previousKbps > 0 && rate <= previousKbps * 1.1;
      previous = now;
      previousKbps = rate;
      return steady;
    }, { timeout: 60_000, interval: 1000 }).toBe(true);
    const start = await inboundTotals(attendee);
    const end = await eventually(async () => {
      const now = await inboundTotals(attendee);
      return now.framesDecoded - start.framesDecoded >= MEASURE_FRAMES && now;
    }, 60_000, `${MEASURE_FRAMES} frames decoded in the measured window`);
    const total = kbps(start, end);
    const video = kbps(start, end, 'videoBytes');
    const audio = kbps(start, end, 'audioBytes');
    const fps = ((end.framesDecoded - start.framesDecoded) * 1000) / (end.at - start.at);
    console.log(`MEDIA attendee receives ${total.toFixed(0)} kbps for one presenter (video ${video.toFixed(0)}, audio ${audio.toFixed(0)}; ${fps.toFixed(1)} fps decoded; width ${end.frameWidths.join(',')})`);
    expect(end.framesDecoded - start.framesDecoded).toBeGreaterThan(0);
    expect(audio).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(ATTENDEE_BUDGET_KBPS);

    // The fake camera's picture is easy to compress; a real one is not. What bounds the
    // attendee either way is the presenter's cap: simulcast with a top layer of at most
    // 400 kbps, which with the voice and RTP headers stays within the budget.
    const layers = await cameraEncodings(presenter);
    console.log(`MEDIA presenter camera layers ${JSON.stringify(layers)}`);
    expect(layers.length).toBeGreaterThanOrEqual(2);
    const top = Math.max(...layers.map((l) => l.maxBitrate ?? Infinity));
    expect(top).toBeLessThanOrEqual(400_000);
    expect(top / 1000 + audio + 20).toBeLessThanOrEqual(ATTENDEE_BUDGET_KBPS);

    // ROOM-11: the presenter shares the screen with its sound (Chromium's fake capture has both).
    await presenter.getByRole('button', { name: 'Share screen' }).click();
    await presenter.getByRole('button', { name: 'Stop sharing' }).waitFor(WAIT);
    await expectScreenReaches(attendee, 'Piotr Presenter');

    // One click on "Stop sharing" ends it: both are back to the speaker view.
    await presenter.getByRole('button', { name: 'Stop sharing' }).click();
    await presenter.getByRole('button', { name: 'Share screen' }).waitFor(WAIT);
    for (const page of [presenter, attendee]) await expectSpeakerView(page);

    // Shared again, then ended from the browser's own capture controls (the track ends as when "Stop sharing" in Chromium's bar is clicked).
    await presenter.getByRole('button', { name: 'Share screen' }).click();
    await presenter.getByRole('button', { name: 'Stop sharing' }).waitFor(WAIT);
    await expectScreenReaches(attendee, 'Piotr Presenter');
    await presenter.locator('[data-testid="media-screen"] video').waitFor(WAIT);
    await presenter.evaluate(() => {
      const video = document.querySelector<HTMLVideoElement>('[data-testid="media-screen"] video')!;
      for (const track of (video.srcObject as MediaStream).getTracks()) {
        track.stop();
        track.dispatchEvent(new Event('ended'));
      }
    });
    await presenter.getByRole('button', { name: 'Share screen' }).waitFor(WAIT);
    for (const page of [presenter, attendee]) await expectSpeakerView(page);
  }, 240_000);
});

/** The shared screen fills the attendee's main window, at least 900 px wide, its frames decoded, its sound subscribed. */
async function expectScreenReaches(attendee: Page, name: string): Promise<void> {
  const screen = attendee.getByTestId('media-screen').filter({ hasText: `Screen of ${name}` });

  await screen.waitFor(WAIT);
  await attendee.locator('[data-testid="media-screen"][data-audio="on"]').waitFor(WAIT);
  const frames = () => attendee.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('[data-testid="media-screen"] video');
    return video && video.videoWidth > 0 ? video.getVideoPlaybackQuality().totalVideoFrames : 0;
  });
  await expect.poll(frames, { timeout: WAIT.timeout }).toBeGreaterThan(0);
  const first = await frames();
  await expect.poll(frames, { timeout: WAIT.timeout }).toBeGreaterThan(first);
  const box = (await attendee.locator('[data-testid="media-screen"] video').boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(900);
  // The screen's video is in the screen tile and nowhere else: the cameras stay in their strip.
  expect(await attendee.locator('[data-testid="camera-dock"] [data-testid="media-tile"]').count()).toBeGreaterThan(0);
}

async function expectSpeakerView(page: Page): Promise<void> {
  await page.locator('[data-testid="stage-main"][data-layout="speaker"]').waitFor(WAIT);
  expect(await page.getByTestId('media-screen').count()).toBe(0);
  await page.locator('[data-testid="stage-main"] [data-testid="media-tile"][data-camera="on"]').first().waitFor(WAIT);
}
