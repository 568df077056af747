// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent } from '../support/api-client.ts';
import { apiOfBrowserSession } from '../support/browser-api.ts';
import { signUp, startBrowserHarness, WAIT, type BrowserHarness } from '../support/browser.ts';
import { makePdf } from '../support/file-fixtures.ts';

/**
 * Slides on the stage (ROOM-12) in Debian's Chromium against the real server: the
 * organizer uploads a PDF in the file library, enters the room as host, puts the deck
 * on the stage and turns to page 2 with the keyboard; an attendee already in the room
 * sees page 2, and so does one who joins afterwards. Each page is checked as a picture
 * that really loaded through the room's signed link.
 */

let harness: BrowserHarness;
let dir: string;

beforeAll(async () => {
  harness = await startBrowserHarness();
  dir = mkdtempSync(join(tmpdir(), 'e2e-slides-'));
}, 120_000);

afterAll(async () => {
  await harness?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** The stage shows `page` of the deck, and its picture has been drawn (it loaded). */
async function seesPage(page: Page, n: number): Promise<void> {
  await page.locator(`[data-testid="stage-slides"][data-page="${n}"]`).waitFor(WAIT);
  await page.waitForFunction((expected) => {
    const img = document.querySelector<HTMLImageElement>('[data-testid="slide-image"]');
    return Boolean(img && img.complete && img.naturalWidth > 0 && img.src.endsWith(`/pages/${expected}`));
  }, n, WAIT);
}

async function joinAsAttendee(page: Page, eventId: number, name: string): Promise<void> {
  await page.goto(`${harness.server.url}/room/${eventId}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join event' }).click();
  await page.getByTestId('room').and(page.locator('[data-status="live"]')).waitFor(WAIT);
}

describe('slides on the stage in Chromium', () => {
  it('a presenter uploads a PDF, opens it on the stage and goes to page 2; an attendee and a late joiner see page 2', async () => {
    const presenter = await harness.newPage({ viewport: { width: 1400, height: 900 } });
    await signUp(presenter, harness.server.url, 'Paula Presenter', 'paula@example.com');
    const api = await apiOfBrowserSession(presenter, harness.server.url);
    const event = await createEvent(api, { name: 'Roadmap review' });

    // The file library: upload with progress, then the converted deck is listed with its pages.
    await presenter.goto(`${harness.server.url}/dashboard/files`);
    await presenter.getByTestId('files-empty').waitFor(WAIT);
    const pdf = join(dir, 'Roadmap.pdf');
    writeFileSync(pdf, makePdf(3));
    await presenter.getByTestId('files-upload-input').setInputFiles(pdf);
    const row = presenter.getByTestId('file-row').filter({ hasText: 'Roadmap.pdf' });
    await row.and(presenter.locator('[data-status="ready"]')).waitFor({ timeout: 90_000 });
    expect(await row.textContent()).toContain('3 pages');

    // The host enters the room from the dashboard and starts the event; an attendee comes in.
    await presenter.goto(`${harness.server.url}/dashboard`);
    await presenter.getByTestId('event-card').filter({ hasText: 'Roadmap review' }).getByRole('button', { name: 'Enter room' }).click();
    await presenter.getByTestId('room').and(presenter.locator('[data-status="live"]')).waitFor(WAIT);
    await presenter.getByRole('button', { name: 'Start event' }).click();
    await presenter.getByTestId('staff-stage-bar').waitFor(WAIT);
    const attendee = await harness.newPage();
    await joinAsAttendee(attendee, event.id, 'Adam Attendee');

    // Open the deck on the stage from the room's picker.
    await presenter.getByTestId('slides-picker-button').click();
    await presenter.getByTestId('slides-picker-file').filter({ hasText: 'Roadmap.pdf' }).getByTestId('slides-picker-show').click();
    await seesPage(presenter, 1);
    await seesPage(attendee, 1);
    expect(await attendee.getByTestId('slides-controls').count()).toBe(0);

    // Page 2 with the keyboard (a clicker's PageDown), as presenters turn pages.
    await presenter.getByTestId('stage-slides').click();
    await presenter.keyboard.press('PageDown');
    await seesPage(presenter, 2);
    await seesPage(attendee, 2);
    expect(await attendee.getByTestId('slides-counter').textContent()).toBe('Page 2 of 3');
    // An attendee's keys do not turn anyone's pages.
    await attendee.keyboard.press('ArrowRight');
    await attendee.getByTestId('stage-slides').waitFor(WAIT);
    expect(await presenter.getByTestId('stage-slides').getAttribute('data-page')).toBe('2');

    // Someone who joins now sees page 2 straight away.
    const late = await harness.newPage();
    await joinAsAttendee(late, event.id, 'Lena Late');
    await seesPage(late, 2);
    expect(await late.locator('[data-testid="stage-slides"]').getAttribute('data-pages')).toBe('3');
  }, 240_000);
});
