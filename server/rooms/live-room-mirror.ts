import { CallToAction, LiveRoomState, MediaPublisher, MediaState, Speaker, StageQuestion } from '../../shared/live-room-state.ts';
import type { MediaView } from './media-desk.ts';
import { isStaff } from '../../shared/room-policy.ts';
import type { EventRow } from '../domain/events-service.ts';
import { activeCta } from './rules/cta-rules.ts';
import { publicPoll, tally } from './rules/poll-rules.ts';
import type { RoomModel } from './rules/room-model.ts';
import type { RoomCensus } from './room-census.ts';
import { mirrorPresentation } from './presentation-desk.ts';

/**
 * Copies the public part of the room model into the synchronised Colyseus state.
 * Colyseus sends only what changed, so calling this after every change is cheap.
 */
export function createState(event: EventRow, translationAvailable: boolean): LiveRoomState {
  return new LiveRoomState({
    eventName: event.name,
    eventKind: event.kind,
    startsAt: event.startsAt.toISOString(),
    translationAvailable,
    poll: '',
    pollResults: '',
    media: new MediaState(),
  });
}

/** The media part of the state (MediaDesk keeps it; LiveKit's webhooks feed it). */
export function mirrorMedia(state: LiveRoomState, view: MediaView): void {
  const media = state.media;
  media.available = view.available;
  media.maxCameras = view.maxCameras;
  media.camerasOn = view.camerasOn;
  media.hdVideo = view.hdVideo;
  media.screenSharer = view.screenSharer;
  media.connected = view.connected;
  for (const id of [...media.publishers.keys()]) if (!view.publishers.has(id)) media.publishers.delete(id);
  for (const [id, sources] of view.publishers) {
    const flags = { camera: sources.has('camera'), microphone: sources.has('microphone'), screen: sources.has('screen_share') };
    const existing = media.publishers.get(id);
    if (existing) Object.assign(existing, flags);
    else media.publishers.set(id, new MediaPublisher({ id, ...flags }));
  }
}

/**
 * Runs before every patch that follows a change, so it only looks at the few: the
 * census gives the counts and the staff, never a walk over every participant.
 */
export function mirror(state: LiveRoomState, model: RoomModel, now: Date, census: RoomCensus, countDue = true): void {
  state.status = model.status;
  state.mode = model.mode;
  state.mainView = model.mainView;
  state.chatEnabled = model.chatEnabled;
  state.qaOpen = model.qaOpen;
  state.collaboration = model.collaboration;
  // The counter may wait (see the room's COUNT_EVERY_MS): in a join storm every change would be a patch to everyone.
  if (countDue) state.attendeesOnline = census.onlineAttendees;
  for (const id of [...state.speakers.keys()]) {
    const p = model.participants.get(id);
    if (!p || !isStaff(p.role) || p.excluded) state.speakers.delete(id);
  }
  for (const id of census.staff) {
    const p = model.participants.get(id);
    if (!p || !isStaff(p.role) || p.excluded) continue;
    const online = p.connections > 0;
    const existing = state.speakers.get(p.id);
    if (!existing) state.speakers.set(p.id, new Speaker({ id: p.id, name: p.name, role: p.role, online }));
    else Object.assign(existing, { name: p.name, role: p.role, online });
  }
  state.handsRaised = census.handsRaised();

  const question = model.qaOpen && model.publishedQuestionId ? model.questions.get(model.publishedQuestionId) : undefined;
  if (!question) state.stageQuestion = undefined;
  else if (state.stageQuestion?.id !== question.id || state.stageQuestion.text !== question.text) {
    state.stageQuestion = new StageQuestion({ id: question.id, authorName: question.authorName, text: question.text });
  }

  const cta = activeCta(model, now);
  if (!cta) state.cta = undefined;
  else if (state.cta?.id !== cta.id) {
    state.cta = new CallToAction({ id: cta.id, message: cta.message, buttonLabel: cta.buttonLabel, url: cta.url, endsAt: cta.endsAt?.getTime() ?? 0 });
  }

  const poll = model.stagePollId ? model.polls.get(model.stagePollId) : undefined;
  const pollJson = poll ? JSON.stringify(publicPoll(poll)) : '';
  if (state.poll !== pollJson) state.poll = pollJson;
  const resultsJson = poll?.resultsVisible ? JSON.stringify(tally(poll, poll.status === 'ended')) : '';
  if (state.pollResults !== resultsJson) state.pollResults = resultsJson;
  mirrorPresentation(state, model.presentation);
}
