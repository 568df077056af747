import type { PollOut } from '../../shared/poll-schemas.ts';
import { createEvent, type ApiClient } from './api-client.ts';
import { makeVideo } from './file-fixtures.ts';
import { uploadReady } from './files-client.ts';

/**
 * An on-demand event the way an organizer sets one up through REST: a 6 s video (or longer), a
 * CTA and a poll on the timeline, a contact group, and the given settings.
 */
export async function onDemandEvent(api: ApiClient, settings: { leadGate?: boolean; nameRequired?: boolean; allowPause?: boolean; allowSeek?: boolean; group?: string; videoSeconds?: number; chatOffAtMs?: number } = {}) {
  const seconds = settings.videoSeconds ?? 6;
  const event = await createEvent(api, { kind: 'on_demand', name: 'Evergreen demo' });
  const video = await uploadReady(api, 'demo.mp4', makeVideo(seconds));
  const poll = await api.ok<PollOut>('POST', `/events/${event.id}/polls`, { title: 'Useful?', questions: [{ text: 'Was it useful?', type: 'single', choices: [{ text: 'Yes' }, { text: 'No' }] }] });
  const group = await api.ok<{ id: string }>('POST', '/contact-groups', { name: settings.group ?? `Leads ${event.id}` });
  await api.ok('PUT', `/events/${event.id}/timeline`, {
    version: 1,
    main: [{ id: 'demo', kind: 'video', startMs: 0, durationMs: seconds * 1000 - 500, assetId: video.id }],
    overlay: [
      { id: 'offer', kind: 'cta', startMs: 1_000, durationMs: null, message: 'Get the e-book', buttonLabel: 'Get it', url: 'https://example.com/book' },
      { id: 'vote', kind: 'poll', startMs: 2_000, durationMs: 3_000, pollId: poll.id, showResultsAtMs: 1_000 },
      { id: 'quiet', kind: 'chat', startMs: settings.chatOffAtMs ?? 4_000, enabled: false },
    ],
  });
  await api.ok('PUT', `/events/${event.id}/ondemand/settings`, {
    leadGate: settings.leadGate ?? true, nameRequired: settings.nameRequired ?? false, contactGroupId: group.id,
    allowPause: settings.allowPause ?? true, allowSeek: settings.allowSeek ?? true,
  });
  return { event, video, poll, group };
}
