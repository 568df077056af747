import { useCallback, useEffect, useRef, useState } from 'react';
import { WHITEBOARD_CLOSE, WHITEBOARD_REFUSAL, type WhiteboardStatus } from '../../../shared/whiteboard-protocol.ts';
import type { TextKey } from '../i18n/i18n.tsx';
import { WhiteboardSession, type BoardConnection } from './whiteboard-session.ts';

export interface BoardSessionState {
  session: WhiteboardSession | undefined;
  connection: BoardConnection;
  closeCode: number | undefined;
  /** What the server last said about this person's rights on the board. */
  status: Extract<WhiteboardStatus, { type: 'status' }> | undefined;
  synced: boolean;
  /** A refusal to show until dismissed. */
  notice: TextKey | undefined;
  dismissNotice(): void;
}

const REFUSAL_TEXT: Record<string, TextKey> = {
  [WHITEBOARD_REFUSAL.readOnly]: 'whiteboard.refusedReadOnly',
  [WHITEBOARD_REFUSAL.full]: 'whiteboard.refusedFull',
  [WHITEBOARD_REFUSAL.tooLarge]: 'whiteboard.refusedTooLarge',
  [WHITEBOARD_REFUSAL.invalid]: 'whiteboard.refusedInvalid',
  [WHITEBOARD_REFUSAL.failed]: 'whiteboard.refusedFailed',
};

/**
 * The board's connection for a component: created with the component, replaced by a
 * fresh one when the server refuses a change (the refused change exists only in the
 * old copy, and later changes would build on it), destroyed on unmount.
 */
export function useWhiteboardSession(eventId: number, ticket: string): BoardSessionState {
  const [session, setSession] = useState<WhiteboardSession>();
  const [generation, setGeneration] = useState(0);
  const [connection, setConnection] = useState<BoardConnection>('connecting');
  const [closeCode, setCloseCode] = useState<number>();
  const [status, setStatus] = useState<BoardSessionState['status']>();
  const [synced, setSynced] = useState(false);
  const [notice, setNotice] = useState<TextKey>();
  /** The newest ticket: the page's, or a fresher one the board server handed out. */
  const ticketRef = useRef(ticket);

  useEffect(() => {
    // Events arrive while the session is still being built (the provider connects in its constructor).
    let alive = true;
    let created: WhiteboardSession | undefined = undefined;
    created = new WhiteboardSession(eventId, ticketRef.current, {
      connection: (state, code) => {
        if (!alive) return;
        setConnection(state);
        if (state === 'closed') setCloseCode(code);
        if (state !== 'connected') setSynced(false);
      },
      status: (next) => {
        if (alive) setStatus(next);
      },
      synced: () => {
        if (alive) setSynced(true);
      },
      refused: (code) => {
        if (!alive) return;
        alive = false;
        if (created) ticketRef.current = created.currentTicket;
        setNotice(REFUSAL_TEXT[code] ?? 'whiteboard.refusedInvalid');
        setGeneration((g) => g + 1);
      },
    });
    const session = created;
    setSession(session);
    setCloseCode(undefined);
    setSynced(false);
    return () => {
      alive = false;
      ticketRef.current = session.currentTicket;
      session.destroy();
    };
  }, [eventId, generation]);

  // A new ticket from the room (a promotion, a refresh): use it next time, and at once if the old one was refused.
  useEffect(() => {
    ticketRef.current = ticket;
    if (!session) return;
    session.setTicket(ticket);
    if (connection === 'closed' && closeCode === WHITEBOARD_CLOSE.notAdmitted) session.reconnect(ticket);
  }, [ticket]);

  const dismissNotice = useCallback(() => setNotice(undefined), []);
  return { session, connection, closeCode, status, synced, notice, dismissNotice };
}
