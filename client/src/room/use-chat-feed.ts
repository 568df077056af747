import { useCallback, useState } from 'react';
import type { RoomConnection } from '../../../shared/room-connection.ts';
import { SERVER_MESSAGES, type ChatLine } from '../../../shared/room-messages.ts';

/** A chat line in the language this person picked (ROOM-6), as the server's translator returned it. */
export interface ChatTranslation {
  language: string;
  text: string;
}

/** Attaches a feed's listeners to a connection; returns what detaches them. */
export type FeedAttach = (connection: RoomConnection) => () => void;

/** The chat as it arrives: history on every entry, new lines, deletions and translations. */
export function useChatFeed() {
  const [messages, setMessages] = useState<ChatLine[]>([]);
  const [translations, setTranslations] = useState<ReadonlyMap<string, ChatTranslation>>(new Map());

  const attach = useCallback<FeedAttach>((connection) => {
    const off = [
      // Every entry into a room resends the whole history; it replaces what was shown.
      connection.on(SERVER_MESSAGES.chatHistory, (lines: ChatLine[]) => setMessages(lines)),
      connection.on(SERVER_MESSAGES.chat, (line: ChatLine) => setMessages((current) => (current.some((l) => l.id === line.id) ? current : [...current, line]))),
      connection.on(SERVER_MESSAGES.chatDeleted, ({ id }: { id: string }) => setMessages((current) => current.filter((l) => l.id !== id))),
      connection.on(SERVER_MESSAGES.chatTranslation, ({ id, language, text }: { id: string } & ChatTranslation) => {
        setTranslations((current) => new Map(current).set(id, { language, text }));
      }),
    ];
    return () => off.forEach((f) => f());
  }, []);

  return { messages, translations, attach };
}
