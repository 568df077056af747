// @vitest-environment node
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ButtonSettings, PackageOut } from '../../shared/callme-schemas.ts';
import { newOrganizer, type ApiClient } from '../support/api-client.ts';
import { PACKAGE } from '../support/callme-client.ts';
import { startBrowserHarness, WAIT, type BrowserHarness } from '../support/browser.ts';
import { eventually } from '../support/room-client.ts';
import { shopPage, StaticSites, strictCsp } from '../support/callme-sites.ts';

/**
 * The embed across three loopback origins: our server on 127.0.0.1:P1, a third-party
 * shop on localhost:P2 that sends a strict CSP (no 'unsafe-inline') and hostile CSS,
 * and a stranger on 127.0.0.2:P3 that forges postMessages and tries to frame the
 * conversation. Screenshots of each setting go to test-results/callme/.
 */

const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'callme');
let harness: BrowserHarness;
let api: ApiClient;
let pkg: PackageOut;
const sites = new StaticSites();
let shop = '';
let stranger = '';

const snippet = () => `<script async src="${harness.server.url}/w/${pkg.id}.js"></script>`;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  harness = await startBrowserHarness();
  ({ api } = await newOrganizer(harness.server.url));
  stranger = await sites.start('127.0.0.2', () => ({
    '/evil.html': ['text/html', '<!doctype html><title>stranger</title><p>stranger</p>'],
    '/embed.html': ['text/html', `<!doctype html><title>stranger shop</title><p>not listed</p>${snippet()}`],
    '/frame.html': ['text/html', `<!doctype html><title>framer</title><iframe id="f" src="${harness.server.url}/w/${pkg.id}/frame?host=${encodeURIComponent(stranger)}"></iframe>`],
  }));
  shop = await sites.start('127.0.0.1', () => ({
    '/': ['text/html', shopPage(harness.server.url, pkg.id, `<iframe id="stranger" src="${stranger}/evil.html" width="200" height="60"></iframe>`)],
    // Hostile page styles: none of them may reach the button inside its shadow root.
    '/shop.css': ['text/css', '* { font-family: serif !important; color: red; } button { background: red !important; height: 10px !important; border-radius: 0 !important; } span { display: none !important; } iframe { border: 5px solid red; }'],
  }), () => strictCsp(harness.server.url, stranger));
  pkg = await api.ok<PackageOut>('POST', '/callme/packages', { ...PACKAGE, websites: [shop] });
}, 120_000);

afterAll(async () => {
  sites.close();
  await harness?.close();
}, 60_000);

async function openShop(): Promise<{ page: Page; console: string[] }> {
  const page = await harness.newPage();
  const console: string[] = [];
  page.on('console', (m) => console.push(m.text()));
  await page.goto(`${shop}/`);
  await page.locator('[data-callme] .btn').waitFor(WAIT);
  return { page, console };
}

const COLOURS = { green: 'rgb(21, 128, 61)', blue: 'rgb(29, 78, 216)', violet: 'rgb(109, 40, 217)', orange: 'rgb(194, 65, 12)' };
const HEIGHTS = { small: 40, medium: 52, large: 64 };

describe('the click-to-call button on a third-party page with a strict CSP', () => {
  it('renders as set in every corner, size, colour and mode, and a reload after a change shows the new button', async () => {
    const combos: Pick<ButtonSettings, 'corner' | 'size' | 'colour' | 'mode'>[] = [
      { corner: 'bottom-right', size: 'small', colour: 'green', mode: 'chat-voice' },
      { corner: 'bottom-left', size: 'medium', colour: 'blue', mode: 'voice' },
      { corner: 'top-right', size: 'large', colour: 'violet', mode: 'chat' },
      { corner: 'top-left', size: 'medium', colour: 'orange', mode: 'chat-voice' },
    ];
    const { page, console } = await openShop();
    for (const combo of combos) {
      await api.ok('PATCH', `/callme/packages/${pkg.id}`, { button: { ...pkg.button, ...combo, label: `Talk ${combo.colour}` } });
      await page.reload();
      const button = page.locator('[data-callme] .btn');
      await button.waitFor(WAIT);
      await page.locator('[data-callme] .label', { hasText: `Talk ${combo.colour}` }).waitFor(WAIT);
      const box = (await button.boundingBox())!;
      const style = await button.evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, font: getComputedStyle(el).fontFamily, radius: getComputedStyle(el).borderTopLeftRadius }));
      expect(style.bg).toBe(COLOURS[combo.colour]);
      expect(style.font).not.toMatch(/^serif/);
      expect(parseFloat(style.radius)).toBeGreaterThan(20);
      expect(Math.round(box.height)).toBe(HEIGHTS[combo.size]);
      const [vertical, horizontal] = combo.corner.split('-') as ['top' | 'bottom', 'left' | 'right'];
      expect(vertical === 'top' ? box.y : 800 - (box.y + box.height)).toBeCloseTo(20, 0);
      expect(horizontal === 'left' ? box.x : 1280 - (box.x + box.width)).toBeCloseTo(20, 0);
      expect(await page.locator(`[data-callme] .icon.${combo.mode}`).count()).toBe(1);
      await button.screenshot({ path: join(SHOTS, `button-${combo.corner}-${combo.size}-${combo.colour}-${combo.mode}.png`) });
    }
    await page.screenshot({ path: join(SHOTS, 'shop-page.png') });
    // Stuck to both edges, the button touches the corner; with the label after a click, it shows only then.
    await api.ok('PATCH', `/callme/packages/${pkg.id}`, { button: { ...pkg.button, corner: 'bottom-right', stick: 'both', labelVisibility: 'after-click' } });
    await page.reload();
    const button = page.locator('[data-callme] .btn');
    await button.waitFor(WAIT);
    const stuck = (await button.boundingBox())!;
    expect(Math.round(1280 - (stuck.x + stuck.width))).toBe(0);
    expect(Math.round(800 - (stuck.y + stuck.height))).toBe(0);
    expect(await page.locator('[data-callme] .label').isVisible()).toBe(false);
    await button.screenshot({ path: join(SHOTS, 'button-stuck-no-label.png') });
    expect(console.filter((m) => /Content Security Policy|Refused/.test(m))).toEqual([]);
  });

  it('shows the label after N seconds or after a click, and leaves the edge when it shows', async () => {
    type Snap = { at: number; right: number; bottom: number; labelled: boolean; labelShown: boolean };
    const page = await harness.newPage();
    // Watches the button from the moment the loader attaches it (the shadow root is open), on every load of the page.
    await page.addInitScript(() => {
      const seen: { attached?: Snap; labelled?: Snap } = {};
      (window as unknown as { __callme: typeof seen }).__callme = seen;
      new MutationObserver((_, watching) => {
        const root = document.querySelector('[data-callme]')?.shadowRoot;
        const wrap = root?.querySelector('.w');
        const button = root?.querySelector('.btn');
        if (!root || !wrap || !button) return;
        watching.disconnect();
        const snap = (): Snap => {
          const r = button.getBoundingClientRect();
          const label = root.querySelector('.label')!;
          return { at: performance.now(), right: innerWidth - r.right, bottom: innerHeight - r.bottom, labelled: wrap.classList.contains('labelled'), labelShown: getComputedStyle(label).display !== 'none' };
        };
        seen.attached = snap();
        new MutationObserver(() => { if (!seen.labelled && wrap.classList.contains('labelled')) seen.labelled = snap(); }).observe(wrap, { attributes: true, attributeFilter: ['class'] });
      }).observe(document, { childList: true, subtree: true });
    });
    const seen = (key: 'attached' | 'labelled') => eventually(() => page.evaluate((k) => (window as unknown as { __callme: Record<string, Snap | undefined> }).__callme[k], key), 20_000, `the button ${key}`);

    // After 2 seconds: stuck to both edges without the label, then the label shows and the button leaves the edges.
    await api.ok('PATCH', `/callme/packages/${pkg.id}`, { button: { ...pkg.button, corner: 'bottom-right', stick: 'both', labelVisibility: 'after-seconds', labelAfterSeconds: 2, unstickWithLabel: true } });
    await page.goto(`${shop}/`);
    const attached = await seen('attached');
    expect(attached).toMatchObject({ labelled: false, labelShown: false });
    expect(Math.round(attached.right)).toBe(0);
    expect(Math.round(attached.bottom)).toBe(0);
    const labelled = await seen('labelled');
    expect(labelled.at - attached.at).toBeGreaterThanOrEqual(1900);
    expect(labelled.labelShown).toBe(true);
    expect(Math.round(labelled.right)).toBe(20);
    expect(Math.round(labelled.bottom)).toBe(20);
    await page.locator('[data-callme] .btn').screenshot({ path: join(SHOTS, 'button-label-after-seconds-unstuck.png') });

    // After a click: no label until the visitor clicks; then it shows, unstuck.
    await api.ok('PATCH', `/callme/packages/${pkg.id}`, { button: { ...pkg.button, corner: 'bottom-right', stick: 'both', labelVisibility: 'after-click', unstickWithLabel: true } });
    await page.reload();
    const before = await seen('attached');
    expect(before).toMatchObject({ labelled: false, labelShown: false });
    expect(Math.round(before.right)).toBe(0);
    await page.locator('[data-callme] .btn').click();
    const after = await seen('labelled');
    expect(after.labelShown).toBe(true);
    // (The click also opens the conversation below the button, so only the side edge is measured.)
    expect(Math.round(after.right)).toBe(20);
    await page.locator('[data-callme] .label').waitFor(WAIT);

    // Without "leave the edge", the label shows and the button stays stuck.
    await api.ok('PATCH', `/callme/packages/${pkg.id}`, { button: { ...pkg.button, corner: 'bottom-right', stick: 'both', labelVisibility: 'after-click', unstickWithLabel: false } });
    await page.reload();
    await seen('attached');
    await page.locator('[data-callme] .btn').click();
    const stays = await seen('labelled');
    expect(stays.labelShown).toBe(true);
    expect(Math.round(stays.right)).toBe(0);
    await page.close();
  });

  it('opens the conversation in a frame on our origin; forged messages from a third origin or the page change nothing', async () => {
    await api.ok('PATCH', `/callme/packages/${pkg.id}`, { button: { ...pkg.button, labelVisibility: 'always' } });
    const { page } = await openShop();
    await page.locator('[data-callme] .btn').click();
    const widget = await eventually(() => page.frames().find((f) => f.url().startsWith(`${harness.server.url}/w/${pkg.id}/frame`)), 15_000, 'the widget frame');
    await widget.getByTestId('callme-frame').waitFor(WAIT);
    await widget.getByRole('button', { name: 'Start a chat' }).waitFor(WAIT);
    const host = page.locator('[data-callme]');
    expect(await host.getAttribute('data-state')).toBe('open');

    const evil = page.frames().find((f) => f.url().startsWith(stranger)) as Frame;
    await evil.evaluate(() => {
      // To the shop page, where the loader listens. (The widget frame sits in a shadow root, out of `window.frames`.)
      for (const type of ['callme:close', 'callme:minimise']) window.parent.postMessage({ type }, '*');
      window.parent.postMessage({ type: 'callme:unread', count: 5 }, '*');
    });
    await page.evaluate(() => {
      // The page itself is the wrong window for the loader; to the frame it sends a message that does not parse.
      window.postMessage({ type: 'callme:close' }, '*');
      const frame = document.querySelector('[data-callme]')!.shadowRoot!.querySelector('iframe')!;
      frame.contentWindow!.postMessage({ type: 'callme:state', state: 'closed', html: '<img src=x onerror=alert(1)>' }, '*');
    });
    await eventually(async () => Number(await host.getAttribute('data-rejected')) >= 4 || undefined, 15_000, 'the loader to drop the forged messages');
    expect(await page.locator('[data-callme] .badge').textContent()).toBe('');
    await eventually(async () => Number(await widget.locator('body').getAttribute('data-rejected')) >= 1 || undefined, 15_000, 'the frame to drop the forged message');
    expect(await host.getAttribute('data-state')).toBe('open');
    expect(await widget.getByTestId('callme-frame').getAttribute('data-minimised')).toBe('false');
    await widget.getByRole('button', { name: 'Start a chat' }).waitFor(WAIT);

    // The real frame's own minimise does work: it posts to the shop's origin only.
    await widget.getByRole('button', { name: 'Minimise' }).click();
    await eventually(async () => (await host.getAttribute('data-state')) === 'minimised' || undefined, 15_000, 'the minimised widget');
  });

  it('a site not in the package’s list gets no button, and cannot frame the conversation (frame-ancestors)', async () => {
    const page = await harness.newPage();
    const console: string[] = [];
    page.on('console', (m) => console.push(m.text()));
    await page.goto(`${stranger}/embed.html`);
    await eventually(() => console.find((m) => m.includes('is not one of this package')), 15_000, 'the loader’s refusal');
    expect(await page.locator('[data-callme]').count()).toBe(0);

    await page.goto(`${stranger}/frame.html`);
    await eventually(() => console.find((m) => /frame-ancestors/.test(m)), 15_000, 'Chromium’s frame-ancestors refusal');
    const framed = page.frames().find((f) => f !== page.mainFrame());
    expect(await framed?.locator('[data-testid="callme-frame"]').count().catch(() => 0)).toBe(0);
    const answer = await fetch(`${harness.server.url}/w/${pkg.id}/frame`);
    expect(answer.headers.get('content-security-policy')).toBe(`frame-ancestors 'self' ${shop}`);
  });
});
