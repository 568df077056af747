import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAIT, signUp, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/** Issue 10: the past-events Timeline reads times like the rest of the dashboard (the browser is in Europe/Warsaw). */
let rig: BrowserHarness;
beforeAll(async () => {
  rig = await startBrowserHarness();
}, 120_000);
afterAll(async () => {
  await rig?.close();
}, 60_000);

describe('the Timeline of past events', () => {
  it('shows each past event in its own zone, named, with the viewer’s time beside it', async () => {
    const page = await rig.newPage();
    await signUp(page, rig.server.url, 'Tina Timeline', `tina${Date.now()}@example.com`);
    // 22:50 in New York on 1 June 2025 (long past) is 04:50 the next day in Warsaw.
    const created = await page.request.post(`${rig.server.url}/api/v1/events`, { data: { name: 'Past evening in New York', startsAt: '2025-06-01T22:50:00-04:00', timeZone: 'America/New_York' } });
    expect(created.status()).toBe(201);
    await page.goto(`${rig.server.url}/dashboard/timeline`);
    const when = page.getByTestId('timeline-entry').filter({ hasText: 'Past evening in New York' }).getByTestId('event-time');
    await when.waitFor(WAIT);
    expect(await when.textContent()).toBe('Sun, 1 Jun 2025, 22:50 New York · Mon 2 Jun, 04:50 your time');
  }, 120_000);
});
