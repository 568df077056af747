// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileOut } from '../../shared/file-schemas.ts';
import { WAIT, signUp, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';
import { makeVideo } from '../support/file-fixtures.ts';
import { eventually } from '../support/room-client.ts';

/**
 * The timeline editor in Chromium (AUTO-2): a video dragged from the library onto the
 * stage lane and a poll added with the keyboard, moved by typed time, by arrows and
 * Shift+arrows (which runs the video past its file and is shown on the item), undone
 * with Ctrl+Z and with the button, previewed with the scrubber, saved, and still there
 * after a reload.
 */

let rig: BrowserHarness;
beforeAll(async () => {
  rig = await startBrowserHarness();
}, 120_000);
afterAll(async () => {
  await rig?.close();
}, 60_000);

describe('the timeline editor in Chromium', () => {
  it('places a poll and a video, moves them by typed time and keys, undoes, previews, saves, and a reload shows it', async () => {
    const server = rig.server;
    const page = await rig.newPage();
    await signUp(page, server.url, 'Olga Organizer', 'olga-timeline@example.com');
    const event = (await (await page.request.post(`${server.url}/api/v1/events`, {
      data: { kind: 'automated', name: 'Evergreen demo', startsAt: '2031-06-01T10:00:00+02:00', timeZone: 'Europe/Warsaw' },
    })).json()) as { id: number };
    await page.request.post(`${server.url}/api/v1/events/${event.id}/polls`, { data: { title: 'Pace', questions: [{ text: 'Too fast?', type: 'single', choices: [{ text: 'Yes' }, { text: 'No' }] }] } });
    const uploaded = (await (await page.request.post(`${server.url}/api/v1/files?name=clip.mp4`, { data: makeVideo(20), headers: { 'content-type': 'application/octet-stream' } })).json()) as FileOut;
    const video = await eventually(async () => {
      const file = (await (await page.request.get(`${server.url}/api/v1/files/${uploaded.id}`)).json()) as FileOut;
      if (file.status === 'failed') throw new Error(`conversion failed: ${file.error}`);
      return file.status === 'ready' ? file : undefined;
    }, 120_000, 'the video converted');

    // From the event's setup page to its editor.
    await page.goto(`${server.url}/dashboard/events/${event.id}`);
    await page.getByTestId('edit-timeline').click();
    await page.waitForURL(`**/dashboard/events/${event.id}/timeline`, WAIT);
    await page.getByTestId('timeline-editor').waitFor(WAIT);

    // The video is dragged onto the stage lane, 20 px in: 0:03 (6 px a second, snapped to seconds).
    // The browser's own drag events carry one DataTransfer from the palette entry to the lane, as a mouse drag does.
    await page.evaluate(({ source }) => {
      const from = document.querySelector(`[data-testid="${source}"]`) as HTMLElement;
      const lane = document.querySelector('[data-testid="lane-main"]') as HTMLElement;
      const box = lane.getBoundingClientRect();
      const dataTransfer = new DataTransfer();
      const at = { bubbles: true, cancelable: true, dataTransfer, clientX: box.left + 20, clientY: box.top + 20 };
      from.dispatchEvent(new DragEvent('dragstart', { bubbles: true, cancelable: true, dataTransfer }));
      lane.dispatchEvent(new DragEvent('dragenter', at));
      lane.dispatchEvent(new DragEvent('dragover', at));
      lane.dispatchEvent(new DragEvent('drop', at));
      from.dispatchEvent(new DragEvent('dragend', { bubbles: true, dataTransfer }));
    }, { source: `component-video-${video.id}` });
    const videoItem = page.locator('[data-item-id="video-1"]');
    await expect.poll(() => videoItem.getAttribute('aria-label'), WAIT).toBe('clip.mp4, 00:03 to 00:23');
    // The poll is added with its button (the keyboard way), at the scrubber's position 0:00.
    await page.getByRole('button', { name: 'Add Pace to the timeline' }).click();
    const pollItem = page.locator('[data-item-id="poll-1"]');
    await expect.poll(() => pollItem.getAttribute('aria-label'), WAIT).toBe('Pace, 00:00 to 01:00');

    // Typed start time.
    await pollItem.click();
    const start = page.getByTestId('timeline-inspector').getByLabel('Start (mm:ss)');
    await start.fill('00:05');
    await start.press('Enter');
    await expect.poll(() => pollItem.getAttribute('aria-label'), WAIT).toBe('Pace, 00:05 to 01:05');

    // Arrows move by a second; Shift+arrows lengthen, past the end of the 20 s file: the item says so.
    await videoItem.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => videoItem.getAttribute('aria-label'), WAIT).toBe('clip.mp4, 00:04 to 00:24');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => videoItem.getAttribute('aria-invalid'), WAIT).toBe('true');
    expect(await page.getByTestId('timeline-problems').textContent()).toMatch(/only 0:\d\d long/);
    expect(await page.getByRole('button', { name: 'Save timeline' }).isDisabled()).toBe(true);
    await page.keyboard.press('Control+z');
    await expect.poll(() => videoItem.getAttribute('aria-label'), WAIT).toBe('clip.mp4, 00:04 to 00:24');
    expect(await videoItem.getAttribute('aria-invalid')).toBeNull();

    // Delete removes the selected item.
    await page.getByRole('button', { name: 'Add Chat off to the timeline' }).click();
    const chatItem = page.locator('[data-item-id="chat-off-1"]');
    await chatItem.focus();
    await page.keyboard.press('Delete');
    await expect.poll(() => chatItem.count(), WAIT).toBe(0);

    // A second typed move, taken back with the Undo button.
    await pollItem.click();
    await start.fill('00:40');
    await start.press('Enter');
    await expect.poll(() => pollItem.getAttribute('aria-label'), WAIT).toBe('Pace, 00:40 to 01:40');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => pollItem.getAttribute('aria-label'), WAIT).toBe('Pace, 00:05 to 01:05');

    // The mouse moves an item (30 px: 5 s), and one Ctrl+Z takes the whole drag back.
    await pollItem.scrollIntoViewIfNeeded();
    const box = (await pollItem.boundingBox())!;
    await page.mouse.move(box.x + 10, box.y + box.height / 2);
    await page.mouse.down();
    for (const dx of [10, 20, 30]) await page.mouse.move(box.x + 10 + dx, box.y + box.height / 2);
    await page.mouse.up();
    await expect.poll(() => pollItem.getAttribute('aria-label'), WAIT).toBe('Pace, 00:10 to 01:10');
    await page.keyboard.press('Control+z');
    await expect.poll(() => pollItem.getAttribute('aria-label'), WAIT).toBe('Pace, 00:05 to 01:05');

    // The preview at 0:06 shows what the stage shows then: the video two seconds in, the poll open.
    await page.getByRole('slider').fill('6000');
    await expect.poll(() => page.getByTestId('preview-position').textContent(), WAIT).toBe('00:06');
    expect(await page.getByTestId('preview-stage').textContent()).toContain('clip.mp4 at 00:02');
    expect(await page.getByTestId('timeline-preview').textContent()).toContain('Poll open: Pace');

    await page.getByRole('button', { name: 'Save timeline' }).click();
    await page.getByText('Timeline saved.').waitFor(WAIT);

    await page.reload();
    await page.getByTestId('timeline-editor').waitFor(WAIT);
    expect(await page.locator('[data-item-id="video-1"]').getAttribute('aria-label')).toBe('clip.mp4, 00:04 to 00:24');
    expect(await page.locator('[data-item-id="poll-1"]').getAttribute('aria-label')).toBe('Pace, 00:05 to 01:05');
    const stored = (await (await page.request.get(`${server.url}/api/v1/events/${event.id}/timeline`)).json()) as { timeline: { main: { startMs: number; durationMs: number }[]; overlay: { kind: string; startMs: number }[] } };
    expect(stored.timeline.main).toMatchObject([{ startMs: 4_000, durationMs: video.durationMs }]);
    expect(stored.timeline.overlay).toMatchObject([{ kind: 'poll', startMs: 5_000 }]);
  }, 300_000);

  it('the waiting room of an automated webinar counts down to its start and says it is a recorded presentation', async () => {
    const server = rig.server;
    const organizer = await rig.newPage();
    await signUp(organizer, server.url, 'Olga Organizer', 'olga-countdown@example.com');
    const startsAt = new Date(Date.now() + 10 * 60_000 + 30_000);
    const event = (await (await organizer.request.post(`${server.url}/api/v1/events`, {
      data: { kind: 'automated', name: 'Evergreen countdown', startsAt: startsAt.toISOString(), timeZone: 'Europe/Warsaw' },
    })).json()) as { id: number };
    const attendee = await rig.newPage();
    await attendee.goto(`${server.url}/room/${event.id}`);
    await attendee.getByLabel('Your name').fill('Adam Attendee');
    await attendee.getByRole('button', { name: 'Join event' }).click();
    const countdown = attendee.getByTestId('start-countdown');
    await countdown.waitFor(WAIT);
    expect(await countdown.textContent()).toContain('Recorded presentation');
    const read = async () => /Starts in (\d+):(\d\d)/.exec((await countdown.textContent()) ?? '');
    const first = await read();
    expect(first).not.toBeNull();
    const secondsLeft = Number(first![1]) * 60 + Number(first![2]);
    expect(secondsLeft).toBeGreaterThan(9 * 60);
    expect(secondsLeft).toBeLessThanOrEqual(10 * 60 + 31);
    // It counts: a little later it shows less.
    await expect.poll(async () => { const m = await read(); return m ? Number(m[1]) * 60 + Number(m[2]) : Infinity; }, WAIT).toBeLessThan(secondsLeft);
  }, 120_000);
});
