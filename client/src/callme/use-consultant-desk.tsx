import { Client, type Room } from '@colyseus/sdk';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { CALLME_ROOM_NAME, CALLME_SERVER, type CallStateMessage, type PresenceMessage, type RingMessage, type TakenMessage, type WaitingMessage } from '../../../shared/callme-room.ts';
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
  const rooms = useRef(new Map<string, Room>());
  const [status, setStatusView] = useState<ConsultantDesk['status']>(start.consultant.status);
  const [waiting, setWaiting] = useState<Record<string, number>>({});
  const [chats, setChats] = useState<DeskChat[]>([]);
  const [ring, setRing] = useState<ConsultantDesk['ring']>();
  const [call, setCall] = useState<ConsultantDesk['call']>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    let cancelled = false;
    const client = new Client(window.location.origin);
    for (const pkg of start.packages) {
      void client.joinOrCreate(CALLME_ROOM_NAME, { packageId: pkg.id, consultantTicket: start.ticket }).then((room) => {
        if (cancelled) { void room.leave(); return; }
        rooms.current.set(pkg.id, room);
        room.onMessage(CALLME_SERVER.presence, (m: PresenceMessage) => {
          const mine = m.consultants.find((c) => c.id === start.consultant.id);
          if (mine) setStatusView(mine.status);
        });
        room.onMessage(CALLME_SERVER.waiting, (m: WaitingMessage) => setWaiting((w) => ({ ...w, [pkg.id]: m.waiting })));
        room.onMessage(CALLME_SERVER.taken, (m: TakenMessage) => setChats((list) => [...list.filter((c) => c.chatId !== m.chatId), { chatId: m.chatId, packageId: pkg.id, visitor: m.visitor, lines: m.lines as ChatLine[], earlierChats: m.earlierChats as DeskChat['earlierChats'] }]));
        room.onMessage(CALLME_SERVER.line, (line: ChatLine) => setChats((list) => list.map((c) => (c.chatId === line.chatId && !c.lines.some((l) => l.id === line.id) ? { ...c, lines: [...c.lines, line] } : c))));
        room.onMessage(CALLME_SERVER.closed, (m: { chatId: string }) => setChats((list) => list.filter((c) => c.chatId !== m.chatId)));
        room.onMessage(CALLME_SERVER.ring, (m: RingMessage) => setRing({ ...m, minimised: false }));
        room.onMessage(CALLME_SERVER.ringEnded, (m: { callId: string }) => setRing((r) => (r?.callId === m.callId ? undefined : r)));
        room.onMessage(CALLME_SERVER.call, (m: CallStateMessage) => {
          setRing((r) => (r?.callId === m.callId ? undefined : r));
          setCall(m.state === 'ended' && !m.meetingUrl ? undefined : { ...m, packageId: pkg.id });
        });
        room.onMessage(CALLME_SERVER.error, (m: { message: string }) => setError(m.message));
        for (const type of [CALLME_SERVER.place, CALLME_SERVER.history, CALLME_SERVER.started]) room.onMessage(type, () => undefined);
      }).catch((e: unknown) => setError((e as Error).message));
    }
    const open = rooms.current;
    return () => {
      cancelled = true;
      for (const room of open.values()) void room.leave();
      open.clear();
    };
  }, [start]);

  const sendTo = useCallback((packageId: string, type: string, message: unknown = {}) => rooms.current.get(packageId)?.send(type, message), []);
  const desk = useMemo<ConsultantDesk>(() => ({
    me: start.consultant,
    packages: start.packages,
    status, waiting, chats, ring, call, error,
    setStatus: (s) => { for (const room of rooms.current.values()) room.send('status', { status: s }); },
    take: (packageId) => sendTo(packageId, 'take', {}),
    reply: (chat, body) => sendTo(chat.packageId, 'reply', { chatId: chat.chatId, body }),
    askCall: (chat) => sendTo(chat.packageId, 'ask-call', { chatId: chat.chatId }),
    closeChat: (chat) => sendTo(chat.packageId, 'close', { chatId: chat.chatId }),
    answer: () => { if (ring) sendTo(ring.packageId, 'answer', { callId: ring.callId }); },
    reject: () => { if (ring) { sendTo(ring.packageId, 'reject', { callId: ring.callId }); setRing(undefined); } },
    minimiseRing: (minimised) => setRing((r) => (r ? { ...r, minimised } : r)),
    hangUp: () => { if (call) { sendTo(call.packageId, 'hangup', { callId: call.callId }); setCall(undefined); } },
    toMeeting: () => { if (call) sendTo(call.packageId, 'meeting', { callId: call.callId }); },
  }), [start, status, waiting, chats, ring, call, error, sendTo]);
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
