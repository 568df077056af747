import { useCallback, useEffect, useRef, useState } from 'react';
import type { JoinOut } from '../../../shared/join-schemas.ts';
import type { LiveRoomState, WaitingRoomState } from '../../../shared/live-room-state.ts';
import { RoomConnection, type ConnectionStatus } from '../../../shared/room-connection.ts';
import { CLIENT_MESSAGES, SERVER_MESSAGES, type ChatLine, type RoomError, type RosterEntry, type YouMessage } from '../../../shared/room-messages.ts';
import type { RoomStatus } from '../../../shared/room-policy.ts';

/** A speaker (host or presenter) as everyone sees them in the synchronised state. */
export interface SpeakerView {
  id: string;
  name: string;
  role: string;
  online: boolean;
}

/** The public part of the live room, copied out of the schema so React sees new values. */
export interface LiveView {
  status: RoomStatus;
  chatEnabled: boolean;
  attendeesOnline: number;
  speakers: SpeakerView[];
}

/** What the waiting room shows before the start. */
export interface WaitingView {
  eventName: string;
  startsAt: string;
  timeZone: string;
  agenda: string;
  message: string;
}

export interface RoomSession {
  status: ConnectionStatus;
  live: LiveView | undefined;
  waiting: WaitingView | undefined;
  /** Who the room says this person is; the role can change while inside (promotion). */
  you: YouMessage | undefined;
  /** The full roster: only hosts and presenters receive it. */
  roster: RosterEntry[] | undefined;
  messages: ChatLine[];
  roomError: RoomError | undefined;
  clearRoomError(): void;
  thankYouUrl: string | null;
  /** Why the room could not be entered at all. */
  failure: unknown;
  /** The freshest ticket the rooms handed out (the whiteboard's socket needs a valid one too). */
  ticket: string;
  send(type: string, message?: unknown): boolean;
  sendChat(text: string): boolean;
  leave(): Promise<void>;
}

/** Refusal close codes of our rooms (server/rooms/room-admission.ts), as problem-style codes for the UI. */
const REFUSALS: Record<number, string> = { 4401: 'invalid-ticket', 4403: 'excluded', 4409: 'not-started', 4410: 'event-ended', 4429: 'event-full' };

function isLiveState(state: LiveRoomState | WaitingRoomState): state is LiveRoomState {
  return 'speakers' in state && state.speakers !== undefined;
}

/**
 * The browser's side of an event's rooms, through the shared RoomConnection (which
 * moves from the waiting room to the live room when admitted and gets back in after a
 * drop or a server restart). Mirrors what the rooms share into React state; the
 * connection lives exactly as long as the component using the hook.
 */
export function useRoomConnection(join: JoinOut): RoomSession {
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [live, setLive] = useState<LiveView>();
  const [waiting, setWaiting] = useState<WaitingView>();
  const [you, setYou] = useState<YouMessage>();
  const [roster, setRoster] = useState<Map<string, RosterEntry>>();
  const [messages, setMessages] = useState<ChatLine[]>([]);
  const [roomError, setRoomError] = useState<RoomError>();
  const [thankYouUrl, setThankYouUrl] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>();
  const [ticket, setTicket] = useState(join.ticket);
  const connectionRef = useRef<RoomConnection | undefined>(undefined);

  useEffect(() => {
    let disposed = false;
    const connection = new RoomConnection(window.location.origin, { ticket: join.ticket, room: { name: join.room.name, eventId: join.room.eventId } });
    connectionRef.current = connection;
    setStatus('connecting');
    setFailure(undefined);

    connection.onStatus((next) => {
      if (!disposed) setStatus(next);
    });
    connection.onState((state: LiveRoomState | WaitingRoomState) => {
      if (disposed) return;
      if (isLiveState(state)) {
        const speakers: SpeakerView[] = [];
        state.speakers.forEach((s) => speakers.push({ id: s.id, name: s.name, role: s.role, online: s.online }));
        setLive({ status: state.status as RoomStatus, chatEnabled: state.chatEnabled, attendeesOnline: state.attendeesOnline, speakers });
      } else {
        setWaiting({ eventName: state.eventName, startsAt: state.startsAt, timeZone: state.timeZone, agenda: state.agenda, message: state.message });
      }
    });
    connection.on(SERVER_MESSAGES.you, (message: YouMessage) => setYou(message));
    connection.on(SERVER_MESSAGES.roster, (entries: RosterEntry[]) => setRoster(new Map(entries.map((e) => [e.id, e]))));
    connection.on(SERVER_MESSAGES.rosterUpdate, (entry: RosterEntry) => setRoster((current) => new Map(current).set(entry.id, entry)));
    // Every entry into a room resends the whole history; it replaces what was shown.
    connection.on(SERVER_MESSAGES.chatHistory, (lines: ChatLine[]) => setMessages(lines));
    connection.on(SERVER_MESSAGES.chat, (line: ChatLine) => setMessages((current) => (current.some((l) => l.id === line.id) ? current : [...current, line])));
    connection.on(SERVER_MESSAGES.chatDeleted, ({ id }: { id: string }) => setMessages((current) => current.filter((l) => l.id !== id)));
    connection.on(SERVER_MESSAGES.error, (error: RoomError) => setRoomError(error));
    connection.on(SERVER_MESSAGES.ticket, (message: { ticket: string }) => setTicket(message.ticket));
    connection.on(SERVER_MESSAGES.admitted, (message: { ticket: string }) => setTicket(message.ticket));
    connection.on(SERVER_MESSAGES.ended, ({ thankYouUrl: url }: { thankYouUrl: string | null }) => setThankYouUrl(url ?? null));

    connection.connect().then(
      () => {
        // Unmounted while connecting: the connection opened after its owner was gone.
        if (disposed) void connection.leave();
      },
      (error: unknown) => {
        if (disposed) return;
        const code = REFUSALS[(error as { code?: number }).code ?? 0];
        if (code === 'event-ended') setStatus('ended');
        else if (code === 'excluded') setStatus('removed');
        else {
          setFailure(code ? { code } : error);
          setStatus('failed');
        }
      },
    );

    // Closing or reloading the tab is a real leave, not a drop the server should hold a seat for.
    const onPageHide = () => void connection.leave();
    window.addEventListener('pagehide', onPageHide);

    return () => {
      disposed = true;
      window.removeEventListener('pagehide', onPageHide);
      connectionRef.current = undefined;
      void connection.leave();
    };
  }, [join.ticket, join.room.name, join.room.eventId]);

  const send = useCallback((type: string, message: unknown = {}) => {
    const connection = connectionRef.current;
    if (!connection?.room) return false;
    connection.send(type, message);
    return true;
  }, []);

  const sendChat = useCallback((text: string) => send(CLIENT_MESSAGES.chat, { text }), [send]);

  const leave = useCallback(async () => {
    const connection = connectionRef.current;
    connectionRef.current = undefined;
    await connection?.leave();
  }, []);

  const clearRoomError = useCallback(() => setRoomError(undefined), []);

  return {
    status, live, waiting, you, roster: roster ? [...roster.values()] : undefined, messages, roomError, clearRoomError,
    thankYouUrl, failure, ticket, send, sendChat, leave,
  };
}
