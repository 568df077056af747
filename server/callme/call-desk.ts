import type { Client } from '@colyseus/core';
import { CALLME_SERVER, type CallStateMessage, type MediaLink, type RingMessage } from '../../shared/callme-room.ts';
import { AppError, forbidden } from '../domain/app-error.ts';
import type { Logger } from '../logger.ts';
import type { Visitor } from './chat-queue-store.ts';
import type { Call, CallsStore } from './calls-store.ts';
import type { Consultant, ConsultantsStore } from './consultants-store.ts';
import type { CallmePackage } from './packages-store.ts';

/** How long a call rings at one consultant before it passes to the next. */
export const RING_MS = 30_000;
/**
 * After a restart, how long a call found open in the database waits for its people to
 * come back: an answered call whose visitor or consultant is not back by then ends (both
 * are told, the consultant is Available again); a ringing one rings whoever is there.
 */
export const RESTART_GRACE_MS = 30_000;

/** What the desk needs of LiveKit: a token for one person in one call's audio room. */
export interface CallMedia {
  available(): boolean;
  link(room: string, identity: string, name: string): Promise<MediaLink | null>;
}

/** What the desk needs of the platform's meetings ("turn the call into a meeting"). */
export interface MeetingMaker {
  create(accountId: string, name: string): { presenterUrl: string; roomUrl: string };
}

type Who = { kind: 'visitor'; visitor: Visitor } | { kind: 'consultant'; consultant: Consultant };
type DeskClient = Client<{ auth: Who }>;

/** The package room as the desk sees it. */
export interface DeskRoom {
  pkg: CallmePackage;
  consultantClients(id?: string | null): DeskClient[];
  visitorClients(visitorId: string): DeskClient[];
  tellPresence(): void;
  later(fn: () => void, ms: number): { clear(): void };
}

export interface CallDeskDeps {
  calls: CallsStore;
  consultants: ConsultantsStore;
  media: CallMedia;
  meetings?: MeetingMaker;
  logger: Logger;
  ringMs?: number;
  graceMs?: number;
}

/**
 * Routes a visitor's voice call (CALL-5): it rings one available consultant at a time,
 * in one of their tabs only; a rejection or a ring left unanswered passes it on, and
 * with nobody left the visitor is told so (and offered "order a call"). Answering makes
 * the consultant Busy until the call ends, then Available again.
 */
export class CallDesk {
  private readonly timers = new Map<string, { clear(): void }>();
  /** Calls this room rings or carries (ids; their state is in SQLite). */
  private readonly openCalls = new Set<string>();

  /** Calls this room took over from before a restart, until their people are back (or the grace ends). */
  private readonly recovered = new Set<string>();

  /** The one tab (session id) each ringing call rings in: another tab of the same consultant stays quiet. */
  private readonly ringTab = new Map<string, string>();

  constructor(private readonly deps: CallDeskDeps, private readonly room: DeskRoom) {
    // A new room finding open calls means the process before it stopped mid-call: every
    // room closes its calls when its last client leaves.
    for (const call of deps.calls.openOfPackage(room.pkg.id)) {
      this.openCalls.add(call.id);
      this.recovered.add(call.id);
    }
    if (this.recovered.size) {
      const timer = room.later(() => this.endOfGrace(), deps.graceMs ?? RESTART_GRACE_MS);
      this.timers.set('grace', timer);
    }
  }

  /**
   * Someone is (back) in the room, after a drop or a restart: they get their call again,
   * an answered one with a fresh LiveKit link to the same audio room (LiveKit kept it, or
   * the link brings them back into it); a call that rang before a restart rings again.
   */
  async rejoined(client: DeskClient, who: Who): Promise<void> {
    const calls = [...this.openCalls].map((id) => this.deps.calls.find(id)).filter((c): c is Call => !!c && (c.state === 'ringing' || c.state === 'active'));
    for (const call of calls) {
      const mine = who.kind === 'visitor' ? call.visitorId === who.visitor.id : call.consultantId === who.consultant.id;
      if (call.state === 'active' && mine) {
        const consultant = this.deps.consultants.find(call.consultantId!);
        if (!consultant) continue;
        const roomName = `callme-${call.id}`;
        const media = who.kind === 'visitor'
          ? await this.deps.media.link(roomName, `visitor-${call.visitorId}`, 'Visitor')
          : await this.deps.media.link(roomName, `consultant-${consultant.id}`, `${consultant.firstName} ${consultant.lastName}`);
        client.send(CALLME_SERVER.call, { callId: call.id, state: 'connected', consultant: this.publicConsultant(consultant), media } satisfies CallStateMessage);
        if (this.bothBack(call)) this.recovered.delete(call.id);
      } else if (call.state === 'ringing') {
        if (who.kind === 'visitor' && mine) client.send(CALLME_SERVER.call, { callId: call.id, state: 'ringing' } satisfies CallStateMessage);
        if (this.recovered.has(call.id)) {
          // Its ring timer died with the old process: ring again once the visitor is here and someone can answer.
          if (this.room.visitorClients(call.visitorId).length && this.candidates(call, undefined).length) {
            this.recovered.delete(call.id);
            this.deps.calls.ringing(call.id, null);
            this.ringNext({ ...call, consultantId: null }, undefined);
          }
        } else if (mine && who.kind === 'consultant') {
          // The ringing tab back after a drop rings again; a tab opened meanwhile rings only if that tab is gone.
          const tab = this.ringTab.get(call.id);
          if (tab === client.sessionId || !this.room.consultantClients(who.consultant.id).some((c) => c.sessionId === tab && c !== client)) {
            this.ringTab.set(call.id, client.sessionId);
            client.send(CALLME_SERVER.ring, this.ringMessage(call));
          }
        }
      }
    }
  }

  visitorCalls(visitor: Visitor, preferConsultantId: string | undefined): void {
    const open = this.deps.calls.openOf(visitor.id);
    if (open) throw new AppError('call-in-progress', 409, 'A call is already in progress.');
    if (!this.deps.media.available()) {
      this.toVisitor(visitor.id, { callId: '', state: 'unanswered', reason: 'no-media' });
      return;
    }
    const call = this.deps.calls.create(this.room.pkg.id, visitor.id);
    this.toVisitor(visitor.id, { callId: call.id, state: 'ringing' });
    this.ringNext(call, preferConsultantId);
  }

  async answer(client: DeskClient, consultant: Consultant, callId: string): Promise<void> {
    const call = this.ownCall(callId);
    if (!this.deps.calls.answer(call.id, consultant.id)) throw new AppError('not-ringing', 409, 'This call no longer rings for you.');
    this.stopTimer(call.id);
    this.ringTab.delete(call.id);
    // Every package room of the account hears of it (ConsultantsStore.onStatus) and tells its presence.
    this.deps.consultants.setStatus(consultant.id, 'busy');
    for (const c of this.room.consultantClients(consultant.id)) if (c !== client) c.send(CALLME_SERVER.ringEnded, { callId });
    const roomName = `callme-${call.id}`;
    const [mine, theirs] = await Promise.all([
      this.deps.media.link(roomName, `consultant-${consultant.id}`, `${consultant.firstName} ${consultant.lastName}`),
      this.deps.media.link(roomName, `visitor-${call.visitorId}`, 'Visitor'),
    ]);
    const who = this.publicConsultant(consultant);
    client.send(CALLME_SERVER.call, { callId, state: 'connected', consultant: who, media: mine } satisfies CallStateMessage);
    this.toVisitor(call.visitorId, { callId, state: 'connected', consultant: who, media: theirs });
  }

  reject(consultant: Consultant, callId: string): void {
    const call = this.ownCall(callId);
    const after = this.deps.calls.rejected(call.id, consultant.id);
    if (!after) throw new AppError('not-ringing', 409, 'This call no longer rings for you.');
    this.stopTimer(call.id);
    for (const c of this.room.consultantClients(consultant.id)) c.send(CALLME_SERVER.ringEnded, { callId });
    this.ringNext(after, undefined);
  }

  /** Either side hangs up; a visitor may end only their own call, a consultant only the one they answered. */
  hangUp(who: Who, callId: string): void {
    const call = this.ownCall(callId);
    if (who.kind === 'visitor' && call.visitorId !== who.visitor.id) throw forbidden('not-your-call', 'This call is not yours.');
    if (who.kind === 'consultant' && (call.state !== 'active' || call.consultantId !== who.consultant.id)) throw forbidden('not-your-call', 'This call is not yours.');
    this.finish(call, 'hung-up');
  }

  /** The consultant moves the call into one of the platform's meetings (video, screen share, colleagues). */
  meeting(consultant: Consultant, callId: string): { presenterUrl: string; roomUrl: string } {
    const call = this.ownCall(callId);
    if (call.state !== 'active' || call.consultantId !== consultant.id) throw forbidden('not-your-call', 'This call is not yours.');
    if (!this.deps.meetings) throw new AppError('no-meetings', 409, 'Meetings are not available on this server.');
    const meeting = this.deps.meetings.create(consultant.accountId, `${this.room.pkg.companyName}: call with a visitor`);
    this.toVisitor(call.visitorId, { callId, state: 'ended', reason: 'hung-up', meetingUrl: meeting.roomUrl });
    this.finish(call, 'hung-up', false);
    return meeting;
  }

  /**
   * A tab closed: a visitor's call ends; a consultant's ringing passes on and their call ends.
   * A consultant with other tabs still open keeps both; a call ringing in the closed tab rings in their newest one.
   */
  left(who: Who, sessionId: string): void {
    if (who.kind === 'visitor') {
      if (this.room.visitorClients(who.visitor.id).length) return;
      const call = this.deps.calls.openOf(who.visitor.id);
      if (call) this.finish(call, 'hung-up');
      return;
    }
    const tabs = this.room.consultantClients(who.consultant.id);
    if (tabs.length) {
      for (const call of this.openCallsOf(who.consultant.id)) {
        if (call.state !== 'ringing' || this.ringTab.get(call.id) !== sessionId) continue;
        const tab = tabs.at(-1)!;
        this.ringTab.set(call.id, tab.sessionId);
        tab.send(CALLME_SERVER.ring, this.ringMessage(call));
      }
      return;
    }
    for (const call of this.openCallsOf(who.consultant.id)) {
      if (call.state === 'ringing') {
        const after = this.deps.calls.rejected(call.id, who.consultant.id);
        this.stopTimer(call.id);
        if (after) this.ringNext(after, undefined);
      } else this.finish(call, 'hung-up');
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) timer.clear();
    this.timers.clear();
  }

  private openCallsOf(consultantId: string): Call[] {
    return [...this.openCalls].map((id) => this.deps.calls.find(id)).filter((c): c is Call => !!c && (c.state === 'ringing' || c.state === 'active') && c.consultantId === consultantId);
  }

  /** Who may be rung for this call now: connected, may receive calls, Available, not asked before, not ringing for another call, not in a call. */
  private candidates(call: Call, preferConsultantId: string | undefined): Consultant[] {
    const busyRinging = new Set([...this.openCalls].map((id) => this.deps.calls.find(id)).filter((c) => c && c.id !== call.id && c.state === 'ringing').map((c) => c!.consultantId));
    const online = [...new Set(this.room.consultantClients().map((c) => (c.auth as { consultant: Consultant }).consultant.id))];
    const candidates = online
      .map((id) => this.deps.consultants.find(id))
      .filter((c): c is Consultant => !!c && c.mayReceiveCalls && c.status === 'available' && !call.rejectedBy.includes(c.id) && !busyRinging.has(c.id) && !this.deps.calls.activeOf(c.id));
    return candidates.sort((a, b) => Number(b.id === preferConsultantId) - Number(a.id === preferConsultantId));
  }

  private ringMessage(call: Call): RingMessage {
    const visitor = this.room.visitorClients(call.visitorId)[0]?.auth;
    const v = visitor?.kind === 'visitor' ? visitor.visitor : undefined;
    return { callId: call.id, packageId: this.room.pkg.id, visitor: { address: v?.address ?? '', os: v?.os ?? '', browser: v?.browser ?? '' }, chatId: null };
  }

  private ringNext(call: Call, preferConsultantId: string | undefined): void {
    this.openCalls.add(call.id);
    const next = this.candidates(call, preferConsultantId)[0];
    if (!next) {
      this.ringTab.delete(call.id);
      this.deps.calls.end(call.id, 'unanswered');
      this.openCalls.delete(call.id);
      this.toVisitor(call.visitorId, { callId: call.id, state: 'unanswered', reason: call.rejectedBy.length ? 'rejected' : 'nobody-available' });
      return;
    }
    this.deps.calls.ringing(call.id, next.id);
    // One tab only: the one that joined last (the consultant's newest window).
    const tab = this.room.consultantClients(next.id).at(-1)!;
    this.ringTab.set(call.id, tab.sessionId);
    tab.send(CALLME_SERVER.ring, this.ringMessage(call));
    this.timers.set(call.id, this.room.later(() => {
      this.timers.delete(call.id);
      const after = this.deps.calls.rejected(call.id, next.id);
      if (!after) return;
      for (const c of this.room.consultantClients(next.id)) c.send(CALLME_SERVER.ringEnded, { callId: call.id });
      this.ringNext(after, undefined);
    }, this.deps.ringMs ?? RING_MS));
  }

  private bothBack(call: Call): boolean {
    return this.room.visitorClients(call.visitorId).length > 0 && !!call.consultantId && this.room.consultantClients(call.consultantId).length > 0;
  }

  /** The grace after a restart is over: calls whose people did not come back end, and everyone there is told. */
  private endOfGrace(): void {
    this.timers.delete('grace');
    for (const id of [...this.recovered]) {
      this.recovered.delete(id);
      const call = this.deps.calls.find(id);
      if (!call) continue;
      if (call.state === 'active' && !this.bothBack(call)) this.finish(call, 'interrupted');
      else if (call.state === 'ringing') {
        if (this.room.visitorClients(call.visitorId).length) this.ringNext({ ...call, consultantId: null }, undefined);
        else {
          this.deps.calls.end(call.id, 'unanswered');
          this.openCalls.delete(call.id);
        }
      }
    }
  }

  private publicConsultant(consultant: Consultant): NonNullable<CallStateMessage['consultant']> {
    return { id: consultant.id, firstName: consultant.firstName, photoUrl: this.deps.consultants.out(consultant).photoUrl };
  }

  private finish(call: Call, reason: CallStateMessage['reason'], tellVisitor = true): void {
    const before = this.deps.calls.end(call.id, 'ended');
    if (!before) return;
    this.stopTimer(call.id);
    this.ringTab.delete(call.id);
    this.openCalls.delete(call.id);
    if (tellVisitor) this.toVisitor(call.visitorId, { callId: call.id, state: 'ended', reason });
    if (before.consultantId) {
      for (const c of this.room.consultantClients(before.consultantId)) {
        c.send(before.state === 'ringing' ? CALLME_SERVER.ringEnded : CALLME_SERVER.call, before.state === 'ringing' ? { callId: call.id } : ({ callId: call.id, state: 'ended', reason } satisfies CallStateMessage));
      }
      if (before.state === 'active') this.deps.consultants.setStatus(before.consultantId, 'available');
    }
  }

  private ownCall(callId: string): Call {
    const call = this.deps.calls.find(callId);
    if (!call || call.packageId !== this.room.pkg.id) throw forbidden('not-your-call', 'No such call in this package.');
    return call;
  }

  private stopTimer(callId: string): void {
    this.timers.get(callId)?.clear();
    this.timers.delete(callId);
  }

  private toVisitor(visitorId: string, message: CallStateMessage): void {
    for (const c of this.room.visitorClients(visitorId)) c.send(CALLME_SERVER.call, message);
  }
}
