/**
 * The organizer's newer pages for `npm run screenshots`, each on a laptop (1366×768)
 * and a phone (390×844): the dashboard, the file library, slides on the stage, the
 * timeline editor, the on-demand viewer with its lead gate, its statistics, the plan
 * page and the click-to-call page. Everything is made through the REST API of the
 * signed-in organizer, as a script would.
 */
import type { Browser, Page } from 'playwright-core';
import { makePdf, makeVideo } from '../tests/support/file-fixtures.ts';
import { uploadReadyInBrowser } from '../tests/support/files-client.ts';

export interface Shooter {
  page(browser: Browser, viewport: { width: number; height: number }): Promise<Page>;
  shot(p: Page, name: string): Promise<void>;
  LAPTOP: { width: number; height: number };
  PHONE: { width: number; height: number };
}

const WAIT = { timeout: 120_000 };

async function api<T>(p: Page, url: string, method: string, path: string, data?: unknown): Promise<T> {
  const response = await p.request.fetch(`${url}/api/v1${path}`, { method, data: data as object | undefined });
  if (response.status() >= 300) throw new Error(`${method} ${path} → ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Both sizes of one page: `<name>.png` on the laptop, `<name>-phone.png` on the phone. */
async function bothSizes(s: Shooter, pages: { laptop: Page; phone: Page }, path: string, name: string, ready: (p: Page) => Promise<unknown>): Promise<void> {
  for (const [p, suffix] of [[pages.laptop, ''], [pages.phone, '-phone']] as const) {
    await p.goto(path);
    await ready(p);
    await s.shot(p, `${name}${suffix}`);
  }
}

export async function shootOrganizerPages(s: Shooter, browser: Browser, url: string, signedIn: Page): Promise<void> {
  // A phone page that shares the organizer's session.
  const phone = await s.page(browser, s.PHONE);
  await phone.context().addCookies(await signedIn.context().cookies());
  const laptop = signedIn;
  const pages = { laptop, phone };

  const deck = await uploadReadyInBrowser(laptop, url, 'Launch deck.pdf', makePdf(6));
  const film = await uploadReadyInBrowser(laptop, url, 'Product tour.mp4', makeVideo(20));
  await bothSizes(s, pages, `${url}/dashboard`, 'dashboard', (p) => p.getByRole('heading').first().waitFor(WAIT));
  await bothSizes(s, pages, `${url}/dashboard/files`, 'files', (p) => p.getByText('Launch deck.pdf').first().waitFor(WAIT));

  // Slides on the stage: a live webinar with the deck open on page 2.
  const live = await api<{ id: number; roomUrl: string }>(laptop, url, 'POST', '/events', { name: 'Slides demo', startsAt: new Date(Date.now() + 60_000).toISOString(), timeZone: 'Europe/Warsaw' });
  await laptop.goto(`${url}/room/${live.id}?as=host`);
  await laptop.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await laptop.getByTestId('start-event').click();
  await api(laptop, url, 'PUT', `/events/${live.id}/stage/presentation`, { fileId: deck.id, page: 2 });
  await laptop.waitForFunction(() => document.querySelector<HTMLImageElement>('[data-testid="stage-slides"][data-page="2"] img')?.complete === true, undefined, WAIT);
  await s.shot(laptop, 'slides-on-stage');

  // An automated webinar's timeline in the editor.
  const automated = await api<{ id: number }>(laptop, url, 'POST', '/events', { name: 'Evergreen product tour', kind: 'automated', startsAt: new Date(Date.now() + 86_400_000).toISOString(), timeZone: 'Europe/Warsaw' });
  await api(laptop, url, 'PUT', `/events/${automated.id}/timeline`, {
    version: 1,
    main: [{ id: 'tour', kind: 'video', startMs: 0, durationMs: 19_000, assetId: film.id }],
    overlay: [
      { id: 'offer', kind: 'cta', startMs: 6_000, durationMs: 8_000, message: 'Book a demo', buttonLabel: 'Book', url: 'https://example.com/demo' },
      { id: 'quiet', kind: 'chat', startMs: 15_000, enabled: false },
    ],
  });
  await bothSizes(s, pages, `${url}/dashboard/events/${automated.id}/timeline`, 'timeline-editor', (p) => p.getByTestId('timeline-lanes').waitFor(WAIT));

  // An on-demand event with a lead gate: the viewer's gate, then the organizer's statistics.
  const onDemand = await api<{ id: number }>(laptop, url, 'POST', '/events', { name: 'Product tour on demand', kind: 'on_demand', startsAt: new Date().toISOString(), timeZone: 'Europe/Warsaw' });
  const group = await api<{ id: string }>(laptop, url, 'POST', '/contact-groups', { name: 'Tour leads' });
  await api(laptop, url, 'PUT', `/events/${onDemand.id}/timeline`, { version: 1, main: [{ id: 'tour', kind: 'video', startMs: 0, durationMs: 19_000, assetId: film.id }], overlay: [] });
  await api(laptop, url, 'PUT', `/events/${onDemand.id}/ondemand/settings`, { leadGate: true, nameRequired: true, contactGroupId: group.id, allowPause: true, allowSeek: false });
  const viewer = await s.page(browser, s.LAPTOP);
  const viewerPhone = await s.page(browser, s.PHONE);
  await bothSizes(s, { laptop: viewer, phone: viewerPhone }, `${url}/watch/${onDemand.id}`, 'ondemand-gate', (p) => p.getByLabel(/e-mail/i).first().waitFor(WAIT));
  // One viewer passes the gate and watches 8 s, so the statistics have a curve.
  await viewer.getByLabel('E-mail').fill('vera@example.com');
  await viewer.getByLabel('Your name').fill('Vera Viewer');
  await viewer.getByLabel(/I agree that the organizer/).check();
  await viewer.getByRole('button', { name: 'Watch now' }).click();
  await viewer.getByTestId('od-start').click();
  await viewer.waitForFunction(() => (document.querySelector<HTMLVideoElement>('[data-testid="od-video"]')?.currentTime ?? 0) > 8, undefined, WAIT);
  await s.shot(viewer, 'ondemand-watch');
  await viewer.goto('about:blank');
  await bothSizes(s, pages, `${url}/dashboard/events/${onDemand.id}/on-demand/stats`, 'ondemand-stats', (p) => p.locator('[data-testid="chart-dropoff"] canvas').waitFor(WAIT));

  await bothSizes(s, pages, `${url}/dashboard/billing`, 'billing', (p) => p.getByRole('heading').first().waitFor(WAIT));

  // The click-to-call page of a package, as a visitor opens it.
  const pkg = await api<{ callPageUrl: string }>(laptop, url, 'POST', '/callme/packages', { name: 'Sales', companyName: 'Example Ltd', companyUrl: 'https://example.com' });
  const visitor = await s.page(browser, s.LAPTOP);
  const visitorPhone = await s.page(browser, s.PHONE);
  await bothSizes(s, { laptop: visitor, phone: visitorPhone }, pkg.callPageUrl, 'call-page', (p) => p.getByRole('heading').first().waitFor(WAIT));
}
