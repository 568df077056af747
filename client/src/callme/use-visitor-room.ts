import { useCallback, useEffect, useRef, useState } from 'react';
import { CallmeConnection, type CallmeStatus } from '../../../shared/callme-connection.ts';
import { CALLME_SERVER, type CallStateMessage, type PlaceMessage, type PresenceMessage, type StartedMessage } from '../../../shared/callme-room.ts';
import { request } from '../api/http.ts';

export interface ChatLine { id: string; chatId: string; author: 'visitor' | 'consultant' | 'system'; kind: 'text' | 'call-proposal'; body: string; at: string }
export type Consultants = PresenceMessage['consultants'];

export interface VisitorRoom {
  /** `reconnecting`: the socket dropped or the server restarted; what is shown stays, and comes back up to date. */
  status: CallmeStatus;
  failure: string | undefined;
  consultants: Consultants | undefined;
  place: PlaceMessage | undefined;
  chatId: string | undefined;
  lines: ChatLine[];
  consultant: StartedMessage['consultant'] | undefined;
  chatClosed: boolean;
  call: CallStateMessage | undefined;
  error: { code: string; message: string; seq: number } | undefined;
  /** How many times the socket was opened: minimising must not reconnect. */
  connects: number;
  send(type: string, message?: unknown): void;
  resetChat(): void;
}

/** Where the visitor token is kept between visits: this origin's storage, or the host page's (through the loader). */
export interface TokenStore {
  read(): Promise<string | undefined>;
  write(token: string): void;
}

const tokenKey = (packageId: string) => `callme-visitor:${packageId}`;

/** This origin's storage (the call page; in a frame it may be blocked as third-party, then nothing is kept). */
export const ownStorage = (packageId: string): TokenStore => ({
  async read() {
    try { return localStorage.getItem(tokenKey(packageId)) ?? undefined; } catch { return undefined; }
  },
  write(token) {
    try { localStorage.setItem(tokenKey(packageId), token); } catch { /* a new visitor next time */ }
  },
});

/** One token request per page and package: a remount (React's strict mode) must not make a second visitor. */
const tokens = new Map<string, Promise<string>>();
function visitorToken(packageId: string, store: TokenStore): Promise<string> {
  let pending = tokens.get(packageId);
  if (!pending) {
    pending = store.read()
      .then((known) => request<{ token: string }>('POST', `/callme/public/${encodeURIComponent(packageId)}/visitor`, { token: known }))
      .then(({ token }) => {
        store.write(token);
        return token;
      });
    pending.catch(() => tokens.delete(packageId));
    tokens.set(packageId, pending);
  }
  return pending;
}

/**
 * The visitor's side of a package room. The visitor token lives in this frame's
 * (partitioned) storage and goes to the server in the request body, never in a URL; a
 * returning browser is the same visitor, so the consultant sees its earlier chats.
 */
export function useVisitorRoom(packageId: string, store: TokenStore = ownStorage(packageId)): VisitorRoom {
  const [state, setState] = useState<Omit<VisitorRoom, 'send' | 'resetChat'>>({ status: 'connecting', failure: undefined, consultants: undefined, place: undefined, chatId: undefined, lines: [], consultant: undefined, chatClosed: false, call: undefined, error: undefined, connects: 0 });
  const connectionRef = useRef<CallmeConnection | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    let seq = 0;
    const patch = (p: Partial<typeof state>) => { if (!cancelled) setState((s) => ({ ...s, ...p })); };
    // A fresh join after a restart uses the same token: the same visitor, with the same place and chat.
    const connection = new CallmeConnection(window.location.origin, async () => ({ packageId, visitorToken: await visitorToken(packageId, store) }));
    connectionRef.current = connection;
    connection.on(CALLME_SERVER.presence, (m: PresenceMessage) => patch({ consultants: m.consultants }));
    connection.on(CALLME_SERVER.place, (m: PlaceMessage) => patch({ place: m, chatId: m.chatId }));
    connection.on(CALLME_SERVER.history, (m: { chatId: string; lines: ChatLine[] }) => patch({ chatId: m.chatId, lines: m.lines, chatClosed: false }));
    connection.on(CALLME_SERVER.line, (m: ChatLine) => { if (!cancelled) setState((s) => ({ ...s, lines: s.lines.some((l) => l.id === m.id) ? s.lines : [...s.lines, m] })); });
    connection.on(CALLME_SERVER.started, (m: StartedMessage) => patch({ consultant: m.consultant, chatId: m.chatId, place: undefined }));
    connection.on(CALLME_SERVER.closed, () => patch({ chatClosed: true, place: undefined }));
    connection.on(CALLME_SERVER.call, (m: CallStateMessage) => patch({ call: m }));
    connection.on(CALLME_SERVER.error, (m: { code: string; message: string }) => patch({ error: { ...m, seq: ++seq } }));
    connection.onStatus((status) => patch({ status, failure: connection.failure, connects: connection.opens }));
    connection.connect().catch(() => undefined);
    // Closing or reloading the page is a real leave (the call ends now), not a drop the room waits for.
    const onPageHide = () => void connection.leave();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      cancelled = true;
      window.removeEventListener('pagehide', onPageHide);
      void connection.leave();
      connectionRef.current = undefined;
    };
    // The store is read once per package (a new store object each render must not reconnect).
  }, [packageId]);

  const send = useCallback((type: string, message: unknown = {}) => connectionRef.current?.send(type, message), []);
  const resetChat = useCallback(() => setState((s) => ({ ...s, chatId: undefined, lines: [], consultant: undefined, chatClosed: false, place: undefined })), []);
  return { ...state, send, resetChat };
}
