import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { RunningServer, ServerOverrides } from '../../server/server.ts';
import { startTestServer } from './test-server.ts';

/**
 * What the end-to-end tests share: the real server on a free port with its own data
 * folder, Debian's Chromium (never a downloaded browser), one browser context per
 * person, and the sign-up every organizer goes through.
 */

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** The test machine is a slow, busy 2-core box: waits are generous, never fixed sleeps. */
export const WAIT = { timeout: 30_000 };
const DIST_INDEX = join(import.meta.dirname, '..', '..', 'dist', 'client', 'index.html');

export interface BrowserHarness {
  server: RunningServer;
  browser: Browser;
  /** A fresh browser context (its own cookies and storage: another person) and a page in it. */
  newPage(options?: { locale?: string; viewport?: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}

export async function startBrowserHarness(options: { env?: Record<string, string>; args?: string[]; overrides?: ServerOverrides } = {}): Promise<BrowserHarness> {
  if (!existsSync(DIST_INDEX)) throw new Error('The browser client is not built: run `npm run build` first.');
  const server = await startTestServer({ ...(options.env ? { env: options.env } : {}), ...(options.overrides ? { overrides: options.overrides } : {}) });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...(options.args ?? [])] });
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({ locale: options.locale ?? 'en-US', timezoneId: 'Europe/Warsaw', viewport: options.viewport ?? { width: 1280, height: 800 } });
      contexts.push(context);
      // Lets a test read back what a "Copy" button put on the clipboard.
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT.timeout);
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.cleanup();
    },
  };
}

/** Signs an organizer up through the start page; ends on the dashboard. */
export async function signUp(page: Page, serverUrl: string, name: string, email: string): Promise<void> {
  await page.goto(`${serverUrl}/`);
  await page.getByRole('link', { name: 'Start a free trial' }).click();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/dashboard', WAIT);
}
