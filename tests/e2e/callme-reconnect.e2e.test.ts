// @vitest-environment node
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageOut } from '../../shared/callme-schemas.ts';
import { newOrganizer } from '../support/api-client.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/browser.ts';
import { PACKAGE } from '../support/callme-client.ts';
import { shopPage, StaticSites, strictCsp } from '../support/callme-sites.ts';
import { eventually } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

/**
 * The visitor's widget on a third-party shop and the consultant app across a server
 * restart, in Chromium: both say "Reconnecting…" while the server is away and get back
 * in by themselves; the visitor still has their place, the consultant still sees who
 * waits, and the chat goes on. Nobody reloads a page.
 */

const WAIT = { timeout: 45_000 };
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
const sites = new StaticSites();
const contexts: BrowserContext[] = [];

async function newPage(url: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Warsaw', viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  await page.goto(url);
  return page;
}

beforeAll(async () => {
  if (!existsSync(join(import.meta.dirname, '..', '..', 'dist', 'client', 'index.html'))) throw new Error('The browser client is not built: run `npm run build` first.');
  server = await startTestServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  sites.close();
  await server?.cleanup();
}, 60_000);

describe('click-to-call across a server restart in Chromium', () => {
  it('the widget and the consultant app show "Reconnecting…", come back by themselves, and keep the place and the chat', async () => {
    const { api } = await newOrganizer(server.url);
    // The shop page is served before the package exists (the package lists the shop's origin).
    const made: { pkg?: PackageOut } = {};
    const shop = await sites.start('127.0.0.1', () => ({ '/': ['text/html', shopPage(server.url, made.pkg!.id)], '/shop.css': ['text/css', 'body { font-family: serif; }'] }), () => strictCsp(server.url));
    const pkg = await api.ok<PackageOut>('POST', '/callme/packages', { ...PACKAGE, websites: [shop] });
    made.pkg = pkg;
    await api.ok('POST', '/callme/consultants', { email: 'hania@example.com', firstName: 'Hania', lastName: 'Zając', password: 'consultant password' });

    const consultant = await newPage(`${server.url}/consultant`);
    await consultant.getByLabel('E-mail').fill('hania@example.com');
    await consultant.getByLabel('Password').fill('consultant password');
    await consultant.getByRole('button', { name: 'Log in' }).click();
    await consultant.getByRole('radio', { name: 'Available' }).click();
    const queue = consultant.getByTestId('consultant-queue');
    await queue.waitFor(WAIT);

    const visitors: Frame[] = [];
    for (let i = 0; i < 2; i++) {
      const page = await newPage(`${shop}/`);
      await page.locator('[data-callme] .btn').click();
      const frame = await eventually(() => page.frames().find((f) => f.url().includes(`/w/${pkg.id}/frame`)), 15_000, 'the widget frame');
      await frame.getByRole('button', { name: 'Start a chat' }).click();
      await frame.getByText(`You are number ${i + 1} in the queue`).waitFor(WAIT);
      visitors.push(frame);
    }
    const [first, second] = visitors as [Frame, Frame];
    await queue.getByText('2 visitors waiting').waitFor(WAIT);
    await queue.getByRole('button', { name: 'Start chat' }).click();
    await first.getByText('You are talking to Hania').waitFor(WAIT);
    await first.getByLabel('Message').fill('Do you have it in blue?');
    await first.getByRole('button', { name: 'Send' }).click();
    const window = consultant.getByTestId('consultant-chat');
    await window.getByText('Do you have it in blue?').waitFor(WAIT);
    await second.getByText('You are number 1 in the queue').waitFor(WAIT);

    // The server goes away: everyone is told, and what they saw stays on screen.
    const { dataDir, port } = server;
    await server.stop();
    await consultant.getByTestId('consultant-reconnecting').getByText('Connection lost. Reconnecting…').waitFor(WAIT);
    await first.getByTestId('callme-reconnecting').waitFor(WAIT);
    await second.getByTestId('callme-reconnecting').waitFor(WAIT);
    await first.getByText('Do you have it in blue?').waitFor(WAIT);
    // A line typed meanwhile cannot be sent yet, and is not lost: it waits in the box.
    await first.getByLabel('Message').fill('Are you still there?');
    await first.getByRole('button', { name: 'Send' }).and(first.locator(':disabled')).waitFor(WAIT);
    await window.getByLabel('Reply').fill('One moment, please.');
    await window.getByRole('button', { name: 'Send' }).and(consultant.locator(':disabled')).waitFor(WAIT);

    server = await startTestServer({ dataDir, env: { PORT: String(port) } });
    await consultant.getByTestId('consultant-reconnecting').waitFor({ state: 'detached', timeout: 90_000 });
    await first.getByTestId('callme-reconnecting').waitFor({ state: 'detached', timeout: 90_000 });
    await second.getByTestId('callme-reconnecting').waitFor({ state: 'detached', timeout: 90_000 });
    await second.getByText('You are number 1 in the queue').waitFor(WAIT);
    await queue.getByText('1 visitor waiting').waitFor(WAIT);
    await window.getByText('Do you have it in blue?').waitFor(WAIT);
    expect(await first.getByLabel('Message').inputValue()).toBe('Are you still there?');
    await first.getByRole('button', { name: 'Send' }).click();
    await window.getByText('Are you still there?').waitFor(WAIT);
    expect(await window.getByLabel('Reply').inputValue()).toBe('One moment, please.');
    await window.getByRole('button', { name: 'Send' }).click();
    await first.getByText('One moment, please.').waitFor(WAIT);

    // The chat goes on in both directions.
    await window.getByLabel('Reply').fill('Yes, in three sizes.');
    await window.getByRole('button', { name: 'Send' }).click();
    await first.getByText('Yes, in three sizes.').waitFor(WAIT);
    await first.getByLabel('Message').fill('Great, thanks!');
    await first.getByRole('button', { name: 'Send' }).click();
    await window.getByText('Great, thanks!').waitFor(WAIT);
  }, 300_000);
});
