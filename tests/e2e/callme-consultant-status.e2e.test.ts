// @vitest-environment node
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsultantOut, PackageOut } from '../../shared/callme-schemas.ts';
import { newOrganizer, type ApiClient } from '../support/api-client.ts';
import { startBrowserHarness, WAIT, type BrowserHarness } from '../support/browser.ts';
import { PACKAGE } from '../support/callme-client.ts';
import { eventually } from '../support/room-client.ts';

/**
 * The consultant's Available/Busy switch in Chromium: it flips at the click (Playwright's
 * check() fails when a click does not change a switch), also when the click comes before
 * the package room is joined (the choice is sent as the room opens), and for a consultant
 * who may not receive calls (not in the room's presence list, so no presence confirms it).
 */
let harness: BrowserHarness;
let api: ApiClient;

beforeAll(async () => {
  harness = await startBrowserHarness();
  ({ api } = await newOrganizer(harness.server.url));
  await api.ok<PackageOut>('POST', '/callme/packages', PACKAGE);
  await api.ok('POST', '/callme/consultants', { email: 'iga@example.com', firstName: 'Iga', lastName: 'Lis', password: 'consultant password' });
  await api.ok('POST', '/callme/consultants', { email: 'jan@example.com', firstName: 'Jan', lastName: 'Kot', password: 'consultant password', mayReceiveCalls: false });
}, 120_000);

afterAll(async () => {
  await harness?.close();
}, 60_000);

const serverStatus = async (email: string) => (await api.ok<{ consultants: ConsultantOut[] }>('GET', '/callme/consultants')).consultants.find((c) => c.email === email)?.status;

async function logIn(page: Page, email: string): Promise<void> {
  await page.goto(`${harness.server.url}/consultant`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('consultant password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('consultant-status').waitFor(WAIT);
}

describe('the consultant’s status switch', () => {
  it('flips at the click before the room is joined, and the server gets it once the room opens', async () => {
    const page = await harness.newPage();
    // Hold the package room's matchmaking: the app is on screen, its room not joined yet.
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    let asked = false;
    await page.route('**/matchmake/joinOrCreate/**', async (route) => {
      asked = true;
      await held;
      await route.continue();
    });
    await logIn(page, 'iga@example.com');
    await eventually(() => asked || undefined, 15_000, 'the room join to be asked');
    expect(await page.getByTestId('consultant-status').getAttribute('data-status')).toBe('busy');
    await page.getByRole('radio', { name: 'Available' }).check();
    expect(await page.getByTestId('consultant-status').getAttribute('data-status')).toBe('available');
    expect(await serverStatus('iga@example.com')).toBe('busy');

    release();
    await eventually(async () => (await serverStatus('iga@example.com')) === 'available' || undefined, 20_000, 'the server to hold Available');
    await page.getByTestId('consultant-queue').waitFor(WAIT);
    expect(await page.getByRole('radio', { name: 'Available' }).getAttribute('aria-checked')).toBe('true');

    await page.getByRole('radio', { name: 'Busy' }).check();
    await eventually(async () => (await serverStatus('iga@example.com')) === 'busy' || undefined, 20_000, 'the server to hold Busy');
    expect(await page.getByTestId('consultant-status').getAttribute('data-status')).toBe('busy');
  });

  it('works for a consultant who may not receive calls', async () => {
    const page = await harness.newPage();
    await logIn(page, 'jan@example.com');
    await page.getByTestId('consultant-queue').waitFor(WAIT);
    await page.getByRole('radio', { name: 'Available' }).check();
    await eventually(async () => (await serverStatus('jan@example.com')) === 'available' || undefined, 20_000, 'the server to hold Available');
    await page.reload();
    await page.getByRole('radio', { name: 'Available', checked: true }).waitFor(WAIT);
    await page.getByRole('radio', { name: 'Busy' }).check();
    await eventually(async () => (await serverStatus('jan@example.com')) === 'busy' || undefined, 20_000, 'the server to hold Busy');
  });
});
