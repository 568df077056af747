// @vitest-environment node
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClock, formatMinute } from '../../shared/callme-hours.ts';
import type { PackageOut } from '../../shared/callme-schemas.ts';
import { newOrganizer, type ApiClient } from '../support/api-client.ts';
import { PACKAGE } from '../support/callme-client.ts';
import { startMediaTestServer } from '../support/media.ts';
import { CHROMIUM, MEDIA_CHROMIUM_ARGS, trackPeerConnections } from '../support/media-browser.ts';
import { eventually } from '../support/room-client.ts';

/**
 * A visitor's voice call end to end, with Chromium's fake microphone and the project's
 * own LiveKit: the consultant, on another page of the consultant app in another browser
 * context, gets the dialog in one tab only, answers, and audio flows both ways; Busy
 * during the call, Available after; a call turned into a meeting; and with every
 * consultant rejecting, the visitor orders a call, where a past date and an
 * out-of-hours time are refused, and the consultant sees it in the callback list.
 */

const WAIT = { timeout: 45_000 };
const ZONE = 'Europe/Warsaw';
let server: Awaited<ReturnType<typeof startMediaTestServer>>;
let browser: Browser;
let api: ApiClient;
let pkg: PackageOut;
const contexts: BrowserContext[] = [];
const password = 'consultant password';

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: ZONE, viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  await trackPeerConnections(context);
  return context;
}

async function newPage(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  await page.goto(`${server.url}${path}`);
  return page;
}

/** Energy of the audio this page has received so far (WebRTC inbound statistics): above zero once sound arrived. */
async function audioEnergy(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let energy = 0;
    for (const pc of (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s: Record<string, unknown>) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') energy += Number(s.totalAudioEnergy ?? 0);
      });
    }
    return energy;
  });
}

async function logIn(email: string, path = '/consultant'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext();
  const page = await newPage(context, path);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('radio', { name: 'Available' }).click();
  await eventually(async () => (await page.getByTestId('consultant-status').getAttribute('data-status')) === 'available' || undefined, 15_000, 'Available');
  return { context, page };
}

/** Hours around now (the call must be possible), the same every day, so a slot outside them exists tomorrow. */
function hoursAroundNow() {
  const now = localClock(new Date(), ZONE).minute;
  const open = Math.max(0, Math.floor(now / 30) * 30 - 120);
  const close = Math.min(1440, open + 300);
  const day = { kind: 'range', open, close };
  const outside = open >= 60 ? 0 : 1410;
  return { hours: { weekdays: day, saturday: day, sunday: day }, open, outside };
}

beforeAll(async () => {
  if (!existsSync(join(import.meta.dirname, '..', '..', 'dist', 'client', 'index.html'))) throw new Error('The browser client is not built: run `npm run build` first.');
  server = await startMediaTestServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: MEDIA_CHROMIUM_ARGS });
  ({ api } = await newOrganizer(server.url));
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.cleanup();
}, 60_000);

describe('click-to-call voice in Chromium with fake devices', () => {
  it('a visitor calls, the consultant answers on another page, audio flows both ways, Busy then Available; then a meeting; then order-a-call', async () => {
    const { hours, open, outside } = hoursAroundNow();
    pkg = await api.ok<PackageOut>('POST', '/callme/packages', { ...PACKAGE, timeZone: ZONE, hours });
    for (const [email, firstName] of [['ewa@example.com', 'Ewa'], ['filip@example.com', 'Filip']]) await api.ok('POST', '/callme/consultants', { email, firstName, lastName: 'Kowalska', password });

    // Ewa has two tabs: the chats page, and later the ordered-calls page (her newest tab).
    const ewa = await logIn('ewa@example.com');
    const ewaTab2 = await newPage(ewa.context, '/consultant/callbacks');
    await ewaTab2.getByRole('heading', { name: 'Ordered calls' }).waitFor(WAIT);

    const visitor = await newPage(await newContext(), `/call/${pkg.id}`);
    await visitor.getByRole('heading', { name: PACKAGE.companyName }).or(visitor.getByRole('heading', { name: 'Talk to us' })).first().waitFor(WAIT);
    await visitor.locator('.callme-person[data-status="available"]', { hasText: 'Ewa' }).waitFor(WAIT);
    await visitor.getByRole('button', { name: 'Start a voice call' }).click();
    await visitor.getByText('Calling a consultant…').waitFor(WAIT);

    const dialog = ewaTab2.getByRole('alertdialog', { name: 'Incoming call' });
    await dialog.waitFor(WAIT);
    // Only one tab rings.
    expect(await ewa.page.getByRole('alertdialog').count()).toBe(0);
    // Minimise and bring it back, then answer.
    await dialog.getByRole('button', { name: 'Minimise' }).click();
    await ewaTab2.getByRole('button', { name: 'Show the incoming call' }).click();
    await dialog.getByRole('button', { name: 'Answer' }).click();
    await ewaTab2.getByTestId('consultant-call').waitFor(WAIT);
    await visitor.getByText('In a call with Ewa').waitFor(WAIT);
    await eventually(async () => (await ewaTab2.getByTestId('consultant-status').getAttribute('data-status')) === 'busy' || undefined, 20_000, 'Busy during the call');
    await visitor.locator('.callme-person[data-status="busy"]', { hasText: 'Ewa' }).waitFor(WAIT);

    const consultantHears = await eventually(async () => (await audioEnergy(ewaTab2)) || undefined, 40_000, 'audio at the consultant');
    const visitorHears = await eventually(async () => (await audioEnergy(visitor)) || undefined, 40_000, 'audio at the visitor');
    expect(consultantHears).toBeGreaterThan(0);
    expect(visitorHears).toBeGreaterThan(0);

    await visitor.getByRole('button', { name: 'Hang up' }).click();
    await visitor.getByText('The call has ended.').waitFor(WAIT);
    await eventually(async () => (await ewaTab2.getByTestId('consultant-status').getAttribute('data-status')) === 'available' || undefined, 20_000, 'Available after the call');
    expect(await ewaTab2.getByTestId('consultant-call').count()).toBe(0);

    // The next call becomes a meeting in the platform's own meeting room.
    await visitor.getByRole('button', { name: 'Start a voice call' }).click();
    await ewaTab2.getByRole('alertdialog', { name: 'Incoming call' }).getByRole('button', { name: 'Answer' }).click();
    await ewaTab2.getByRole('button', { name: 'Turn into a meeting' }).click();
    const presenterLink = await ewaTab2.getByRole('link', { name: 'Open the meeting' }).getAttribute('href');
    const visitorLink = await visitor.getByRole('link', { name: 'Join the meeting' }).getAttribute('href');
    expect(presenterLink).toMatch(/\/room\/\d+#presenter=/);
    expect(new URL(visitorLink!).pathname).toBe(new URL(presenterLink!).pathname);
    // A colleague is invited with the meeting's room link (the platform's meeting room has video and screen sharing).
    expect(new URL(await ewaTab2.getByTestId('consultant-invite-url').inputValue()).pathname).toBe(new URL(presenterLink!).pathname);
    await eventually(async () => (await ewaTab2.getByTestId('consultant-status').getAttribute('data-status')) === 'available' || undefined, 20_000, 'Available after the meeting handover');

    // Both consultants reject: the visitor is offered "order a call".
    const filip = await logIn('filip@example.com', '/consultant/callbacks');
    await visitor.locator('.callme-person[data-status="available"]', { hasText: 'Filip' }).waitFor(WAIT);
    await visitor.getByRole('button', { name: 'Start a voice call' }).click();
    await ewaTab2.getByRole('alertdialog', { name: 'Incoming call' }).getByRole('button', { name: 'Reject' }).click();
    await filip.page.getByRole('alertdialog', { name: 'Incoming call' }).getByRole('button', { name: 'Reject' }).click();
    const form = visitor.getByRole('form', { name: 'Order a call' });
    await form.waitFor(WAIT);
    await visitor.getByText('Nobody could take your call.').waitFor(WAIT);

    await form.getByLabel('Phone').fill('+48 600 100 200');
    await form.getByLabel('E-mail').fill('visitor@example.com');
    const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('sv-SE', { timeZone: ZONE });
    const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('sv-SE', { timeZone: ZONE });
    await form.getByLabel('Date').fill(yesterday);
    await form.getByLabel('Time').fill(formatMinute(open));
    await form.getByRole('button', { name: 'Order the call' }).click();
    await form.getByText('The date is in the past.').waitFor(WAIT);
    await form.getByLabel('Date').fill(tomorrow);
    await form.getByLabel('Time').fill(formatMinute(outside));
    await form.getByRole('button', { name: 'Order the call' }).click();
    await form.getByText(/Choose a time within the working hours/).waitFor(WAIT);
    // The server refuses the same on its own.
    const direct = await fetch(`${server.url}/api/v1/callme/public/${pkg.id}/callbacks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: '+48 600 100 200', email: 'v@example.com', date: tomorrow, time: formatMinute(outside) }) });
    expect(direct.status).toBe(400);
    expect(((await direct.json()) as { code: string }).code).toBe('outside-hours');

    await form.getByLabel('Time').fill(formatMinute(open));
    await form.getByRole('button', { name: 'Order the call' }).click();
    await visitor.getByText(`Thank you: we will call you on ${tomorrow} at ${formatMinute(open)}.`).waitFor(WAIT);

    await filip.page.reload();
    await filip.page.getByTestId('callback-row').filter({ hasText: '+48 600 100 200' }).waitFor(WAIT);
  }, 300_000);
});
