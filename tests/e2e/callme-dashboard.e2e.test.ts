// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsultantOut, PackageOut } from '../../shared/callme-schemas.ts';
import { signUp, startBrowserHarness, WAIT, type BrowserHarness } from '../support/browser.ts';

/** The organizer's click-to-call pages in Chromium: a package with its snippet, a consultant, a button change, in English and Polish. */
let harness: BrowserHarness;

beforeAll(async () => {
  harness = await startBrowserHarness();
}, 120_000);

afterAll(async () => {
  await harness?.close();
}, 60_000);

describe('click-to-call dashboard pages', () => {
  it('an organizer creates a package and a consultant, changes the button, and reads the page in Polish', async () => {
    const page = await harness.newPage();
    await signUp(page, harness.server.url, 'Olga Organizer', 'olga@example.com');
    await page.goto(`${harness.server.url}/dashboard/callme`);
    await page.getByRole('heading', { name: 'Click-to-call and chat button' }).waitFor(WAIT);
    await page.getByText('No package yet.').waitFor(WAIT);

    await page.getByRole('button', { name: 'New package' }).click();
    await page.getByLabel('Name (for you only)').fill('x'.repeat(25));
    await page.getByLabel('Company name').fill('Sklep Olgi');
    await page.getByLabel('Company website').fill('not a url');
    await page.getByLabel('Websites allowed to embed the button (one per line)').fill('https://sklep.example.com/oferta');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Give a full address starting with http:// or https://.').waitFor(WAIT);
    await page.getByLabel('Company website').fill('https://sklep.example.com');
    await page.getByLabel('Colour').selectOption('violet');
    await page.getByRole('button', { name: 'Save' }).click();
    const card = page.getByTestId('admin-package');
    await card.waitFor(WAIT);
    const snippet = (await card.locator('code').textContent()) ?? '';
    expect(snippet).toMatch(/^<script async src="http:\/\/localhost:\d+\/w\/[\w-]+\.js"><\/script>$/);

    await card.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Colour').selectOption('orange');
    await page.getByLabel('Position').selectOption('top-left');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved. Websites show the new button at their next page load.').waitFor(WAIT);
    const packages = await page.evaluate(async () => (await (await fetch('/api/v1/callme/packages')).json()) as { packages: PackageOut[] });
    expect(packages.packages[0]).toMatchObject({ websites: ['https://sklep.example.com'], button: { colour: 'orange', corner: 'top-left' } });

    await page.getByRole('button', { name: 'Add a consultant' }).click();
    await page.getByLabel('First name').fill('Jan');
    await page.getByLabel('Last name').fill('Nowak');
    await page.getByLabel('E-mail', { exact: true }).fill('jan@example.com');
    await page.getByLabel('Password (at least 10 characters)').fill('short');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText('Password: at least 10 characters.').waitFor(WAIT);
    await page.getByLabel('Password (at least 10 characters)').fill('a long enough password');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const consultant = page.getByTestId('admin-consultant');
    await consultant.waitFor(WAIT);
    await consultant.getByLabel('E-mail me the chat history after each chat').check();
    await page.waitForFunction(async () => ((await (await fetch('/api/v1/callme/consultants')).json()) as { consultants: ConsultantOut[] }).consultants[0]?.emailChatHistory === true, undefined, WAIT);

    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'PL' }).first().click();
    await page.getByRole('heading', { name: 'Przycisk połączeń i czatu' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Dodaj konsultanta' }).waitFor(WAIT);
  });
});
