import * as v from 'valibot';

/**
 * Every message a client may send to a live room, one valibot schema per type. The
 * server validates with these before any handler runs; the client types its calls
 * with them.
 */
export const CHAT_MAX_LENGTH = 2000;

export const ChatSend = v.object({
  text: v.pipe(
    v.string(),
    v.transform((s) => s.trim()),
    v.minLength(1, 'Write something first.'),
    v.maxLength(CHAT_MAX_LENGTH, `A message may have at most ${CHAT_MAX_LENGTH} characters.`),
  ),
});
export type ChatSend = v.InferOutput<typeof ChatSend>;

export const SetCollaboration = v.object({ enabled: v.boolean() });

/** Names of the client → server messages. */
export const CLIENT_MESSAGES = { chat: 'chat', setCollaboration: 'set-collaboration' } as const;

/** Names and payloads of the server → client messages. */
export const SERVER_MESSAGES = { chat: 'chat', chatHistory: 'chat-history', error: 'error' } as const;

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
