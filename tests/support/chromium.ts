import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium as the end-to-end tests and browser benchmarks launch it
 * (Playwright cannot download its own browser here), and the built client it loads.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const DIST_INDEX = join(import.meta.dirname, '..', '..', 'dist', 'client', 'index.html');

export function canRunChromium(): boolean {
  return existsSync(CHROMIUM) && existsSync(DIST_INDEX);
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(DIST_INDEX)) throw new Error('The browser client is not built: run `npm run build` first.');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
