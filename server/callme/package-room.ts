import { Room, ServerError, type AuthContext, type Client } from '@colyseus/core';
import * as v from 'valibot';
import {
  CALLME_SERVER, CONSULTANT_MESSAGES, CallIdMessage, CallMessage, ChatIdMessage, JoinAsConsultant, JoinAsVisitor, ReplyMessage, SayMessage, StatusMessage, TakeMessage, VISITOR_MESSAGES,
  type CallStateMessage, type PlaceMessage, type PresenceMessage, type StartedMessage, type TakenMessage, type WaitingMessage,
} from '../../shared/callme-room.ts';
import { AppError, forbidden } from '../domain/app-error.ts';
import { RateLimiter } from '../domain/rate-limiter.ts';
import type { Logger } from '../logger.ts';
import type { ChatQueueStore, Visitor } from './chat-queue-store.ts';
import type { Consultant, ConsultantsStore } from './consultants-store.ts';
import type { CallmePackage, PackagesStore } from './packages-store.ts';
import { CallDesk, type CallDeskDeps } from './call-desk.ts';
import { isOpenAt } from '../../shared/callme-hours.ts';
import { estimateWaitSeconds, RECENT_CHATS, typicalChatSeconds } from '../../shared/callme-estimate.ts';

export interface PackageRoomDeps {
  packages: PackagesStore;
  consultants: ConsultantsStore;
  chats: ChatQueueStore;
  logger: Logger;
  calls: Omit<CallDeskDeps, 'consultants' | 'logger'>;
  /** Called when a chat closes (history e-mail). */
  onChatClosed?: (chatId: string, consultant: Consultant | undefined) => void;
}

type Who = { kind: 'visitor'; visitor: Visitor } | { kind: 'consultant'; consultant: Consultant };
type CallmeClient = Client<{ auth: Who }>;
const authOf = (client: CallmeClient): Who => {
  if (!client.auth) throw forbidden('not-admitted', 'Not admitted to this room.');
  return client.auth;
};

/**
 * The room of one package: consultant presence and the chat queue. The room holds no
 * state of its own that is not in SQLite (queue order, claims, lines), so after a restart
 * the same room rebuilds itself and every visitor gets back the place they had.
 */
/** How long a dropped connection may come back with its reconnection token. */
const RECONNECT_SECONDS = 30;

export function createPackageRoom(deps: PackageRoomDeps) {
  const flood = new RateLimiter(30, 60_000);
  const callFlood = new RateLimiter(6, 60_000);
  return class PackageRoom extends Room<{ client: CallmeClient }> {
    pkg!: CallmePackage;
    private desk!: CallDesk;
    private stopListening: (() => void) | undefined;

    override messages = {
      [VISITOR_MESSAGES.queue]: this.handle(v.object({}), (client) => {
        const who = this.visitorOf(client);
        if (!deps.chats.openChat(who.id)) this.requireOpen();
        const chat = deps.chats.enqueue(this.pkg.id, who.id);
        if (chat.state === 'active') this.tellVisitorStarted(client, chat.id, chat.consultantId);
        this.sendHistory(client, chat.id);
        this.tellQueue();
      }),
      [VISITOR_MESSAGES.say]: this.handle(SayMessage, (client, m) => {
        const who = this.visitorOf(client);
        if (!flood.take(`say:${who.id}`, `addr:${who.address}`)) throw new AppError('rate-limited', 429, 'Too many messages; wait a moment.');
        const chat = deps.chats.openChat(who.id);
        if (!chat) throw new AppError('no-chat', 409, 'Start a chat first.');
        this.deliver(chat.id, deps.chats.append(chat.id, 'visitor', m.body));
      }),
      [VISITOR_MESSAGES.leave]: this.handle(v.object({}), (client) => {
        const chat = deps.chats.openChat(this.visitorOf(client).id);
        if (chat) this.closeChat(chat.id);
      }),
      [VISITOR_MESSAGES.call]: this.handle(CallMessage, (client, m) => {
        const who = this.visitorOf(client);
        const chat = m.chatId ? deps.chats.chat(m.chatId) : undefined;
        const inChat = chat && chat.visitorId === who.id && chat.state === 'active' ? chat : undefined;
        // A call the consultant proposed in a chat may start after closing time; any other waits for the hours.
        if (!inChat) this.requireOpen();
        if (!callFlood.take(`call:${who.id}`, `addr:${who.address}`)) throw new AppError('rate-limited', 429, 'Too many calls from this address; wait a minute.');
        this.desk.visitorCalls(who, inChat?.consultantId ?? undefined);
      }),
      [VISITOR_MESSAGES.hangup]: this.handle(CallIdMessage, (client, m) => this.desk.hangUp(authOf(client), m.callId)),
      [CONSULTANT_MESSAGES.answer]: this.handle(CallIdMessage, (client, m) => this.desk.answer(client, this.consultantOf(client), m.callId)),
      [CONSULTANT_MESSAGES.reject]: this.handle(CallIdMessage, (client, m) => this.desk.reject(this.consultantOf(client), m.callId)),
      [CONSULTANT_MESSAGES.meeting]: this.handle(CallIdMessage, (client, m) => {
        const meeting = this.desk.meeting(this.consultantOf(client), m.callId);
        // The consultant opens it as its host; the room link is the one to send a colleague.
        client.send(CALLME_SERVER.call, { callId: m.callId, state: 'ended', reason: 'hung-up', meetingUrl: meeting.presenterUrl, inviteUrl: meeting.roomUrl } satisfies CallStateMessage);
      }),
      [CONSULTANT_MESSAGES.status]: this.handle(StatusMessage, (client, m) => {
        const consultant = this.consultantOf(client);
        if (m.status === 'available' && deps.calls.calls.activeOf(consultant.id)) {
          // Busy until the call ends: refused, and the consultant's app shows Busy again.
          client.send(CALLME_SERVER.error, { code: 'in-call', message: 'You are in a call: you stay Busy until it ends.' });
          client.send(CALLME_SERVER.presence, this.presenceView());
          return;
        }
        // Every package room of the account tells its presence (ConsultantsStore.onStatus).
        deps.consultants.setStatus(consultant.id, m.status);
      }),
      [CONSULTANT_MESSAGES.take]: this.handle(TakeMessage, (client, m) => {
        const consultant = this.consultantOf(client);
        const chatId = m.chatId ?? deps.chats.queue(this.pkg.id)[0]?.id;
        const chat = chatId ? deps.chats.chat(chatId) : undefined;
        if (!chat || chat.packageId !== this.pkg.id) throw new AppError('nobody-waiting', 409, 'Nobody is waiting.');
        if (!deps.chats.claim(chat.id, consultant.id)) throw new AppError('already-taken', 409, 'Another consultant has already taken this visitor.');
        this.sendTaken(client, chat.id, chat.visitorId);
        for (const c of this.visitorClients(chat.visitorId)) this.tellVisitorStarted(c, chat.id, consultant.id);
        this.tellQueue();
      }),
      [CONSULTANT_MESSAGES.reply]: this.handle(ReplyMessage, (client, m) => {
        const chat = this.ownChat(client, m.chatId);
        this.deliver(chat.id, deps.chats.append(chat.id, 'consultant', m.body));
      }),
      [CONSULTANT_MESSAGES.askCall]: this.handle(ChatIdMessage, (client, m) => {
        const chat = this.ownChat(client, m.chatId);
        this.deliver(chat.id, deps.chats.append(chat.id, 'consultant', 'Would you like to talk? Click to start a voice call.', 'call-proposal'));
      }),
      [CONSULTANT_MESSAGES.close]: this.handle(ChatIdMessage, (client, m) => {
        this.closeChat(this.ownChat(client, m.chatId).id);
      }),
    };

    override onCreate(options: unknown): void {
      const packageId = v.safeParse(v.object({ packageId: v.string() }), options);
      const pkg = packageId.success ? deps.packages.find(packageId.output.packageId) : undefined;
      if (!pkg) throw new ServerError(404, 'Package not found.');
      this.pkg = pkg;
      this.desk = new CallDesk({ ...deps.calls, consultants: deps.consultants, logger: deps.logger }, {
        pkg,
        consultantClients: (id) => this.consultantClients(id),
        visitorClients: (id) => this.visitorClients(id),
        tellPresence: () => this.tellPresence(),
        later: (fn, ms) => { const t = setTimeout(fn, ms); t.unref(); return { clear: () => clearTimeout(t) }; },
      });
      this.stopListening = deps.consultants.onStatus((c) => { if (c.accountId === this.pkg.accountId) this.tellPresence(); });
      // The room stays while consultants or visitors are connected; everything is in SQLite anyway.
      void this.setMetadata({ packageId: pkg.id });
    }

    override onAuth(_client: CallmeClient, options: unknown, _context: AuthContext): Who {
      const asVisitor = v.safeParse(JoinAsVisitor, options);
      if (asVisitor.success) {
        const visitor = deps.chats.visitorByToken(this.pkg.id, asVisitor.output.visitorToken);
        if (!visitor) throw new ServerError(403, 'Unknown visitor: open the widget again.');
        return { kind: 'visitor', visitor };
      }
      const asConsultant = v.safeParse(JoinAsConsultant, options);
      const consultant = asConsultant.success ? deps.consultants.readTicket(asConsultant.output.consultantTicket) : undefined;
      if (!consultant || consultant.accountId !== this.pkg.accountId) throw new ServerError(403, 'This ticket does not open this package.');
      return { kind: 'consultant', consultant };
    }

    override onJoin(client: CallmeClient): void {
      this.resync(client);
    }

    /**
     * A dropped socket (a network hiccup, a laptop lid) may come back with its
     * reconnection token for a while: the visitor keeps the place, the chat and the call,
     * and a consultant their chats and call. Only when it does not come back is it a leave.
     */
    override async onDrop(client: CallmeClient): Promise<void> {
      const socket = client.ref as unknown as { readyState: number; close(code: number, reason: string): void };
      const reconnection = this.allowReconnection(client, RECONNECT_SECONDS);
      // Colyseus drops a client whose socket it still thinks open to make way for its
      // reconnection; it never closes that old socket itself.
      if (socket.readyState === 1) socket.close(4001, 'Replaced by a newer connection.');
      await reconnection.catch(() => undefined);
    }

    /** What it missed while away is sent again: everything is in SQLite. */
    override onReconnect(client: CallmeClient): void {
      this.resync(client);
    }

    override onLeave(client: CallmeClient): void {
      if (client.auth) this.desk.left(client.auth, client.sessionId);
      if (client.auth?.kind === 'consultant') this.tellPresence();
    }

    override onDispose(): void {
      this.stopListening?.();
      this.desk.dispose();
    }

    override onUncaughtException(error: Error, methodName: string): void {
      deps.logger.error(`callme room ${this.roomId}: uncaught exception in ${methodName}`, error);
    }

    /** Everything a (re)joining visitor or consultant needs: their chat and place, or their chats; presence; their call. */
    private resync(client: CallmeClient): void {
      const who = authOf(client);
      if (who.kind === 'visitor') {
        const chat = deps.chats.openChat(who.visitor.id);
        if (chat) {
          this.sendHistory(client, chat.id);
          if (chat.state === 'active') this.tellVisitorStarted(client, chat.id, chat.consultantId);
        }
        this.tellQueue();
      } else {
        this.tellPresence();
        // A consultant back after a drop or a restart gets their open chats back.
        for (const chat of deps.chats.active(this.pkg.id).filter((c) => c.consultantId === who.consultant.id)) {
          this.sendTaken(client, chat.id, chat.visitorId);
        }
      }
      client.send(CALLME_SERVER.presence, this.presenceView());
      this.desk.rejoined(client, who).catch((error: unknown) => deps.logger.error('callme: giving a call back failed', error));
    }

    private handle<S extends v.GenericSchema>(schema: S, handler: (client: CallmeClient, message: v.InferOutput<S>) => void | Promise<void>) {
      return (client: CallmeClient, raw: unknown) => {
        const parsed = v.safeParse(schema, raw ?? {});
        if (!parsed.success) {
          const issue = parsed.issues[0];
          client.send(CALLME_SERVER.error, { code: 'invalid-message', message: issue.message, field: v.getDotPath(issue) });
          return;
        }
        const refuse = (error: unknown) => {
          if (error instanceof AppError) client.send(CALLME_SERVER.error, { code: error.code, message: error.message });
          else throw error;
        };
        try {
          const done = handler(client, parsed.output);
          if (done) done.catch((error: unknown) => { try { refuse(error); } catch (e) { deps.logger.error('callme room handler failed', e); } });
        } catch (error) {
          refuse(error);
        }
      };
    }

    /** Outside the package's working hours (in its zone, as they are now) a visitor orders a call instead. */
    private requireOpen(): void {
      const pkg = deps.packages.find(this.pkg.id) ?? this.pkg;
      if (!isOpenAt(pkg.hours, pkg.timeZone, new Date())) throw new AppError('closed', 409, 'Outside the working hours: order a call instead.');
    }

    private visitorOf(client: CallmeClient): Visitor {
      const who = authOf(client);
      if (who.kind !== 'visitor') throw forbidden('visitors-only', 'Only a visitor may do this.');
      return who.visitor;
    }

    private consultantOf(client: CallmeClient): Consultant {
      const who = authOf(client);
      if (who.kind !== 'consultant') throw forbidden('consultants-only', 'Only a consultant may do this.');
      return who.consultant;
    }

    private ownChat(client: CallmeClient, chatId: string) {
      const consultant = this.consultantOf(client);
      const chat = deps.chats.chat(chatId);
      if (!chat || chat.packageId !== this.pkg.id || chat.state !== 'active' || chat.consultantId !== consultant.id) throw forbidden('not-your-chat', 'This chat is not yours.');
      return chat;
    }

    visitorClients(visitorId: string): CallmeClient[] {
      return this.clients.filter((c) => c.auth?.kind === 'visitor' && c.auth.visitor.id === visitorId);
    }

    consultantClients(id?: string | null): CallmeClient[] {
      return this.clients.filter((c) => c.auth?.kind === 'consultant' && (id === undefined || c.auth.consultant.id === id));
    }

    private deliver(chatId: string, line: unknown): void {
      const chat = deps.chats.chat(chatId)!;
      for (const c of this.visitorClients(chat.visitorId)) c.send(CALLME_SERVER.line, line);
      if (chat.consultantId) for (const c of this.consultantClients(chat.consultantId)) c.send(CALLME_SERVER.line, line);
    }

    /** The consultant's chat window: the visitor's address, OS and browser, the lines, and their earlier chats. */
    private sendTaken(client: CallmeClient, chatId: string, visitorId: string): void {
      const visitor = deps.chats.visitorById(visitorId)!;
      client.send(CALLME_SERVER.taken, { chatId, visitor: { id: visitor.id, address: visitor.address, os: visitor.os, browser: visitor.browser }, lines: deps.chats.lines(chatId), earlierChats: deps.chats.earlierChats(visitor.id, chatId) } satisfies TakenMessage);
    }

    private sendHistory(client: CallmeClient, chatId: string): void {
      client.send(CALLME_SERVER.history, { chatId, lines: deps.chats.lines(chatId) });
    }

    private tellVisitorStarted(client: CallmeClient, chatId: string, consultantId: string | null): void {
      const consultant = consultantId ? deps.consultants.find(consultantId) : undefined;
      if (!consultant) return;
      const out = deps.consultants.out(consultant);
      client.send(CALLME_SERVER.started, { chatId, consultant: { id: out.id, firstName: out.firstName, photoUrl: out.photoUrl } } satisfies StartedMessage);
    }

    private closeChat(chatId: string): void {
      const chat = deps.chats.chat(chatId);
      if (!chat || chat.state === 'closed') return;
      deps.chats.close(chatId);
      for (const c of [...this.visitorClients(chat.visitorId), ...this.consultantClients(chat.consultantId)]) c.send(CALLME_SERVER.closed, { chatId });
      deps.onChatClosed?.(chatId, chat.consultantId ? deps.consultants.find(chat.consultantId) : undefined);
      this.tellQueue();
    }

    /** Each waiting visitor their own place; each consultant the count and the list. */
    private tellQueue(): void {
      const queue = deps.chats.queue(this.pkg.id);
      const typical = queue.length ? typicalChatSeconds(deps.chats.recentDurations(this.pkg.id, RECENT_CHATS)) : 0;
      const available = this.availableConsultants();
      queue.forEach((chat, index) => {
        const place: PlaceMessage = { chatId: chat.id, position: index + 1, waiting: queue.length, estimateSeconds: estimateWaitSeconds(index + 1, available, typical) };
        for (const c of this.visitorClients(chat.visitorId)) c.send(CALLME_SERVER.place, place);
      });
      const waiting: WaitingMessage = { waiting: queue.length, queue: queue.map((c) => ({ chatId: c.id, visitorId: c.visitorId, since: c.queuedAt.toISOString() })) };
      for (const c of this.consultantClients()) c.send(CALLME_SERVER.waiting, waiting);
    }

    /** Consultants connected now and Available: they work the queue in parallel. */
    private availableConsultants(): number {
      const online = new Set(this.consultantClients().map((c) => (c.auth as { consultant: Consultant }).consultant.id));
      return [...online].filter((id) => deps.consultants.find(id)?.status === 'available').length;
    }

    private presenceView(): PresenceMessage {
      const online = new Set(this.consultantClients().map((c) => (c.auth as { consultant: Consultant }).consultant.id));
      const consultants = deps.consultants.ofAccount(this.pkg.accountId).filter((c) => c.mayReceiveCalls).map((c) => {
        const out = deps.consultants.out(c);
        return { id: c.id, firstName: c.firstName, lastName: c.lastName, photoUrl: out.photoUrl, status: online.has(c.id) ? c.status : ('offline' as const) };
      });
      return { consultants };
    }

    /** Presence also moves every waiting visitor's estimate (more or fewer consultants Available). */
    tellPresence(): void {
      this.broadcast(CALLME_SERVER.presence, this.presenceView());
      this.tellQueue();
    }
  };
}
