import { Client, type Room } from '@colyseus/sdk';
import { SERVER_MESSAGES, type ChatLine, type QuestionView, type RoomError, type RosterEntry, type YouMessage } from '../../shared/room-messages.ts';
import type { JoinOut } from '../../shared/join-schemas.ts';
import { LiveRoomState, WaitingRoomState } from '../../shared/live-room-state.ts';
import { settleWithin } from './deadline.ts';
import type { RoomConnection } from '../../shared/room-connection.ts';

/** A participant in a live room through the real Colyseus SDK, recording what it receives. */
export class RoomParticipant {
  readonly chat: ChatLine[] = [];
  readonly errors: RoomError[] = [];
  /** Every message by type, in arrival order. */
  readonly received = new Map<string, unknown[]>();
  history: ChatLine[] | undefined;
  you: YouMessage | undefined;
  roster = new Map<string, RosterEntry>();
  questions = new Map<string, QuestionView>();

  private constructor(readonly room: Room<any>) {
    const react: Record<string, (message: any) => void> = {
      'chat-history': (lines: ChatLine[]) => (this.history = lines),
      chat: (line: ChatLine) => this.chat.push(line),
      error: (error: RoomError) => this.errors.push(error),
      you: (you: YouMessage) => (this.you = you),
      roster: (entries: RosterEntry[]) => (this.roster = new Map(entries.map((e) => [e.id, e]))),
      'roster-update': (entries: RosterEntry[]) => entries.forEach((entry) => this.roster.set(entry.id, entry)),
      questions: (list: QuestionView[]) => (this.questions = new Map(list.map((q) => [q.id, q]))),
      'question-update': (q: QuestionView) => this.questions.set(q.id, q),
    };
    // The SDK's '*' handler only sees types without their own handler, so every known type gets one that also records.
    for (const type of Object.values(SERVER_MESSAGES)) {
      room.onMessage(type, (message: unknown) => {
        const list = this.received.get(type) ?? [];
        list.push(message);
        this.received.set(type, list);
        react[type]?.(message);
      });
    }
  }

  /** Enters the room the join answer names: the live room, or the waiting room before the start. */
  static async enter(baseUrl: string, join: JoinOut, extraOptions: Record<string, unknown> = {}): Promise<RoomParticipant> {
    const state = join.room.name === 'waiting_room' ? WaitingRoomState : LiveRoomState;
    const room = await new Client(baseUrl).joinOrCreate(join.room.name, { ...extraOptions, eventId: join.room.eventId, ticket: join.ticket }, state);
    return new RoomParticipant(room);
  }

  /** Enters the live room directly with a ticket (e.g. the one a waiting room handed over). */
  static async enterLive(baseUrl: string, eventId: number, ticket: string): Promise<RoomParticipant> {
    return new RoomParticipant(await new Client(baseUrl).joinOrCreate('live_event', { eventId, ticket }, LiveRoomState));
  }

  last<T>(type: string): T | undefined {
    return this.received.get(type)?.at(-1) as T | undefined;
  }

  /** Waits for the next error after `before` errors were seen. */
  async nextError(before = this.errors.length): Promise<RoomError> {
    return eventually(() => this.errors[before], 10_000, 'an error message');
  }

  send(type: string, message: unknown): void {
    this.room.send(type, message);
  }

  /** Leaves if still connected; the SDK's leave() never settles once the room already closed us. */
  async leave(): Promise<void> {
    if (!this.room.connection.isOpen) return;
    await settleWithin(this.room.leave(), 2000);
  }
}

/** Polls until `check` holds (or fails after `timeoutMs`): for asynchronous deliveries. `check` may be async. */
export async function eventually<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The host enters the live room and presses "Start event"; attendees then go straight in. */
export async function hostStarts(baseUrl: string, join: JoinOut): Promise<RoomParticipant> {
  const host = await RoomParticipant.enter(baseUrl, join);
  host.send('start-event', {});
  await eventually(() => host.room.state.status === 'live', 10_000, 'the event to start');
  return host;
}

/** Records every message of one type a connection receives, across re-entries. */
export function record<T>(connection: RoomConnection, type: string): T[] {
  const seen: T[] = [];
  connection.on(type, (m: T) => seen.push(m));
  return seen;
}
