import { useCallback, useEffect, useRef, useState } from 'react';
import type { JoinOut } from '../../../shared/join-schemas.ts';
import type { LiveRoomState, WaitingRoomState } from '../../../shared/live-room-state.ts';
import { RoomConnection, type ConnectionStatus } from '../../../shared/room-connection.ts';
import { CLIENT_MESSAGES, SERVER_MESSAGES, type RoomError, type YouMessage } from '../../../shared/room-messages.ts';
import { toLiveView, type LiveView } from './live-view.ts';
import type { FeedAttach } from './use-chat-feed.ts';

/** What the waiting room shows before the start. */
export interface WaitingView {
  eventName: string;
  startsAt: string;
  timeZone: string;
  agenda: string;
  message: string;
}

/** One of this person's poll answers, as the room stored it (also resent after a reconnect). */
export interface YourAnswer {
  pollId: string;
  questionId: string;
  answer: { choiceIds: string[] } | { text: string };
}

/** A refusal from the room; `seq` tells two identical refusals in a row apart. */
export type NumberedRoomError = RoomError & { seq: number };

export interface RoomSession {
  status: ConnectionStatus;
  /** While the server seats a crowd in turn: how many are ahead of this person in the line. */
  ahead: number | undefined;
  live: LiveView | undefined;
  waiting: WaitingView | undefined;
  /** Who the room says this person is; the role can change while inside (promotion). */
  you: YouMessage | undefined;
  yourAnswers: YourAnswer[];
  roomError: NumberedRoomError | undefined;
  clearRoomError(): void;
  thankYouUrl: string | null;
  /** Why the room could not be entered at all. */
  failure: unknown;
  /** The freshest ticket the rooms handed out (the whiteboard's socket needs a valid one too). */
  ticket: string;
  send(type: string, message?: unknown): boolean;
  sendChat(text: string, asQuestion?: boolean): boolean;
  leave(): Promise<void>;
  /** MEDIA: the open connection, for parts that listen to the room on their own (client/src/media). */
  connection: RoomConnection | undefined;
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
 *
 * `feeds` attach the listeners of the other room data (chat, questions, staff data).
 * They are attached before the connection opens: the room sends its first messages
 * the moment it admits someone, and a listener added a render later would miss them.
 */
export function useRoomConnection(join: JoinOut, feeds: FeedAttach[]): RoomSession {
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [ahead, setAhead] = useState<number>();
  const [live, setLive] = useState<LiveView>();
  const [waiting, setWaiting] = useState<WaitingView>();
  const [you, setYou] = useState<YouMessage>();
  const [yourAnswers, setYourAnswers] = useState<YourAnswer[]>([]);
  const [roomError, setRoomError] = useState<NumberedRoomError>();
  const [thankYouUrl, setThankYouUrl] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>();
  const [ticket, setTicket] = useState(join.ticket);
  const connectionRef = useRef<RoomConnection | undefined>(undefined);
  const feedsRef = useRef(feeds);
  feedsRef.current = feeds;
  const [connection, setConnection] = useState<RoomConnection>(); // for the media stage

  useEffect(() => {
    let disposed = false;
    let errors = 0;
    let parsed: Parameters<typeof toLiveView>[1];
    const connection = new RoomConnection(window.location.origin, { ticket: join.ticket, room: { name: join.room.name, eventId: join.room.eventId } });
    connectionRef.current = connection;
    setConnection(connection);
    setStatus('connecting');
    setFailure(undefined);

    const detach = feedsRef.current.map((attach) => attach(connection));
    connection.onPlace((place) => {
      if (!disposed) setAhead(place);
    });
    connection.onStatus((next) => {
      if (!disposed) setStatus(next);
    });
    connection.onState((state: LiveRoomState | WaitingRoomState) => {
      if (disposed) return;
      if (isLiveState(state)) {
        parsed = toLiveView(state, parsed);
        setLive(parsed.view);
      } else {
        setWaiting({ eventName: state.eventName, startsAt: state.startsAt, timeZone: state.timeZone, agenda: state.agenda, message: state.message });
      }
    });
    connection.on(SERVER_MESSAGES.you, (message: YouMessage) => setYou(message));
    connection.on(SERVER_MESSAGES.yourAnswers, (answers: YourAnswer[]) => setYourAnswers(answers));
    connection.on(SERVER_MESSAGES.error, (error: RoomError) => setRoomError({ ...error, seq: ++errors }));
    // The freshest ticket: the whiteboard's socket needs a valid one too.
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
      detach.forEach((f) => f());
      setConnection(undefined);
      void connection.leave();
    };
  }, [join.ticket, join.room.name, join.room.eventId]);

  const send = useCallback((type: string, message: unknown = {}) => {
    const connection = connectionRef.current;
    if (!connection?.room) return false;
    connection.send(type, message);
    return true;
  }, []);

  const sendChat = useCallback((text: string, asQuestion = false) => send(CLIENT_MESSAGES.chat, asQuestion ? { text, asQuestion } : { text }), [send]);

  const leave = useCallback(async () => {
    const connection = connectionRef.current;
    connectionRef.current = undefined;
    await connection?.leave();
  }, []);

  const clearRoomError = useCallback(() => setRoomError(undefined), []);

  return { status, ahead, live, waiting, you, yourAnswers, roomError, clearRoomError, thankYouUrl, failure, ticket, send, sendChat, leave, connection };
}
