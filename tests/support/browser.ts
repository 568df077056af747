import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/server.ts';

/** Debian's Chromium, headless, with nothing that would reach the network by itself. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** The test machine is a slow, busy 2-core box: waits are generous, never fixed sleeps. */
export const WAIT = { timeout: 30_000 };
const DIST_INDEX = join(import.meta.dirname, '..', '..', 'dist', 'client', 'index.html');

/** A real server on a free port with the built client, and Chromium to drive it; `close()` ends both. */
export interface BrowserRig {
  server: RunningServer;
  browser: Browser;
  newPage(options?: { locale?: string; clipboard?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

export async function startBrowserRig(prefix: string): Promise<BrowserRig> {
  if (!existsSync(DIST_INDEX)) throw new Error('The browser client is not built: run `npm run build` first.');
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({ locale: options.locale ?? 'en-US', timezoneId: 'Europe/Warsaw', viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      // Lets a test read back what a "Copy" button put on the clipboard.
      if (options.clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT.timeout);
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
