import type { Role } from '../../shared/join-schemas.ts';
import { RECORDER_PLAYOUT_DELAY_MS, type RoomRecording } from '../../shared/recording-schemas.ts';
import type { RoomMode, RoomStatus } from '../../shared/room-policy.ts';
import { mediaPolicy } from '../../shared/room-policy.ts';
import { AppError } from '../domain/app-error.ts';
import type { Logger } from '../logger.ts';
import type { RecordedEvent, RecordingService } from './recording-service.ts';

/**
 * What the recorder plays out at a moment was said about RECORDER_PLAYOUT_DELAY_MS
 * earlier (plus the network and decoding, and more when the jitter buffer must grow).
 * Private mode is cut from a little less than that delay after the room saw it begin
 * (what plays then was said before it), and taken up again well past that delay after
 * it ended (what plays then was said after it): nothing said in private reaches the file.
 */
export const PAUSE_AFTER_MS = RECORDER_PLAYOUT_DELAY_MS - 300;
export const RESUME_AFTER_MS = RECORDER_PLAYOUT_DELAY_MS + 600;

/**
 * The live room's side of recording: the host's REC button, the account's autostart when
 * the event goes live, the stop at the end, and private mode. The room class calls
 * `observe` before every patch with its status and mode, so this needs no hook inside the
 * room's rules, and reads `light` into the synchronised state.
 */
export class RecordingDesk {
  private status: RoomStatus;
  private mode: RoomMode;
  /** When the room last looked (private mode began at most this long ago). */
  private lastSeen: number;

  constructor(
    private readonly service: RecordingService,
    private readonly event: RecordedEvent,
    initial: { status: RoomStatus; mode: RoomMode },
    private readonly deps: { autostart(accountId: string): boolean; language(accountId: string): string; logger: Logger; now(): number },
  ) {
    this.status = initial.status;
    this.mode = initial.mode;
    this.lastSeen = deps.now();
    // A room that opens again after a restart with REC still on records a new part.
    void this.service.roomOpened(event, { live: initial.status === 'live', private: !this.records(initial.mode) }).catch((e: unknown) => deps.logger.error(`event ${event.publicId}: could not resume the recording`, e));
  }

  /** What everyone's REC light shows. */
  get light(): RoomRecording {
    return this.service.roomView(this.event.id);
  }

  /** The host presses REC (on) or stop (off). */
  async request(role: Role, on: boolean, language: string | undefined): Promise<void> {
    if (role !== 'host') throw new AppError('not-allowed', 403, 'Only the host may start or stop the recording.');
    if (!on) return this.service.stop(this.event.id);
    if (this.status !== 'live') throw new AppError('not-live', 403, 'The recording starts once the event is live.');
    await this.service.start(this.event, { language: language ?? this.deps.language(this.event.accountId), paused: !this.records(this.mode) });
  }

  /** Called before every patch: acts on the start and end of the event and on private mode. */
  observe(status: RoomStatus, mode: RoomMode): void {
    const now = this.deps.now();
    const before = { status: this.status, mode: this.mode, seen: this.lastSeen };
    this.status = status;
    this.mode = mode;
    this.lastSeen = now;
    if (status !== before.status) {
      if (status === 'live' && this.deps.autostart(this.event.accountId)) {
        this.service.start(this.event, { language: this.deps.language(this.event.accountId), paused: !this.records(mode) }).catch((e: unknown) => this.deps.logger.warn(`event ${this.event.publicId}: autostart recording refused`, e));
      }
      if (status === 'ended') void this.service.stop(this.event.id).catch((e: unknown) => this.deps.logger.error(`event ${this.event.publicId}: the recording did not stop`, e));
    }
    if (mode !== before.mode) {
      // The change happened between the previous look and this one: each cut takes the side that keeps private mode out.
      if (!this.records(mode)) this.service.pause(this.event.id, before.seen + PAUSE_AFTER_MS);
      else if (!this.records(before.mode)) this.service.resume(this.event.id, now + RESUME_AFTER_MS);
    }
  }

  /** ROOM-13: the mode's own rule (private mode never records). */
  private records(mode: RoomMode): boolean {
    return mediaPolicy(mode, 'host').record;
  }
}
