// @vitest-environment node
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageOut } from '../../shared/callme-schemas.ts';
import { newOrganizer, type ApiClient } from '../support/api-client.ts';
import { PACKAGE } from '../support/callme-client.ts';
import { shopPage, StaticSites, strictCsp } from '../support/callme-sites.ts';
import { startMediaTestServer } from '../support/media.ts';
import { CHROMIUM, MEDIA_CHROMIUM_ARGS } from '../support/media-browser.ts';
import { waitForMail } from '../support/outbox.ts';
import { eventually } from '../support/room-client.ts';

/**
 * Two visitors chat through the widget on a third-party shop (its own origin and a
 * strict CSP): the consultant sees 2 waiting, each visitor their place; "Start chat"
 * takes the first; the visitor minimises and restores without reconnecting; "Ask for a
 * call" becomes a voice call; the chat history e-mail lands in the outbox; and when
 * the visitor comes back, the consultant sees the earlier chat.
 */

const WAIT = { timeout: 45_000 };
let server: Awaited<ReturnType<typeof startMediaTestServer>>;
let browser: Browser;
let api: ApiClient;
let pkg: PackageOut;
let shop = '';
let gosiaId = '';
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

/** Opens the widget on the shop page and returns its frame. */
async function openWidget(page: Page): Promise<Frame> {
  await page.locator('[data-callme] .btn').click();
  const frame = await eventually(() => page.frames().find((f) => f.url().includes(`/w/${pkg.id}/frame`)), 15_000, 'the widget frame');
  await frame.getByTestId('callme-frame').waitFor(WAIT);
  return frame;
}

beforeAll(async () => {
  if (!existsSync(join(import.meta.dirname, '..', '..', 'dist', 'client', 'index.html'))) throw new Error('The browser client is not built: run `npm run build` first.');
  server = await startMediaTestServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: MEDIA_CHROMIUM_ARGS });
  ({ api } = await newOrganizer(server.url));
  shop = await sites.start('127.0.0.1', () => ({ '/': ['text/html', shopPage(server.url, pkg.id)], '/shop.css': ['text/css', 'body { font-family: serif; }'] }), () => strictCsp(server.url));
  pkg = await api.ok<PackageOut>('POST', '/callme/packages', { ...PACKAGE, websites: [shop] });
  const gosia = await api.ok<{ id: string }>('POST', '/callme/consultants', { email: 'gosia@example.com', firstName: 'Gosia', lastName: 'Wiśniewska', password: 'consultant password', emailChatHistory: true });
  const photo = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#aa3355' } }).png().toBuffer();
  const uploaded = await fetch(`${server.url}/api/v1/callme/consultants/${gosia.id}/photo`, { method: 'PUT', headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'image/png' }, body: new Uint8Array(photo) });
  expect(uploaded.status).toBe(200);
  gosiaId = gosia.id;
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  sites.close();
  await server?.cleanup();
}, 60_000);

describe('click-to-call chat queue in Chromium', () => {
  it('two visitors chat; place, Start chat, minimise without reconnecting, Ask for a call, history e-mail, earlier chats', async () => {
    const consultant = await newPage(`${server.url}/consultant`);
    await consultant.getByLabel('E-mail').fill('gosia@example.com');
    await consultant.getByLabel('Password').fill('consultant password');
    await consultant.getByRole('button', { name: 'Log in' }).click();
    await consultant.getByRole('radio', { name: 'Available' }).click();
    const queue = consultant.getByTestId('consultant-queue');
    await queue.waitFor(WAIT);

    const first = await newPage(`${shop}/`);
    const sockets: string[] = [];
    first.on('websocket', (ws) => sockets.push(ws.url()));
    const one = await openWidget(first);
    await one.getByRole('button', { name: 'Start a chat' }).click();
    await one.getByText('You are number 1 in the queue').waitFor(WAIT);
    const second = await newPage(`${shop}/`);
    const two = await openWidget(second);
    await two.getByRole('button', { name: 'Start a chat' }).click();
    await two.getByText('You are number 2 in the queue').waitFor(WAIT);
    await one.getByText(/Estimated wait: about \d+ min/).waitFor(WAIT);
    await queue.getByText('2 visitors waiting').waitFor(WAIT);

    // "Start chat" takes the first visitor; the second moves up.
    await queue.getByRole('button', { name: 'Start chat' }).click();
    const window = consultant.getByTestId('consultant-chat');
    await window.waitFor(WAIT);
    await one.getByText('You are talking to Gosia').waitFor(WAIT);
    // The visitor's window header shows the connected consultant's photo and name.
    const header = one.locator('.callme-frame-header');
    await header.locator('.callme-frame-title', { hasText: 'Gosia' }).waitFor(WAIT);
    const avatar = header.locator('img.callme-avatar');
    expect(await avatar.getAttribute('src')).toBe(`/api/v1/callme/public/consultants/${gosiaId}/photo`);
    await eventually(async () => (await avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)) === 150 || undefined, 15_000, 'the consultant photo (150 px) in the header');
    await two.getByText('You are number 1 in the queue').waitFor(WAIT);
    await queue.getByText('1 visitor waiting').waitFor(WAIT);
    expect(await window.getByTestId('visitor-address').textContent()).toMatch(/127\.0\.0\.1/);
    expect(await window.getByTestId('visitor-os').textContent()).toMatch(/Linux/);
    expect(await window.getByTestId('visitor-browser').textContent()).toMatch(/Chrom/);
    expect(await window.getByTestId('earlier-chat').count()).toBe(0);

    await one.getByLabel('Message').fill('Hello, do you ship to Gdańsk?');
    await one.getByRole('button', { name: 'Send' }).click();
    await window.getByText('Hello, do you ship to Gdańsk?').waitFor(WAIT);

    // Minimise: the frame stays, its socket stays open; a reply shows as unread, and restoring shows it.
    const connectsBefore = await one.getByTestId('callme-frame').getAttribute('data-connects');
    const socketsBefore = sockets.length;
    expect(sockets.some((url) => url.startsWith(server.url.replace(/^http/, 'ws')))).toBe(true);
    await one.getByRole('button', { name: 'Minimise' }).click();
    await eventually(async () => (await first.locator('[data-callme]').getAttribute('data-state')) === 'minimised' || undefined, 15_000, 'the minimised bar');
    await window.getByLabel('Reply').fill('Yes, in two days.');
    await window.getByRole('button', { name: 'Send' }).click();
    await window.getByText('Yes, in two days.').waitFor(WAIT);
    await one.getByTestId('callme-unread').getByText('1').waitFor(WAIT);
    await eventually(async () => (await first.locator('[data-callme] .badge').textContent()) === '1' || undefined, 15_000, 'the unread badge on the button');
    await one.getByRole('button', { name: 'Restore' }).click();
    await one.getByText('Yes, in two days.').waitFor(WAIT);
    await one.getByText('Hello, do you ship to Gdańsk?').waitFor(WAIT);
    expect(await one.getByTestId('callme-frame').getAttribute('data-connects')).toBe(connectsBefore);
    expect(sockets.length).toBe(socketsBefore);

    // "Ask for a call": the visitor's click starts a voice call that rings this consultant.
    await window.getByRole('button', { name: 'Ask for a call' }).click();
    await one.getByText('Gosia proposes a voice call.').waitFor(WAIT);
    await one.getByRole('button', { name: 'Start the call' }).click();
    await consultant.getByRole('alertdialog', { name: 'Incoming call' }).getByRole('button', { name: 'Answer' }).click();
    await one.locator('[data-testid="callme-call"][data-call-state="connected"]').waitFor(WAIT);
    await one.locator('[data-testid="callme-call"][data-voice="connected"]').waitFor(WAIT);
    await consultant.locator('[data-testid="consultant-call"][data-voice="connected"]').waitFor(WAIT);
    await consultant.getByRole('button', { name: 'Hang up' }).click();
    await one.getByTestId('callme-chat').waitFor(WAIT);

    // Closing the chat e-mails its history to the consultant (the outbox, without a mail provider).
    await window.getByRole('button', { name: 'Close the chat' }).click();
    await one.getByText('The chat has ended. Thank you!').waitFor(WAIT);
    const [mail] = await waitForMail(api, (m) => m.to === 'gosia@example.com' && m.kind === 'callme-chat-history', 1, 'the chat history e-mail');
    expect(mail!.text).toContain('Visitor: Hello, do you ship to Gdańsk?');
    expect(mail!.text).toContain('You: Yes, in two days.');

    // The second visitor is next; then the first comes back another day (same browser) and is known.
    await queue.getByRole('button', { name: 'Start chat' }).click();
    await two.getByText('You are talking to Gosia').waitFor(WAIT);
    await consultant.getByTestId('consultant-chat').getByRole('button', { name: 'Close the chat' }).click();
    await two.getByText('The chat has ended. Thank you!').waitFor(WAIT);

    await first.reload();
    const again = await openWidget(first);
    await again.getByRole('button', { name: 'Start a chat' }).click();
    await again.getByText('You are number 1 in the queue').waitFor(WAIT);
    await queue.getByRole('button', { name: 'Start chat' }).click();
    const earlier = consultant.getByTestId('consultant-chat').getByTestId('earlier-chat');
    await earlier.getByText('Hello, do you ship to Gdańsk?').waitFor(WAIT);
  }, 300_000);
});
