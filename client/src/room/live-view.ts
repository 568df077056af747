import type { LiveRoomState } from '../../../shared/live-room-state.ts';
import type { PollResults, PublicPoll } from '../../../shared/poll-schemas.ts';
import type { MainView, RoomMode, RoomStatus } from '../../../shared/room-policy.ts';

/** A speaker (host or presenter) as everyone sees them in the synchronised state. */
export interface SpeakerView {
  id: string;
  name: string;
  role: string;
  online: boolean;
}

export interface StageQuestionView {
  id: string;
  authorName: string;
  text: string;
}

export interface CtaView {
  id: string;
  message: string;
  buttonLabel: string;
  url: string;
  /** Epoch ms when it closes by itself; 0 while it stays until a presenter closes it. */
  endsAt: number;
}

/** ROOM-12: the presentation on the stage (see StagePresentation in shared/live-room-state.ts). */
export interface PresentationView {
  fileId: string;
  title: string;
  page: number;
  pageCount: number;
  inkPage: string;
  linkBase: string;
}

/** The public part of the live room, copied out of the schema so React sees new values. */
export interface LiveView {
  status: RoomStatus;
  /** ROOM-13: '' | 'recording' | 'paused' (the REC light). */
  recording: string;
  mode: RoomMode;
  /** What the presenters show in the main window. */
  mainView: MainView;
  /** Someone shares a screen now (the room's word, from LiveKit). */
  screenShared: boolean;
  chatEnabled: boolean;
  qaOpen: boolean;
  collaboration: boolean;
  translationAvailable: boolean;
  attendeesOnline: number;
  handsRaised: number;
  speakers: SpeakerView[];
  stageQuestion: StageQuestionView | undefined;
  cta: CtaView | undefined;
  /** The poll in the main window (running, or ended with its results shown). */
  poll: PublicPoll | undefined;
  /** Its results while the presenters show them to everyone. */
  pollResults: PollResults | undefined;
  presentation: PresentationView | undefined;
}

function parseJson<T>(json: string): T | undefined {
  if (!json) return undefined;
  try {
    return JSON.parse(json) as T;
  } catch {
    return undefined;
  }
}

/**
 * Copies the synchronised state into plain objects. The poll and its results travel as
 * JSON strings; they are parsed again only when the string changed, so an attendee's
 * half-filled poll form is not re-rendered with a new object on every unrelated change.
 */
export function toLiveView(state: LiveRoomState, previous: { view: LiveView; poll: string; results: string } | undefined): { view: LiveView; poll: string; results: string } {
  const speakers: SpeakerView[] = [];
  state.speakers.forEach((s) => speakers.push({ id: s.id, name: s.name, role: s.role, online: s.online }));
  const q = state.stageQuestion;
  const cta = state.cta;
  const samePoll = previous !== undefined && previous.poll === state.poll;
  const sameResults = previous !== undefined && previous.results === state.pollResults;
  const view: LiveView = {
    status: state.status as RoomStatus,
    recording: state.recording ?? '',
    mode: (state.mode || 'presentation') as RoomMode,
    mainView: (state.mainView || 'video') as MainView,
    screenShared: Boolean(state.media?.screenSharer),
    chatEnabled: state.chatEnabled,
    qaOpen: state.qaOpen,
    collaboration: state.collaboration,
    translationAvailable: state.translationAvailable,
    attendeesOnline: state.attendeesOnline,
    handsRaised: state.handsRaised,
    speakers,
    stageQuestion: q ? { id: q.id, authorName: q.authorName, text: q.text } : undefined,
    cta: cta ? { id: cta.id, message: cta.message, buttonLabel: cta.buttonLabel, url: cta.url, endsAt: cta.endsAt } : undefined,
    poll: samePoll ? previous.view.poll : parseJson<PublicPoll>(state.poll),
    pollResults: sameResults ? previous.view.pollResults : parseJson<PollResults>(state.pollResults),
    presentation: state.presentation ? { fileId: state.presentation.fileId, title: state.presentation.title, page: state.presentation.page, pageCount: state.presentation.pageCount, inkPage: state.presentation.inkPage, linkBase: state.presentation.linkBase } : undefined,
  };
  return { view, poll: state.poll, results: state.pollResults };
}
