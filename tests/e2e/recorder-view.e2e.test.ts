// @vitest-environment node
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventOut } from '../../shared/event-schemas.ts';
import type { JoinOut } from '../../shared/join-schemas.ts';
import type { QuestionView } from '../../shared/room-messages.ts';
import type { EgressApi } from '../../server/recording/egress/egress-backend.ts';
import { createEvent, joinEvent, newOrganizer, type ApiClient } from '../support/api-client.ts';
import { startBrowserHarness, WAIT, type BrowserHarness } from '../support/browser.ts';
import { makePdf } from '../support/file-fixtures.ts';
import { uploadReady } from '../support/files-client.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';

/**
 * The recorder view (ROOM-13) films exactly what the stage shows: in Debian's Chromium,
 * the page a recording opens (here the URL the server hands LiveKit Egress, whose API is
 * a fake since Egress cannot run on this machine; the built-in recorder opens the same
 * page with the same kind of ticket in its fragment) shows the slide page the presenter
 * turned to, the question they published and the call to action they showed, from its
 * own read-only seat in the live room, which is in nobody's roster or count and may send
 * nothing. The page loads without a single refused request (it used to ask for a session
 * it cannot have: a 401).
 */

class FakeEgress implements EgressApi {
  readonly started: { roomName: string; filepath: string; customBaseUrl: string }[] = [];
  available = () => undefined;
  async startRoomComposite(roomName: string, filepath: string, customBaseUrl: string) {
    this.started.push({ roomName, filepath, customBaseUrl });
    return { egressId: `EG_view${this.started.length}` };
  }
  async stop() {}
  async list() {
    return [];
  }
}

const egress = new FakeEgress();
let harness: BrowserHarness;
let api: ApiClient;
let event: EventOut;
let host: RoomParticipant;
let attendee: RoomParticipant;

beforeAll(async () => {
  harness = await startBrowserHarness({ env: { RECORDER: 'egress' }, overrides: { egressApi: egress } });
  api = (await newOrganizer(harness.server.url)).api;
  event = await createEvent(api, { name: 'Recorded roadmap' });
}, 120_000);

afterAll(async () => {
  await attendee?.leave();
  await host?.leave();
  await harness?.close();
}, 60_000);

/** The recorder page shows page `n` of the deck, and its picture really loaded. */
async function showsPage(page: Page, n: number): Promise<void> {
  await page.locator(`[data-testid="recorder-stage"] [data-testid="stage-slides"][data-page="${n}"]`).waitFor(WAIT);
  await page.waitForFunction((expected) => {
    const img = document.querySelector<HTMLImageElement>('[data-testid="recorder-stage"] [data-testid="slide-image"]');
    return Boolean(img && img.complete && img.naturalWidth > 0 && img.src.endsWith(`/pages/${expected}`));
  }, n, WAIT);
}

describe('the recorder view shows what the stage shows', () => {
  it('slides at the current page, the published question and the call to action; the recorder is in no roster or count and sends nothing', async () => {
    const deck = await uploadReady(api, 'Roadmap.pdf', makePdf(3));
    host = await hostStarts(harness.server.url, await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {}));
    attendee = await RoomParticipant.enter(harness.server.url, await joinEvent(harness.server.url, event.id, { name: 'Adam Attendee' }));
    await eventually(() => host.room.state.attendeesOnline === 1, WAIT.timeout, 'one attendee online');

    // REC: the back-end is handed the recorder page, with the room's read-only recorder ticket in it.
    host.send('set-recording', { on: true, language: 'en' });
    const started = await eventually(() => egress.started[0], WAIT.timeout, 'the recorder page to be requested');
    expect(started.customBaseUrl).toMatch(new RegExp(`/record/${event.id}/[^/]+$`));

    const recorder = await harness.newPage({ viewport: { width: 1280, height: 720 } });
    const refused: string[] = [];
    recorder.on('response', (response) => {
      if (response.status() >= 400) refused.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
    });
    const consoleErrors: string[] = [];
    recorder.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await recorder.goto(started.customBaseUrl);
    await recorder.locator('[data-testid="recorder-view"][data-room="live"]').waitFor(WAIT);
    await recorder.getByTestId('recorder-stage').waitFor(WAIT);

    // The presenter opens the deck on the stage and turns to page 2.
    host.send('presentation-open', { fileId: deck.id });
    await showsPage(recorder, 1);
    host.send('presentation-page', { page: 2 });
    await showsPage(recorder, 2);
    // No presenter controls on the recording.
    expect(await recorder.getByTestId('slides-controls').count()).toBe(0);

    // An attendee's question, published by the presenter, is on the recording.
    host.send('set-qa-open', { open: true });
    await eventually(() => host.room.state.qaOpen, WAIT.timeout, 'Q&A to open');
    attendee.send('chat', { text: 'Will the roadmap include offline mode?', asQuestion: true });
    const question = await eventually(() => [...host.questions.values()].find((q: QuestionView) => q.text.includes('offline mode')), WAIT.timeout, 'the question');
    host.send('publish-question', { questionId: question.id });
    await recorder.locator('[data-testid="recorder-stage"] [data-testid="stage-question"]').filter({ hasText: 'Will the roadmap include offline mode?' }).waitFor(WAIT);

    // And the call to action, with its button.
    host.send('cta-show', { message: 'Book your seat for the beta', buttonLabel: 'Join the beta', url: 'https://example.com/beta' });
    await recorder.locator('[data-testid="recorder-stage"] [data-testid="cta-popup"]').filter({ hasText: 'Book your seat for the beta' }).waitFor(WAIT);
    expect(await recorder.locator('[data-testid="recorder-stage"] [data-testid="cta-button"]').textContent()).toContain('Join the beta');
    // The slide stays on the recording under the lane.
    await showsPage(recorder, 2);

    // The whiteboard, when the presenters show it: synced through the recorder's read-only ticket, never with tools.
    host.send('set-main-view', { view: 'whiteboard' });
    await recorder.locator('[data-testid="recorder-stage"] [data-testid="whiteboard"][data-synced="true"][data-can-write="false"]').waitFor(WAIT);
    expect(await recorder.locator('[data-testid="recorder-stage"] [data-testid="stage-slides"]').count()).toBe(0);
    host.send('set-main-view', { view: 'slides' });
    await showsPage(recorder, 2);

    // The recorder is nobody in the room: the roster and the counts are the people only.
    const roster = [...host.roster.values()];
    expect(roster.map((p) => `${p.role}:${p.name}`).sort()).toEqual(['attendee:Adam Attendee', 'host:Olga Organizer']);
    expect(host.room.state.attendeesOnline).toBe(1);
    expect(host.room.state.speakers.size).toBe(1);

    // It loaded without one refused request (no session check, no 401) and without errors.
    expect(refused).toEqual([]);
    expect(consoleErrors.filter((e) => !/favicon/i.test(e))).toEqual([]);
  }, 240_000);

  it('a recorder ticket is refused anything it sends, and refused at another event', async () => {
    const started = egress.started[0]!;
    const ticket = decodeURIComponent(started.customBaseUrl.split('/').at(-1)!);
    const watcher = await RoomParticipant.enterLive(harness.server.url, event.id, ticket);
    try {
      watcher.send('chat', { text: 'hello from the recorder' });
      const error = await watcher.nextError(0);
      expect(error.code).toBe('recorder-read-only');
      watcher.send('start-event', {});
      expect((await watcher.nextError(1)).code).toBe('recorder-read-only');
      // Still nobody: the roster did not grow and no chat line went out.
      expect(host.roster.size).toBe(2);
      expect(host.chat.some((line) => line.text.includes('hello from the recorder'))).toBe(false);
    } finally {
      await watcher.leave();
    }
    const other = await createEvent(api, { name: 'Another webinar' });
    await expect(RoomParticipant.enterLive(harness.server.url, other.id, ticket)).rejects.toThrow(/does not open this room/);
  }, 60_000);
});
