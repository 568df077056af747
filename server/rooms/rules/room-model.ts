import type { Role } from '../../../shared/join-schemas.ts';
import type { PlanLimits } from '../../../shared/plans.ts';
import type { PollDefinition, PollStatus } from '../../../shared/poll-schemas.ts';
import type { MainView, RoomMode, RoomStatus } from '../../../shared/room-policy.ts';
import type { StagePresentationModel } from '../presentation-desk.ts';

/**
 * The live room as plain data: what the rules read and change. The Colyseus room class
 * keeps one of these, rebuilds it from the database after a restart, and mirrors the
 * public part into the synchronised state.
 */
export interface Actor {
  participantId: string;
  role: Role;
  name: string;
}

export interface ParticipantModel {
  id: string;
  name: string;
  role: Role;
  email: string | null;
  /** Open connections; 0 means offline. */
  connections: number;
  handRaised: boolean;
  /** ROOM-4: the host gave this attendee the microphone and camera. */
  mediaGranted: boolean;
  /** Removed or banned from this event: refused at the door from then on. */
  excluded: 'removed' | 'banned' | null;
}

export interface QuestionModel {
  id: string;
  participantId: string;
  authorName: string;
  text: string;
  state: 'open' | 'answered' | 'dismissed';
  /** The chat line it came from, if it was asked in the chat or marked there. */
  chatMessageId: string | null;
  voters: Set<string>;
  createdAt: Date;
}

export type AnswerValue = { choiceIds: string[] } | { text: string };

export interface PollModel {
  definition: PollDefinition;
  status: PollStatus;
  resultsVisible: boolean;
  /** participantId → questionId → answer. */
  answers: Map<string, Map<string, AnswerValue>>;
}

export interface CtaModel {
  id: string;
  message: string;
  buttonLabel: string;
  url: string;
  /** null: shown until a presenter closes it. */
  endsAt: Date | null;
  /** participantId → clicks. */
  clicks: Map<string, number>;
}

export interface RoomModel {
  eventId: string;
  eventKind: string;
  status: RoomStatus;
  mode: RoomMode;
  chatEnabled: boolean;
  qaOpen: boolean;
  collaboration: boolean;
  publishedQuestionId: string | null;
  /** What the presenters show in everyone's main window; attendees may look elsewhere locally. */
  mainView: MainView;
  limits: PlanLimits;
  participants: Map<string, ParticipantModel>;
  questions: Map<string, QuestionModel>;
  polls: Map<string, PollModel>;
  /** The poll currently in the main window (running, or ended with results shown). */
  stagePollId: string | null;
  cta: CtaModel | null;
  /** ROOM-12: the slides on the stage (PresentationDesk loads and keeps it). */
  presentation?: StagePresentationModel | null;
}

export function onlineAttendees(room: RoomModel): number {
  let count = 0;
  for (const p of room.participants.values()) if (p.role === 'attendee' && p.connections > 0) count++;
  return count;
}

export function presenterCount(room: RoomModel): number {
  let count = 0;
  for (const p of room.participants.values()) if (p.role === 'presenter' && !p.excluded) count++;
  return count;
}
