// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAnchor, positionAt, type PlaybackAnchor } from '../../shared/playback-anchor.ts';
import { joinEvent } from '../support/api-client.ts';
import { startBrowserHarness, WAIT, type BrowserHarness } from '../support/browser.ts';
import { RoomParticipant, eventually } from '../support/room-client.ts';
import { hostPlaysUploadedVideo, sampleStageVideo, type VideoSample } from '../support/stage-video-probe.ts';

/**
 * The stage video when the browser blocks sound (issue 11, item 4): Chromium started with
 * the autoplay policy that wants a user gesture in the document before anything plays
 * with sound. An attendee whose page enters the room with the ticket already in the tab
 * (nobody has clicked in the document) gets the video muted but playing, in step with the room, under an "Unmute" bar;
 * the click on Unmute brings the sound back without stopping or moving the video.
 */

let harness: BrowserHarness;
const observers: RoomParticipant[] = [];

beforeAll(async () => {
  harness = await startBrowserHarness({ args: ['--autoplay-policy=document-user-activation-required'] });
}, 120_000);

afterAll(async () => {
  for (const o of observers) await o.leave().catch(() => undefined);
  await harness?.close();
}, 60_000);

/** Reads the attendee's video 10 times and compares each reading with the room's anchor at that instant. */
async function offsets(page: Parameters<typeof sampleStageVideo>[0], observer: RoomParticipant): Promise<{ samples: VideoSample[]; off: number[] }> {
  const samples = await sampleStageVideo(page, 10, 100);
  const anchor = parseAnchor(observer.room.state.playback) as PlaybackAnchor;
  return { samples, off: samples.map((s) => (s.paused ? Infinity : Math.abs(s.positionMs - positionAt(anchor, s.clockMs)))) };
}

describe('stage video with sound blocked by the browser', () => {
  it('plays muted and in sync under an Unmute bar; Unmute brings the sound back and the video plays on', async () => {
    const url = harness.server.url;
    const host = await harness.newPage();
    const { event, video } = await hostPlaysUploadedVideo(host, url, { name: 'Mona Muted', email: 'mona@example.com' }, 'launch.mp4', 'Launch film');

    const observer = await RoomParticipant.enter(url, await joinEvent(url, event.id, { name: 'Observer' }));
    observers.push(observer);
    const anchor = await eventually(() => parseAnchor(observer.room.state.playback), 20_000, 'the anchor in the room state');
    expect(anchor.source.ref).toBe(video.id);

    // The attendee's ticket is already in the tab (as after a reload or a restored tab), so the
    // page enters the room without a single click: nothing has activated the document.
    const join = await joinEvent(url, event.id, { name: 'Uma Unheard' });
    const attendee = await harness.newPage();
    await attendee.addInitScript((stored) => {
      sessionStorage.setItem(`join:${stored.room.eventId}`, JSON.stringify(stored));
      // Reports the Unmute bar from inside the page: anything Playwright evaluates in a page
      // counts as a user gesture there, so until the bar shows the test only listens.
      const watch = new MutationObserver(() => {
        if (!document.querySelector('[data-testid="stage-video-unmute"]')) return;
        const video = document.querySelector<HTMLVideoElement>('[data-testid="stage-video"]');
        console.log(`unmute-bar video-muted=${String(video?.muted)} had-gesture=${String(navigator.userActivation.hasBeenActive)}`);
        watch.disconnect();
      });
      document.addEventListener('DOMContentLoaded', () => watch.observe(document.body, { childList: true, subtree: true }));
    }, join);
    const barShown = attendee.waitForEvent('console', { predicate: (m) => m.text().startsWith('unmute-bar'), timeout: 60_000 });
    await attendee.goto(event.roomUrl, { waitUntil: 'commit' });
    expect((await barShown).text()).toBe('unmute-bar video-muted=true had-gesture=false');
    const unmute = attendee.getByTestId('stage-video-unmute');
    await expect(attendee.locator('.stage-video-unmute').textContent()).resolves.toMatch(/Unmute/);
    const muted = await eventually(async () => {
      const reading = await offsets(attendee, observer);
      return reading.samples.every((s) => s.muted && !s.paused) && reading.off.every((e) => e <= 250) ? reading : undefined;
    }, 45_000, 'the attendee\'s video playing muted within 0.25 s of the room');
    expect(Math.max(...muted.off)).toBeLessThanOrEqual(250);

    await unmute.click();
    await unmute.waitFor({ ...WAIT, state: 'detached' });
    const heard = await eventually(async () => {
      const reading = await offsets(attendee, observer);
      return reading.samples.every((s) => !s.muted && !s.paused) && reading.off.every((e) => e <= 250) ? reading : undefined;
    }, 45_000, 'the attendee\'s video playing with sound, still within 0.25 s of the room');
    expect(heard.samples.every((s) => !s.muted)).toBe(true);
    expect(heard.samples.at(-1)!.positionMs).toBeGreaterThan(muted.samples.at(-1)!.positionMs);
  });
});
