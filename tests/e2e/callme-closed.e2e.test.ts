// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageOut } from '../../shared/callme-schemas.ts';
import { newOrganizer, type ApiClient } from '../support/api-client.ts';
import { startBrowserHarness, WAIT, type BrowserHarness } from '../support/browser.ts';
import { PACKAGE } from '../support/callme-client.ts';

/**
 * The working hours end while a visitor has the call page open: the server refuses the
 * chat (it checks the hours at each call and chat, in the package's zone), and the page
 * turns to "order a call" saying it is outside the hours.
 */
let harness: BrowserHarness;
let api: ApiClient;

beforeAll(async () => {
  harness = await startBrowserHarness();
  ({ api } = await newOrganizer(harness.server.url));
}, 120_000);

afterAll(async () => {
  await harness?.close();
}, 60_000);

describe('the call page when the working hours end', () => {
  it('a chat started after closing time is refused and the visitor is offered "order a call"', async () => {
    const pkg = await api.ok<PackageOut>('POST', '/callme/packages', PACKAGE);
    const page = await harness.newPage();
    await page.goto(`${harness.server.url}/call/${pkg.id}`);
    await page.getByRole('button', { name: 'Start a chat' }).waitFor(WAIT);

    await api.ok('PATCH', `/callme/packages/${pkg.id}`, { hours: { weekdays: { kind: 'closed' }, saturday: { kind: 'closed' }, sunday: { kind: 'closed' } } });
    await page.getByRole('button', { name: 'Start a chat' }).click();
    const form = page.getByRole('form', { name: 'Order a call' });
    await form.waitFor(WAIT);
    await form.getByText('We are outside working hours. Order a call and we will call you back.').waitFor(WAIT);
    expect(await page.getByTestId('callme-chat').count()).toBe(0);
  });
});
