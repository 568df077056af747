import { Client, type Room } from '@colyseus/sdk';
import type { ChatLine, RoomError } from '../../shared/room-messages.ts';
import type { JoinOut } from '../../shared/join-schemas.ts';
import { LiveRoomState } from '../../shared/room-state.ts';

/** A participant in a live room through the real Colyseus SDK, recording what it receives. */
export class RoomParticipant {
  readonly chat: ChatLine[] = [];
  readonly errors: RoomError[] = [];
  history: ChatLine[] | undefined;

  private constructor(readonly room: Room<any>) {
    room.onMessage('chat-history', (lines: ChatLine[]) => {
      this.history = lines;
    });
    room.onMessage('chat', (line: ChatLine) => this.chat.push(line));
    room.onMessage('error', (error: RoomError) => this.errors.push(error));
  }

  static async enter(baseUrl: string, join: JoinOut, extraOptions: Record<string, unknown> = {}): Promise<RoomParticipant> {
    const room = await new Client(baseUrl).joinOrCreate(join.room.name, { ...extraOptions, eventId: join.room.eventId, ticket: join.ticket }, LiveRoomState);
    return new RoomParticipant(room);
  }

  send(type: string, message: unknown): void {
    this.room.send(type, message);
  }

  async leave(): Promise<void> {
    await this.room.leave().catch(() => undefined);
  }
}

/** Polls until `check` holds (or fails after `timeoutMs`): for asynchronous deliveries. */
export async function eventually<T>(check: () => T | undefined | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
