import type { Page } from 'playwright-core';
import { ApiClient } from './api-client.ts';

/** A REST client for the account the browser page is signed in to (an API key made with its session). */
export async function apiOfBrowserSession(page: Page, baseUrl: string): Promise<ApiClient> {
  const key = await page.evaluate(async () => (await (await fetch('/api/v1/api-keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'e2e' }) })).json()) as { key: string });
  return new ApiClient(baseUrl, key.key);
}
