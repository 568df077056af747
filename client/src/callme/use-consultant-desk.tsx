import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { CallmeConnection, type CallmeStatus } from '../../../shared/callme-connection.ts';
import { CALLME_SERVER, type CallStateMessage, type PresenceMessage, type RingMessage, type TakenMessage, type WaitingMessage } from '../../../shared/callme-room.ts';
import type { ConsultantOut } from '../../../shared/callme-schemas.ts';
import { request } from '../api/http.ts';
import type { ChatLine } from './use-visitor-room.ts';

export interface DeskPackage { id: string; name: string; companyName: string }
export interface DeskChat { chatId: string; packageId: string; visitor: TakenMessage['visitor']; lines: ChatLine[]; earlierChats: { chatId: string; at: string; lines: ChatLine[] }[] }

export interface ConsultantDesk {
  me: ConsultantOut;
  packages: DeskPackage[];
  status: 'available' | 'busy' | 'offline';
  waiting: Record<string, number>;
  chats: DeskChat[];
  ring: (RingMessage & { minimised: boolean }) | undefined;
  call: (CallStateMessage & { packageId: string }) | undefined;
  error: string | undefined;
  /** The worst of the package rooms' connections: `reconnecting` shows the banner. */
  connection: CallmeStatus;
  /** A call that ended without anyone hanging up (a server restart the visitor did not come back from). */
  notice: 'call-interrupted' | undefined;
  dismissNotice(): void;
  setStatus(status: 'available' | 'busy'): void;
  take(packageId: string): void;
  reply(chat: DeskChat, body: string): void;
  askCall(chat: DeskChat): void;
  closeChat(chat: DeskChat): void;
  answer(): void;
  reject(): void;
  minimiseRing(minimised: boolean): void;
  hangUp(): void;
  toMeeting(): void;
}

const DeskContext = createContext<ConsultantDesk | null>(null);

export function useDesk(): ConsultantDesk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk() outside <ConsultantDeskProvider>');
  return desk;
}

/**
 * The consultant app's one connection to the package rooms of their account, kept by
 * the app's shell so every page shows the incoming call dialog and no page change
 * reconnects. The server rings one tab only (the newest), so only one tab rings.
 */
export function ConsultantDeskProvider({ start, children }: { start: { consultant: ConsultantOut; packages: DeskPackage[]; ticket: string }; children: ReactNode }) {
  const rooms = useRef(new Map<string, CallmeConnection>());
  const [status, setStatusView] = useState<ConsultantDesk['status']>(start.consultant.status);
  const [waiting, setWaiting] = useState<Record<string, number>>({});
  const [chats, setChats] = useState<DeskChat[]>([]);
  const [ring, setRing] = useState<ConsultantDesk['ring']>();
  const [call, setCall] = useState<ConsultantDesk['call']>();
  const [error, setError] = useState<string | undefined>();
  const [connections, setConnections] = useState<Record<string, CallmeStatus>>({});
  const [notice, setNotice] = useState<ConsultantDesk['notice']>();
  /**
   * The status the consultant chose and the server has not confirmed yet: the switch shows it at
   * once (it would otherwise spring back until the room answers, or stay put when the click came
   * before the room was joined), and it is sent again to each room as it opens.
   */
  const wanted = useRef<'available' | 'busy' | undefined>(undefined);
  const serverStatus = useRef<ConsultantDesk['status']>(start.consultant.status);

  useEffect(() => {
    // The first join uses the ticket the app started with; a fresh join after a restart asks for a new one (tickets are short-lived).
    const ticketFor = () => {
      let first: string | undefined = start.ticket;
      return async () => {
        const known = first;
        first = undefined;
        return known ?? (await request<{ ticket: string }>('GET', '/callme/consultant/me')).ticket;
      };
    };
    const open = rooms.current;
    for (const pkg of start.packages) {
      const nextTicket = ticketFor();
      const connection = new CallmeConnection(window.location.origin, async () => ({ packageId: pkg.id, consultantTicket: await nextTicket() }));
      open.set(pkg.id, connection);
      connection.on(CALLME_SERVER.presence, (m: PresenceMessage) => {
        const mine = m.consultants.find((c) => c.id === start.consultant.id);
        if (!mine) return;
        serverStatus.current = mine.status;
        if (wanted.current === mine.status) wanted.current = undefined;
        if (!wanted.current) setStatusView(mine.status);
      });
      connection.on(CALLME_SERVER.waiting, (m: WaitingMessage) => setWaiting((w) => ({ ...w, [pkg.id]: m.waiting })));
      connection.on(CALLME_SERVER.taken, (m: TakenMessage) => setChats((list) => [...list.filter((c) => c.chatId !== m.chatId), { chatId: m.chatId, packageId: pkg.id, visitor: m.visitor, lines: m.lines as ChatLine[], earlierChats: m.earlierChats as DeskChat['earlierChats'] }]));
      connection.on(CALLME_SERVER.line, (line: ChatLine) => setChats((list) => list.map((c) => (c.chatId === line.chatId && !c.lines.some((l) => l.id === line.id) ? { ...c, lines: [...c.lines, line] } : c))));
      connection.on(CALLME_SERVER.closed, (m: { chatId: string }) => setChats((list) => list.filter((c) => c.chatId !== m.chatId)));
      connection.on(CALLME_SERVER.ring, (m: RingMessage) => setRing((r) => ({ ...m, minimised: r?.callId === m.callId ? r.minimised : false })));
      connection.on(CALLME_SERVER.ringEnded, (m: { callId: string }) => setRing((r) => (r?.callId === m.callId ? undefined : r)));
      connection.on(CALLME_SERVER.call, (m: CallStateMessage) => {
        setRing((r) => (r?.callId === m.callId ? undefined : r));
        if (m.state === 'ended' && m.reason === 'interrupted') setNotice('call-interrupted');
        setCall(m.state === 'ended' && !m.meetingUrl ? undefined : { ...m, packageId: pkg.id });
      });
      connection.on(CALLME_SERVER.error, (m: { code: string; message: string }) => {
        // Refused (Available during a call): the switch shows what the server holds.
        if (m.code === 'in-call') {
          wanted.current = undefined;
          setStatusView(serverStatus.current);
        }
        setError(m.message);
      });
      connection.onStatus((s) => {
        setConnections((all) => ({ ...all, [pkg.id]: s }));
        if (s === 'open' && wanted.current) connection.send('status', { status: wanted.current });
      });
      connection.connect().catch((e: unknown) => setError((e as Error).message));
    }
    const onPageHide = () => { for (const connection of open.values()) void connection.leave(); };
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      for (const connection of open.values()) void connection.leave();
      open.clear();
    };
  }, [start]);

  const states = Object.values(connections);
  const connection: CallmeStatus = states.includes('failed') ? 'failed' : states.includes('reconnecting') ? 'reconnecting' : states.includes('connecting') || states.length < start.packages.length ? 'connecting' : 'open';
  const sendTo = useCallback((packageId: string, type: string, message: unknown = {}) => rooms.current.get(packageId)?.send(type, message), []);
  const desk = useMemo<ConsultantDesk>(() => ({
    me: start.consultant,
    packages: start.packages,
    status, waiting, chats, ring, call, error, connection, notice,
    dismissNotice: () => setNotice(undefined),
    setStatus: (s) => {
      wanted.current = s;
      setStatusView(s);
      setError(undefined);
      for (const room of rooms.current.values()) room.send('status', { status: s });
    },
    take: (packageId) => sendTo(packageId, 'take', {}),
    reply: (chat, body) => sendTo(chat.packageId, 'reply', { chatId: chat.chatId, body }),
    askCall: (chat) => sendTo(chat.packageId, 'ask-call', { chatId: chat.chatId }),
    closeChat: (chat) => sendTo(chat.packageId, 'close', { chatId: chat.chatId }),
    answer: () => { if (ring) sendTo(ring.packageId, 'answer', { callId: ring.callId }); },
    reject: () => { if (ring) { sendTo(ring.packageId, 'reject', { callId: ring.callId }); setRing(undefined); } },
    minimiseRing: (minimised) => setRing((r) => (r ? { ...r, minimised } : r)),
    hangUp: () => { if (call) { sendTo(call.packageId, 'hangup', { callId: call.callId }); setCall(undefined); } },
    toMeeting: () => { if (call) sendTo(call.packageId, 'meeting', { callId: call.callId }); },
  }), [start, status, waiting, chats, ring, call, error, connection, notice, sendTo]);
  return <DeskContext.Provider value={desk}>{children}</DeskContext.Provider>;
}

/** The consultant's start data: who they are, their packages and a room ticket; undefined while loading, null when logged out. */
export function useConsultantStart(): { start: { consultant: ConsultantOut; packages: DeskPackage[]; ticket: string } | null | undefined; reload(): void } {
  const [start, setStart] = useState<{ consultant: ConsultantOut; packages: DeskPackage[]; ticket: string } | null | undefined>();
  const [n, setN] = useState(0);
  useEffect(() => {
    request<{ consultant: ConsultantOut; packages: DeskPackage[]; ticket: string }>('GET', '/callme/consultant/me').then(setStart).catch(() => setStart(null));
  }, [n]);
  return { start, reload: () => setN((x) => x + 1) };
}
