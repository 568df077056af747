import { positionAt, type PlaybackAnchor } from '../../shared/playback-anchor.ts';
import type { PlaybackLoad, StageVideoOut } from '../../shared/playback-messages.ts';
import { defaultMode } from '../../shared/room-policy.ts';
import type { Caller } from '../domain/accounts-service.ts';
import type { EventsService } from '../domain/events-service.ts';
import type { RoomStatesStore } from '../domain/room-states-store.ts';
import type { PlaybackServices } from './playback-desk.ts';
import { stageFileDeleted } from './stage-file-news.ts';
import { applyPlayback, checkPlayback, type PlaybackCommand } from './rules/playback-rules.ts';

/**
 * The stage video through REST (a script, a control panel): the same rules and the same
 * pure anchor maths as the room's messages. The anchor is stored first, then the event's
 * open room (in any process) hears `playback-changed` and shows the stored anchor.
 */
export class StageVideoService {
  constructor(
    private readonly events: EventsService,
    private readonly roomStates: RoomStatesStore,
    private readonly playback: PlaybackServices,
    /** Tells the event's open room (in any process); without `news`, that the anchor changed. */
    private readonly publish: (eventId: string, news?: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get(caller: Caller, publicId: number): StageVideoOut {
    const event = this.events.owned(caller, publicId);
    return this.out(this.playback.store.get(event.id));
  }

  load(caller: Caller, publicId: number, body: PlaybackLoad): StageVideoOut {
    const event = this.events.owned(caller, publicId);
    this.check(event.id, event.kind, 'load');
    const { source } = this.playback.sources.resolve(event.accountId, body.source);
    const next = this.apply(event.id, { type: 'load', source, positionMs: body.positionMs, paused: body.paused });
    const state = this.roomStates.get(event.id, { mode: defaultMode(event.kind) });
    if (state.mainView !== 'media') this.roomStates.update(event.id, state, { mainView: 'media' });
    this.publish(event.id);
    return this.out(next);
  }

  command(caller: Caller, publicId: number, command: Exclude<PlaybackCommand, { type: 'load' }>): StageVideoOut {
    const event = this.events.owned(caller, publicId);
    this.check(event.id, event.kind, command.type);
    const next = this.apply(event.id, command);
    this.publish(event.id);
    return this.out(next);
  }

  /**
   * A library file is being deleted: every stage playing it stops (the main window goes
   * back to the cameras), and the open rooms are told, naming the file for the presenters.
   */
  fileDeleted(file: { id: string; name: string }): void {
    for (const eventId of this.playback.store.stopFile(file.id)) {
      const state = this.roomStates.find(eventId);
      if (state?.mainView === 'media') this.roomStates.update(eventId, state, { mainView: 'video' });
      this.publish(eventId, stageFileDeleted('media', file.name));
    }
  }

  /** The account's own key or session acts as the event's host. */
  private check(eventId: string, kind: string, type: PlaybackCommand['type']): void {
    const status = this.roomStates.get(eventId, { mode: defaultMode(kind) }).status;
    checkPlayback({ status }, { role: 'host', participantId: 'api' }, this.playback.store.get(eventId), type);
  }

  private apply(eventId: string, command: PlaybackCommand): PlaybackAnchor | null {
    const next = applyPlayback(this.playback.store.get(eventId), command, this.now());
    this.playback.store.set(eventId, next);
    return next;
  }

  private out(anchor: PlaybackAnchor | null): StageVideoOut {
    const now = this.now();
    if (!anchor) return { playing: false, anchor: null, positionMs: null, serverTimeMs: now };
    const { url: _signedLink, ...source } = anchor.source;
    return { playing: !anchor.paused, anchor: { ...anchor, source }, positionMs: Math.round(positionAt(anchor, now)), serverTimeMs: now };
  }
}
