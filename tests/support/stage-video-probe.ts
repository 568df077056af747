import type { Page } from 'playwright-core';

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
