// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinOut } from '../../shared/join-schemas.ts';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/server.ts';
import { createEvent, newOrganizer } from '../support/api-client.ts';
import { launchChromium } from '../support/chromium.ts';
import { hostStarts, type RoomParticipant } from '../support/room-client.ts';

/**
 * The whiteboard in Debian's Chromium against the real server: a presenter draws and
 * an attendee sees the stroke; the attendee cannot draw until the host turns
 * collaboration on, then draws, and the presenter sees it.
 */

const WAIT = { timeout: 30_000 };

let server: RunningServer;
let browser: Browser;
let dataDir: string;
let host: RoomParticipant | undefined;
const contexts: BrowserContext[] = [];

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  if (process.env.WHITEBOARD_SCREENSHOTS) page.on('console', (m) => console.log('[browser]', m.type(), m.text()));
  return page;
}

async function enter(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join event' }).click();
  await page.getByRole('button', { name: 'Whiteboard', exact: true }).click(WAIT);
  await page.locator('[data-testid="whiteboard"][data-synced="true"]').waitFor(WAIT);
}

/** Drags across the board from one point to another, in board fractions (0..1). */
async function drag(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  const box = (await page.locator('[data-testid="whiteboard-surface"] canvas.wb-overlay').boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + box.width * x, box.y + box.height * y] as const;
  await page.mouse.move(...at(from));
  await page.mouse.down();
  await page.mouse.move(...at([(from[0] + to[0]) / 2, from[1] + 0.05]), { steps: 8 });
  await page.mouse.move(...at(to), { steps: 8 });
  await page.mouse.up();
}

const shapes = (page: Page) => page.locator('[data-testid="whiteboard-surface"]');

beforeAll(async () => {
  browser = await launchChromium();
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-wb-'));
  // Without audio and video: the board is what this test is about (the media dialog would cover it).
  server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', LIVEKIT_LOCAL: 'false' }));
}, 120_000);

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
  await browser?.close();
  await host?.leave();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('the whiteboard in Chromium', () => {
  it('a presenter draws and an attendee sees it; with collaboration on, the attendee draws and the presenter sees it', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { name: 'Drawing class' });
    host = await hostStarts(server.url, await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {}));

    const presenter = await newPage();
    await enter(presenter, event.presenterUrl, 'Paula Presenter');
    const attendee = await newPage();
    await enter(attendee, event.roomUrl, 'Adam Attendee');

    // The attendee watches: no tools, a view-only hint.
    await presenter.locator('[data-testid="whiteboard"][data-can-write="true"]').waitFor(WAIT);
    await attendee.getByTestId('whiteboard-view-only').waitFor(WAIT);
    expect(await attendee.getByTestId('whiteboard-toolbar').count()).toBe(0);

    // The presenter draws a pen stroke; it reaches the attendee.
    await drag(presenter, [0.2, 0.3], [0.5, 0.5]);
    await shapes(presenter).and(presenter.locator('[data-shape-count="1"]')).waitFor(WAIT);
    await shapes(attendee).and(attendee.locator('[data-shape-count="1"]')).waitFor(WAIT);

    // The host lets attendees draw; the attendee's tools appear.
    host.send('set-collaboration', { enabled: true });
    await attendee.locator('[data-testid="whiteboard"][data-can-write="true"]').waitFor(WAIT);
    await attendee.getByRole('radio', { name: 'Rectangle (R)' }).click();
    await drag(attendee, [0.6, 0.2], [0.8, 0.6]);
    await shapes(attendee).and(attendee.locator('[data-shape-count="2"]')).waitFor(WAIT);
    await shapes(presenter).and(presenter.locator('[data-shape-count="2"]')).waitFor(WAIT);

    // A sticky note with text, and the presenter's undo removes only the presenter's own stroke.
    await presenter.getByRole('radio', { name: 'Sticky note (N)' }).click();
    const box = (await presenter.locator('[data-testid="whiteboard-surface"] canvas.wb-overlay').boundingBox())!;
    await presenter.mouse.click(box.x + box.width * 0.1, box.y + box.height * 0.6);
    await presenter.getByTestId('whiteboard-text-editor').fill('Remember the milk');
    await presenter.getByTestId('whiteboard-text-editor').press('Control+Enter');
    await shapes(attendee).and(attendee.locator('[data-shape-count="3"]')).waitFor(WAIT);
    await presenter.getByRole('button', { name: 'Undo (Ctrl+Z)' }).click();
    await presenter.getByRole('button', { name: 'Undo (Ctrl+Z)' }).click();
    await shapes(attendee).and(attendee.locator('[data-shape-count="1"]')).waitFor(WAIT);
    await presenter.getByRole('button', { name: 'Redo (Ctrl+Shift+Z)' }).click();
    await shapes(attendee).and(attendee.locator('[data-shape-count="2"]')).waitFor(WAIT);

    // Collaboration off: the tools go away at once.
    host.send('set-collaboration', { enabled: false });
    await attendee.getByTestId('whiteboard-view-only').waitFor(WAIT);
    // For a person to look at: WHITEBOARD_SCREENSHOTS=/some/folder keeps what both saw.
    if (process.env.WHITEBOARD_SCREENSHOTS) {
      await presenter.screenshot({ path: join(process.env.WHITEBOARD_SCREENSHOTS, 'presenter.png') });
      await attendee.screenshot({ path: join(process.env.WHITEBOARD_SCREENSHOTS, 'attendee.png') });
    }
  });
});
