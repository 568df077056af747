import * as v from 'valibot';

/**
 * Messages of a package's Colyseus room (CALL-5…7). Each visitor sees only their own
 * chat and place, and each consultant the queue of their account, so the room speaks in
 * per-client messages rather than one broadcast state.
 */

export const CALLME_ROOM_NAME = 'callme_package';
export const MAX_CHAT_LINE = 1000;

/** A chat line: plain text only (the client never renders HTML, and the server refuses it). */
export const ChatBody = v.pipe(v.string(), v.trim(), v.nonEmpty('The message is empty.'), v.maxLength(MAX_CHAT_LINE, `body: at most ${MAX_CHAT_LINE} characters.`), v.check((s) => !/<[a-z!/?]/i.test(s), 'body: HTML is not allowed in chat.'));

export const JoinAsVisitor = v.object({ packageId: v.string(), visitorToken: v.pipe(v.string(), v.maxLength(100)) });
export const JoinAsConsultant = v.object({ packageId: v.string(), consultantTicket: v.pipe(v.string(), v.maxLength(300)) });

export const VISITOR_MESSAGES = { queue: 'queue', say: 'say', leave: 'leave', call: 'call', hangup: 'hangup' } as const;
export const CONSULTANT_MESSAGES = { status: 'status', take: 'take', reply: 'reply', close: 'close', askCall: 'ask-call', answer: 'answer', reject: 'reject', hangup: 'hangup', meeting: 'meeting' } as const;

export const SayMessage = v.object({ body: ChatBody });
export const TakeMessage = v.object({ chatId: v.optional(v.string()) });
export const ReplyMessage = v.object({ chatId: v.string(), body: ChatBody });
export const ChatIdMessage = v.object({ chatId: v.string() });
/** A visitor's call; from a chat's "Ask for a call", the chat's consultant is rung first. */
export const CallMessage = v.object({ chatId: v.optional(v.pipe(v.string(), v.maxLength(64))) });
export const CallIdMessage = v.object({ callId: v.pipe(v.string(), v.maxLength(64)) });
export const StatusMessage = v.object({ status: v.picklist(['available', 'busy']) });

/** Server → client. */
export const CALLME_SERVER = {
  place: 'place',
  line: 'line',
  history: 'history',
  started: 'started',
  closed: 'closed',
  waiting: 'waiting',
  taken: 'taken',
  presence: 'presence',
  error: 'error',
  /** To one tab of one consultant: a visitor is calling. */
  ring: 'ring',
  /** To that consultant's tabs: the call stopped ringing for them (answered, rejected, gone). */
  ringEnded: 'ring-ended',
  /** To both sides: where the call is now. */
  call: 'call',
} as const;

export interface PlaceMessage { chatId: string; position: number; waiting: number; estimateSeconds: number }
export interface WaitingMessage { waiting: number; queue: { chatId: string; visitorId: string; since: string }[] }
export interface TakenMessage { chatId: string; visitor: { id: string; address: string; os: string; browser: string }; lines: unknown[]; earlierChats: { chatId: string; at: string; lines: unknown[] }[] }
export interface StartedMessage { chatId: string; consultant: { id: string; firstName: string; photoUrl: string | null } }
export interface PresenceMessage { consultants: { id: string; firstName: string; lastName: string; photoUrl: string | null; status: 'available' | 'busy' | 'offline' }[] }

export interface RingMessage { callId: string; packageId: string; visitor: { address: string; os: string; browser: string }; chatId: string | null }
export interface MediaLink { url: string; token: string; room: string }
/** ringing → connected → ended; ringing → unanswered (nobody left: the visitor is offered "order a call"). */
export interface CallStateMessage {
  callId: string;
  state: 'ringing' | 'connected' | 'ended' | 'unanswered';
  /** `interrupted`: the server restarted and the other side did not come back. */
  reason?: 'rejected' | 'nobody-available' | 'closed' | 'hung-up' | 'no-media' | 'interrupted';
  consultant?: { id: string; firstName: string; photoUrl: string | null };
  media?: MediaLink | null;
  /** After "turn into a meeting": where each side goes. */
  meetingUrl?: string;
  /** To the consultant: the meeting's link for a colleague (the platform's meeting room has video and screen sharing). */
  inviteUrl?: string;
}
