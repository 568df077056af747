// @vitest-environment node
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startBrowserHarness, WAIT, type BrowserHarness } from '../support/browser.ts';

/**
 * The live room in Chromium against the real server, with three people in three
 * browser contexts: the organizer as host and two attendees. The attendees wait in
 * the waiting room until the host starts; a poll is run, both answer and both see the
 * results; an attendee's question is published to both main windows; and a call to
 * action pops up, an attendee clicks it and the host sees the click counted.
 */

let harness: BrowserHarness;

beforeAll(async () => {
  harness = await startBrowserHarness();
}, 120_000);

afterAll(async () => {
  await harness?.close();
}, 60_000);

async function joinAsAttendee(page: Page, roomUrl: string, name: string): Promise<void> {
  await page.goto(roomUrl);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join event' }).click();
}

describe('live room in Chromium', () => {
  it('a host runs a poll, publishes a question and shows a call to action to two attendees', async () => {
    const url = harness.server.url;
    const host = await harness.newPage();
    await signUp(host, url, 'Hanna Host', 'hanna@example.com');
    const created = await host.request.post(`${url}/api/v1/events`, {
      data: {
        name: 'Quarterly update', startsAt: '2031-03-04T15:00:00+01:00', timeZone: 'Europe/Warsaw',
        agenda: '1. Numbers\n2. Questions', waitingMessage: 'Grab a coffee, we start soon.',
      },
    });
    expect(created.status()).toBe(201);
    const event = (await created.json()) as { id: number; roomUrl: string };

    // Both attendees wait in the waiting room, which shows the organizer's texts and the time in their own zone.
    const ada = await harness.newPage();
    const ben = await harness.newPage({ viewport: { width: 390, height: 844 } });
    await joinAsAttendee(ada, event.roomUrl, 'Ada Attendee');
    await joinAsAttendee(ben, event.roomUrl, 'Ben Attendee');
    for (const attendee of [ada, ben]) {
      const lobby = attendee.getByTestId('waiting-room');
      await lobby.waitFor(WAIT);
      await lobby.getByText('Grab a coffee, we start soon.').waitFor(WAIT);
      await lobby.getByText('2. Questions').waitFor(WAIT);
      // The event's zone, named (issue 10); the browser is in the same zone, so no "your time".
      expect(await lobby.getByTestId('event-time').textContent()).toContain('Warsaw');
    }

    // The host enters from the dashboard link and starts the event; the attendees are let in.
    await host.goto(`${url}/room/${event.id}?as=host`);
    await host.getByTestId('start-event').click();
    await ada.getByTestId('stage').waitFor(WAIT);
    await ben.getByTestId('stage').waitFor(WAIT);
    expect(await ada.getByTestId('waiting-room').count()).toBe(0);

    // A poll, written during the event and started.
    await host.getByRole('tab', { name: /Polls/ }).click();
    await host.getByTestId('new-poll').click();
    await host.getByLabel('Name', { exact: true }).fill('Next topic');
    await host.getByLabel('Question', { exact: true }).fill('What should we cover next?');
    await host.getByLabel('Choice 1', { exact: true }).fill('Pricing');
    await host.getByLabel('Choice 2', { exact: true }).fill('Roadmap');
    await host.getByTestId('poll-editor-submit').click();
    const hostPoll = host.getByTestId('staff-poll').filter({ hasText: 'Next topic' });
    await hostPoll.getByTestId('poll-start').click();
    await hostPoll.getByText('Running').waitFor(WAIT);

    // Both attendees answer it in their main window.
    await ada.getByTestId('stage-poll').getByRole('radio', { name: 'Pricing' }).check();
    await ada.getByTestId('poll-submit').click();
    await ben.getByTestId('stage-poll').getByRole('radio', { name: 'Roadmap' }).check();
    await ben.getByTestId('poll-submit').click();
    await ada.getByTestId('poll-answered').waitFor(WAIT);
    await ben.getByTestId('poll-answered').waitFor(WAIT);

    // The host sees both answers live, ends the poll and shows the results; both attendees see them.
    await hostPoll.getByText('2 answers').waitFor(WAIT);
    await hostPoll.getByTestId('poll-end').click();
    // Ended, it leaves the stage; its results are in the attendees' Poll tab.
    for (const attendee of [ada, ben]) await attendee.getByTestId('stage-lane').getByTestId('stage-poll').waitFor({ state: 'detached', ...WAIT });
    await hostPoll.getByTestId('poll-show-results').click();
    for (const attendee of [ada, ben]) {
      await attendee.getByRole('tab', { name: /Poll/ }).click();
      const results = attendee.getByTestId('panel-poll').getByTestId('poll-results');
      await results.waitFor(WAIT);
      await results.getByTestId('result-bar').filter({ hasText: 'Pricing' }).filter({ hasText: '1 · 50%' }).waitFor(WAIT);
      await results.getByTestId('result-bar').filter({ hasText: 'Roadmap' }).filter({ hasText: '1 · 50%' }).waitFor(WAIT);
    }
    await hostPoll.getByTestId('poll-hide-results').click();
    await ada.getByTestId('panel-poll').waitFor({ state: 'detached', ...WAIT });

    // Q&A: the host opens it, Ada asks, the host publishes her question to everyone's main window.
    await host.getByRole('tab', { name: /Q&A/ }).click();
    await host.getByTestId('qa-switch').check();
    await ada.getByRole('tab', { name: /Q&A/ }).click();
    await ada.getByTestId('ask-input').fill('Will prices change next year?');
    await ada.getByTestId('ask-submit').click();
    const question = host.getByTestId('question').filter({ hasText: 'Will prices change next year?' });
    await question.getByTestId('publish-question').click();
    for (const attendee of [ada, ben]) {
      const onStage = attendee.getByTestId('stage-question');
      await onStage.filter({ hasText: 'Will prices change next year?' }).waitFor(WAIT);
      expect(await onStage.textContent()).toContain('Ada Attendee');
    }

    // A call to action: shown to the attendees, Ada clicks it (a new tab opens), the host sees the click.
    await host.getByRole('tab', { name: /CTA/ }).click();
    await host.getByLabel('Text of the pop-up').fill('Book a demo this week');
    await host.getByLabel('Button label').fill('Book now');
    await host.getByLabel('Link the button opens').fill(`${url}/offer`);
    await host.getByTestId('cta-show').click();
    await ben.getByTestId('cta-popup').filter({ hasText: 'Book a demo this week' }).waitFor(WAIT);
    const button = ada.getByTestId('cta-popup').getByTestId('cta-button');
    await button.waitFor(WAIT);
    expect(await button.getAttribute('target')).toBe('_blank');
    expect(await button.getAttribute('rel')).toBe('noopener noreferrer');
    const [tab] = await Promise.all([ada.context().waitForEvent('page', WAIT), button.click()]);
    await tab.close();
    await host.getByTestId('cta-panel-clicks').filter({ hasText: /^[1-9]\d* clicks?$/ }).waitFor(WAIT);
    await host.getByTestId('cta-clicks').filter({ hasText: /^[1-9]\d* clicks?$/ }).waitFor(WAIT);
  });
});
