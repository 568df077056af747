import { RECORDING_LANGUAGES } from './recording-schemas.ts';
import * as v from 'valibot';
import { HttpUrl } from './event-schemas.ts';
import { OPEN_ANSWER_MAX, MAX_CHOICES, MAX_POLL_QUESTIONS, PollInput } from './poll-schemas.ts';
import { MAIN_VIEWS, ROOM_MODES } from './room-policy.ts';
import type { MediaCredentials } from './media-schemas.ts';
import { PRESENTATION_MESSAGES, PRESENTATION_MESSAGE_SCHEMAS } from './presentation-schemas.ts';

/**
 * Every message a client may send to a live room, one valibot schema per type. The
 * server validates with these before any handler runs; the client types its calls with
 * them. Identity never travels in a payload: the sender is who their ticket says.
 */
export const CHAT_MAX_LENGTH = 2000;
export const CTA_MESSAGE_MAX = 54;
export const REACTIONS = ['👍', '👏', '❤️', '😂', '😮', '🎉'] as const;

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

export const ChatSend = v.object({
  text: v.pipe(
    v.string(),
    v.transform((s) => s.trim()),
    v.minLength(1, 'Write something first.'),
    v.maxLength(CHAT_MAX_LENGTH, `A message may have at most ${CHAT_MAX_LENGTH} characters.`),
  ),
  /** Send it as a question for the Q&A list (ROOM-7). */
  asQuestion: v.optional(v.boolean(), false),
});
export type ChatSend = v.InferOutput<typeof ChatSend>;

export const CLIENT_MESSAGES = {
  chat: 'chat',
  chatDelete: 'chat-delete',
  chatLanguage: 'chat-language',
  setChatEnabled: 'set-chat-enabled',
  start: 'start-event',
  end: 'end-event',
  setMode: 'set-mode',
  /** Presenters choose what everyone's main window shows. */
  setMainView: 'set-main-view',
  setRole: 'set-role',
  remove: 'remove-participant',
  grantMedia: 'grant-media',
  setQaOpen: 'set-qa-open',
  markQuestion: 'mark-question',
  voteQuestion: 'vote-question',
  setQuestionState: 'set-question-state',
  publishQuestion: 'publish-question',
  pollCreate: 'poll-create',
  pollStart: 'poll-start',
  pollEnd: 'poll-end',
  pollShowResults: 'poll-show-results',
  pollAnswer: 'poll-answer',
  ctaShow: 'cta-show',
  ctaClose: 'cta-close',
  ctaClick: 'cta-click',
  hand: 'hand',
  react: 'react',
  setCollaboration: 'set-collaboration',
  /** Recording (ROOM-13): the host's REC (on) and stop (off). */
  setRecording: 'set-recording',
  /** Ask for a camera slot (ROOM-5) or give it back. */
  camera: 'camera',
  /** Ask for fresh audio/video credentials (after a long break in the connection). */
  mediaCredentials: 'media-credentials',
  ...PRESENTATION_MESSAGES,
} as const;

/** The schema of every client message, by type. A type not listed here is refused. */
export const CLIENT_MESSAGE_SCHEMAS = {
  [CLIENT_MESSAGES.chat]: ChatSend,
  [CLIENT_MESSAGES.chatDelete]: v.object({ messageId: Id }),
  [CLIENT_MESSAGES.chatLanguage]: v.object({ language: v.nullable(v.pipe(v.string(), v.regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'Use a language code such as pl or en.'))) }),
  [CLIENT_MESSAGES.setChatEnabled]: v.object({ enabled: v.boolean() }),
  [CLIENT_MESSAGES.start]: v.object({}),
  [CLIENT_MESSAGES.end]: v.object({}),
  [CLIENT_MESSAGES.setMode]: v.object({ mode: v.picklist(ROOM_MODES) }),
  [CLIENT_MESSAGES.setMainView]: v.object({ view: v.picklist(MAIN_VIEWS) }),
  [CLIENT_MESSAGES.setRole]: v.object({ participantId: Id, role: v.picklist(['presenter', 'attendee']) }),
  [CLIENT_MESSAGES.remove]: v.object({ participantId: Id, ban: v.optional(v.boolean(), false) }),
  [CLIENT_MESSAGES.grantMedia]: v.object({ participantId: Id, granted: v.boolean() }),
  [CLIENT_MESSAGES.setQaOpen]: v.object({ open: v.boolean() }),
  [CLIENT_MESSAGES.markQuestion]: v.object({ messageId: Id }),
  [CLIENT_MESSAGES.voteQuestion]: v.object({ questionId: Id }),
  [CLIENT_MESSAGES.setQuestionState]: v.object({ questionId: Id, state: v.picklist(['open', 'answered', 'dismissed']) }),
  [CLIENT_MESSAGES.publishQuestion]: v.object({ questionId: v.nullable(Id) }),
  [CLIENT_MESSAGES.pollCreate]: PollInput,
  [CLIENT_MESSAGES.pollStart]: v.object({ pollId: Id }),
  [CLIENT_MESSAGES.pollEnd]: v.object({ pollId: Id }),
  [CLIENT_MESSAGES.pollShowResults]: v.object({ pollId: Id, visible: v.boolean() }),
  [CLIENT_MESSAGES.pollAnswer]: v.object({
    pollId: Id,
    answers: v.pipe(
      v.array(v.object({
        questionId: Id,
        choiceIds: v.optional(v.pipe(v.array(Id), v.maxLength(MAX_CHOICES))),
        text: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'Write an answer.'), v.maxLength(OPEN_ANSWER_MAX))),
      })),
      v.minLength(1, 'Answer at least one question.'),
      v.maxLength(MAX_POLL_QUESTIONS, 'Too many answers.'),
    ),
  }),
  [CLIENT_MESSAGES.ctaShow]: v.object({
    message: v.pipe(v.string(), v.trim(), v.minLength(1, 'Write a message.'), v.maxLength(CTA_MESSAGE_MAX, `The message may have at most ${CTA_MESSAGE_MAX} characters.`)),
    buttonLabel: v.pipe(v.string(), v.trim(), v.minLength(1, 'Write a button label.'), v.maxLength(40)),
    url: HttpUrl,
    /** null: until the presenter closes it. */
    durationSeconds: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(3600))), null),
  }),
  [CLIENT_MESSAGES.ctaClose]: v.object({}),
  [CLIENT_MESSAGES.ctaClick]: v.object({ ctaId: Id }),
  [CLIENT_MESSAGES.hand]: v.object({ raised: v.boolean() }),
  [CLIENT_MESSAGES.react]: v.object({ reaction: v.picklist(REACTIONS) }),
  [CLIENT_MESSAGES.setCollaboration]: v.object({ enabled: v.boolean() }),
  /** `language`: the room's language now, kept with the recording. */
  [CLIENT_MESSAGES.setRecording]: v.object({ on: v.boolean(), language: v.optional(v.picklist(RECORDING_LANGUAGES)) }),
  [CLIENT_MESSAGES.camera]: v.object({ on: v.boolean() }),
  [CLIENT_MESSAGES.mediaCredentials]: v.object({}),
  ...PRESENTATION_MESSAGE_SCHEMAS,
} as const;

export type ClientMessageType = keyof typeof CLIENT_MESSAGE_SCHEMAS;
export type ClientMessage<T extends ClientMessageType> = v.InferInput<(typeof CLIENT_MESSAGE_SCHEMAS)[T]>;

/** Names of the server → client messages. */
export const SERVER_MESSAGES = {
  chat: 'chat',
  chatHistory: 'chat-history',
  chatDeleted: 'chat-deleted',
  chatTranslation: 'chat-translation',
  error: 'error',
  you: 'you',
  roster: 'roster',
  /** RosterEntry[]: the entries that changed in one server tick. */
  rosterUpdate: 'roster-update',
  questions: 'questions',
  questionUpdate: 'question-update',
  polls: 'polls',
  pollResults: 'poll-results',
  yourAnswers: 'your-answers',
  ctaStats: 'cta-stats',
  reaction: 'reaction',
  admitted: 'admitted',
  ended: 'ended',
  removed: 'removed',
  ticket: 'ticket',
  /** MediaCredentials, when asked for. */
  mediaCredentials: 'media-credentials',
  /** CameraSlotMessage: whether this participant now holds a camera slot. */
  cameraSlot: 'camera-slot',
  /** WaitingEntry[], to staff only: who waits in the waiting room now. */
  waitingList: 'waiting-list',
} as const;

/** Someone in the waiting room, as the host and presenters see them. */
export interface WaitingEntry {
  id: string;
  name: string;
  /** ISO time they started waiting. */
  since: string;
}

/** The waiting room's word that the event started: a ticket for the live room, and audio/video. */
export interface AdmittedMessage {
  ticket: string;
  room: { name: string; eventId: number };
  media: MediaCredentials | null;
}

export interface CameraSlotMessage {
  granted: boolean;
}

export interface ChatLine {
  id: string;
  participantId: string;
  name: string;
  role: string;
  text: string;
  sentAt: string;
}

export interface RoomError {
  code: string;
  message: string;
}

/** Sent to each client about itself: role, permissions and what it has already done. */
export interface YouMessage {
  participantId: string;
  name: string;
  role: 'host' | 'presenter' | 'attendee';
  mediaGranted: boolean;
  handRaised: boolean;
  votedQuestionIds: string[];
}

/** A roster entry; only presenters and the host receive the roster. */
export interface RosterEntry {
  id: string;
  name: string;
  role: 'host' | 'presenter' | 'attendee';
  online: boolean;
  handRaised: boolean;
  mediaGranted: boolean;
}

export interface QuestionView {
  id: string;
  participantId: string;
  authorName: string;
  text: string;
  state: 'open' | 'answered' | 'dismissed';
  /** The chat line it came from, if any. */
  chatMessageId: string | null;
  votes: number;
  createdAt: string;
}

export interface CtaStats { ctaId: string; clicks: number; clickers: number }
