import { isStaff } from '../../../shared/room-policy.ts';
import type { Actor, RoomModel } from './room-model.ts';
import { notAllowed, refuse } from './refusal.ts';

/** Chat (ROOM-6) and turning chat lines into questions (ROOM-7). */

export const CHAT_RATE = { messages: 5, perMs: 5000 } as const;

/** Per-participant sliding window of send times; plain data so the rule stays testable. */
export type ChatRateWindow = Map<string, number[]>;

/**
 * `offForEveryone`: an automated webinar keeps no transcript while its chat is off
 * (AUTO-3), so then staff lines are refused too; they turn the chat on to answer, and
 * lines are kept from then. In a live room staff may still post while it is off.
 */
export function checkChat(room: RoomModel, actor: Actor, window: ChatRateWindow, now: number, asQuestion: boolean, offForEveryone = false): void {
  if (room.status === 'ended' && !isStaff(actor.role)) refuse('event-ended', 'The event has ended.');
  if (!room.chatEnabled && !isStaff(actor.role)) refuse('chat-off', 'The host has turned the chat off.');
  if (!room.chatEnabled && offForEveryone) refuse('chat-off', 'The chat is off and no transcript is kept while it is off: turn the chat on to answer.');
  if (asQuestion && !room.qaOpen) refuse('qa-closed', 'Questions are not being taken right now.');
  const recent = (window.get(actor.participantId) ?? []).filter((t) => now - t < CHAT_RATE.perMs);
  if (recent.length >= CHAT_RATE.messages) {
    window.set(actor.participantId, recent);
    refuse('rate-limited', 'You are sending messages too fast; wait a few seconds.');
  }
  recent.push(now);
  window.set(actor.participantId, recent);
}

export function checkDeleteChat(actor: Actor): void {
  if (!isStaff(actor.role)) notAllowed('delete messages');
}

/** Staff may mark any line as a question; an attendee only their own (the question-mark button). */
export function checkMarkQuestion(room: RoomModel, actor: Actor, message: { participantId: string } | undefined, alreadyQuestion: boolean): void {
  if (!room.qaOpen) refuse('qa-closed', 'Questions are not being taken right now.');
  if (!message) refuse('no-such-message', 'This message does not exist.');
  if (!isStaff(actor.role) && message!.participantId !== actor.participantId) notAllowed('mark other people’s messages as questions');
  if (alreadyQuestion) refuse('already-a-question', 'This message is already a question.');
}
