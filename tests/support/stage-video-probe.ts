import type { Page } from 'playwright-core';
import type { FileOut } from '../../shared/file-schemas.ts';
import { signUp, WAIT } from './browser.ts';
import { makeVideo } from './file-fixtures.ts';
import { uploadReadyInBrowser } from './files-client.ts';

/**
 * An organizer signs up, uploads a 60-s video, starts a webinar from the host's room and
 * plays the video on the stage from the library, as a presenter does; ends with the
 * presenter's controls showing.
 */
export async function hostPlaysUploadedVideo(host: Page, url: string, who: { name: string; email: string }, fileName: string, eventName: string): Promise<{ event: { id: number; roomUrl: string }; video: FileOut }> {
  await signUp(host, url, who.name, who.email);
  const video = await uploadReadyInBrowser(host, url, fileName, makeVideo(60, { faststart: true }));
  const created = await host.request.post(`${url}/api/v1/events`, { data: { name: eventName, startsAt: '2031-03-04T15:00:00+01:00', timeZone: 'Europe/Warsaw' } });
  const event = (await created.json()) as { id: number; roomUrl: string };
  await host.goto(`${url}/room/${event.id}?as=host`);
  await host.getByTestId('start-event').click();
  await host.getByTestId('stage-video-pick').click();
  await host.getByTestId('stage-video-file').filter({ hasText: video.name }).click();
  await host.getByTestId('stage-video').waitFor(WAIT);
  await host.getByTestId('stage-video-controls').waitFor(WAIT);
  return { event, video };
}

/** One reading of a page's stage video: its position and the machine's clock at the same instant. */
export interface VideoSample {
  positionMs: number;
  clockMs: number;
  paused: boolean;
  muted: boolean;
}

/**
 * Reads the stage video element `count` times, `gapMs` apart, inside the page, so the
 * round trip to the test process does not blur the figure: each reading pairs
 * `currentTime` with `Date.now()` (the same machine's clock as the server's).
 */
export async function sampleStageVideo(page: Page, count: number, gapMs: number): Promise<VideoSample[]> {
  return page.evaluate(async ({ count, gapMs }) => {
    const out: { positionMs: number; clockMs: number; paused: boolean; muted: boolean }[] = [];
    for (let i = 0; i < count; i++) {
      const video = document.querySelector<HTMLVideoElement>('[data-testid="stage-video"]');
      if (!video) throw new Error('no stage video on the page');
      out.push({ positionMs: video.currentTime * 1000, clockMs: Date.now(), paused: video.paused, muted: video.muted });
      if (gapMs > 0 && i < count - 1) await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
    return out;
  }, { count, gapMs });
}
