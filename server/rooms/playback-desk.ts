import type { Client } from '@colyseus/core';
import type * as v from 'valibot';
import type { PlaybackAnchor } from '../../shared/playback-anchor.ts';
import { PLAYBACK_MESSAGE_SCHEMAS, PLAYBACK_MESSAGES, PLAYBACK_PONG, type PlaybackLoad, type PlaybackPong } from '../../shared/playback-messages.ts';
import type { RoomContext } from './room-context.ts';
import type { PlaybackSources } from './playback-sources.ts';
import type { PlaybackStore } from './playback-store.ts';
import { applyPlayback, checkPlayback, type PlaybackCommand } from './rules/playback-rules.ts';
import type { Actor } from './rules/room-model.ts';
import { refuse } from './rules/refusal.ts';
import { validated } from './validated-handler.ts';

/** What a room needs for the stage video; without it (a server built without files) presenters are told why. */
export interface PlaybackServices {
  store: PlaybackStore;
  sources: PlaybackSources;
}

/** What follows a timeline's video on the main lane: a library file, from a server time and a position. */
export interface TimelineNext { fileId: string; serverTimeMs: number; positionMs: number }

/** News on the event channel: the anchor changed through REST; open rooms reload it. */
export const PLAYBACK_NEWS = 'playback-changed';

/** A signed link is renewed this long before it runs out (a long pause, a long video). */
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * The stage video (ROOM-12): server-authoritative playback. The room holds one anchor
 * (server time, position, rate, paused, source), changed only by play, pause, seek,
 * load and stop, stored before it is shown; clients compute the live position from it
 * and their clock offset (the `playback-ping` answered here). Nothing is tied to the
 * presenter's connection, so the video plays on when the presenter leaves; a restart
 * reloads the anchor and the position follows from the clock.
 */
export class PlaybackDesk {
  private linkExpiresAt: number | null = null;
  private renewal = 0;

  constructor(private readonly ctx: RoomContext, private readonly services: PlaybackServices | undefined) {
    const stored = services?.store.get(ctx.model.eventId) ?? null;
    ctx.model.playback = stored ? this.fresh(stored) : null;
    // Its file was deleted while no room was open: the main window goes back to the cameras.
    if (stored && !ctx.model.playback && ctx.model.mainView === 'media') ctx.showMainView('video');
    this.armRenewal();
  }

  get anchor(): PlaybackAnchor | null {
    return this.ctx.model.playback ?? null;
  }

  load(sessionId: string, message: PlaybackLoad): void {
    const actor = this.ctx.actorOf(sessionId);
    checkPlayback(this.ctx.model, actor, this.anchor, 'load');
    const resolved = this.need().sources.resolve(this.ctx.event.accountId, message.source);
    this.linkExpiresAt = resolved.linkExpiresAt;
    this.commandAs(actor, { type: 'load', source: resolved.source, positionMs: message.positionMs, paused: message.paused });
    this.ctx.manualChange?.('main', 'video-load', actor);
  }

  command(sessionId: string, command: Exclude<PlaybackCommand, { type: 'load' }>): void {
    const actor = this.ctx.actorOf(sessionId);
    this.commandAs(actor, command);
    this.ctx.manualChange?.('main', `video-${command.type}`, actor);
  }

  /**
   * Also called by an automated webinar's timeline (`byTimeline`), which loads its
   * items with the anchor at the item's own start, so every room and every restart
   * computes the same position.
   */
  commandAs(actor: Actor, command: PlaybackCommand, byTimeline = false): void {
    const services = this.need();
    checkPlayback(this.ctx.model, actor, this.anchor, command.type, byTimeline);
    const next = applyPlayback(this.anchor, command, this.ctx.services.now().getTime());
    if (next === this.anchor) return;
    services.store.set(this.ctx.model.eventId, next);
    this.show(next);
  }

  /**
   * A timeline item's video by file id (the timeline's catalog already checked it is the
   * account's), with what follows it on the main lane when that is due soon (`next`, see
   * PlaybackAnchor.next): sent ahead, so every client switches at the boundary by its own
   * clock instead of waiting for the room's message.
   */
  loadForTimeline(actor: Actor, fileId: string, anchor: { serverTimeMs: number; positionMs: number }, next: TimelineNext | null = null): void {
    const current = this.anchor;
    const nextSame = (a: PlaybackAnchor) => (a.next ?? null) === null ? next === null
      : next !== null && a.next!.source.ref === next.fileId && a.next!.serverTimeMs === next.serverTimeMs && a.next!.positionMs === next.positionMs;
    if (current?.automated && current.source.kind === 'file' && current.source.ref === fileId
      && current.serverTimeMs - current.positionMs === anchor.serverTimeMs - anchor.positionMs) {
      // Already playing it, from the same start: only what follows may be new.
      if (nextSame(current)) return;
      this.setNext(actor, next);
      return;
    }
    const resolved = this.need().sources.resolve(this.ctx.event.accountId, { kind: 'file', fileId });
    this.linkExpiresAt = resolved.linkExpiresAt;
    this.commandAs(actor, { type: 'load', source: resolved.source, paused: false, automated: true, ...anchor }, true);
    if (next) this.setNext(actor, next);
  }

  private setNext(actor: Actor, next: TimelineNext | null): void {
    const services = this.need();
    const current = this.anchor;
    if (!current) return;
    checkPlayback(this.ctx.model, actor, current, 'load', true);
    const queued = next ? { source: services.sources.resolve(this.ctx.event.accountId, { kind: 'file', fileId: next.fileId }).source, serverTimeMs: next.serverTimeMs, positionMs: next.positionMs } : null;
    const updated: PlaybackAnchor = { ...current, next: queued };
    services.store.set(this.ctx.model.eventId, updated);
    this.ctx.model.playback = updated;
    this.ctx.outlet.sync();
  }

  /** The anchor changed through REST (this process or another): take the stored one. */
  reload(): void {
    const stored = this.services?.store.get(this.ctx.model.eventId) ?? null;
    if (stored?.version === this.anchor?.version && stored?.source.ref === this.anchor?.source.ref) return;
    this.show(stored ? this.fresh(stored) : null);
  }

  /** NTP-style: the client's send time back with the server's clock, to that client only. */
  pong(sessionId: string, sentAt: number): void {
    const pong: PlaybackPong = { sentAt, serverTime: this.ctx.services.now().getTime() };
    this.ctx.outlet.send(sessionId, PLAYBACK_PONG, pong);
  }

  private show(next: PlaybackAnchor | null): void {
    const before = this.anchor;
    this.ctx.model.playback = next;
    this.ctx.outlet.sync();
    // A new video takes the main window; a stopped one gives it back to the cameras.
    if (next && next.source.ref !== before?.source.ref) this.ctx.showMainView('media');
    if (!next && this.ctx.model.mainView === 'media') this.ctx.showMainView('video');
    this.armRenewal();
  }

  /**
   * The stored anchor with a signed link that works now (links are never stored as the
   * thing to trust). A file that is gone from the library leaves the stage: nobody is
   * handed a link to a deleted video.
   */
  private fresh(anchor: PlaybackAnchor): PlaybackAnchor | null {
    if (!this.services || anchor.source.kind !== 'file') return anchor;
    try {
      const renewed = this.services.sources.renew(anchor.source);
      this.linkExpiresAt = renewed.linkExpiresAt;
      return { ...anchor, source: renewed.source, ...(anchor.next && { next: this.freshNext(anchor) }) };
    } catch (error) {
      this.ctx.services.logger.warn(`stage video of ${this.ctx.model.eventId}: its file is gone, so it was taken off the stage`, error);
      this.services.store.set(this.ctx.model.eventId, null);
      this.linkExpiresAt = null;
      return null;
    }
  }

  /** The queued next item with a link that works now; dropped when its file is gone (the timeline queues it again or fails with a reason). */
  private freshNext(anchor: PlaybackAnchor): PlaybackAnchor['next'] {
    if (!anchor.next || !this.services) return anchor.next ?? null;
    try {
      return { ...anchor.next, source: this.services.sources.renew(anchor.next.source).source };
    } catch {
      return null;
    }
  }

  private armRenewal(): void {
    const generation = ++this.renewal;
    if (this.linkExpiresAt === null || !this.anchor) return;
    const due = Math.max(1000, this.linkExpiresAt - RENEW_BEFORE_MS - this.ctx.services.now().getTime());
    this.ctx.outlet.setTimeout(() => {
      if (generation !== this.renewal || !this.anchor) return;
      const renewed = this.fresh(this.anchor);
      if (renewed) {
        this.ctx.model.playback = renewed;
        this.ctx.outlet.sync();
        this.armRenewal();
      } else this.show(null);
    }, due);
  }

  private need(): PlaybackServices {
    if (!this.services) refuse('video-unavailable', 'Video on the stage is not available on this server.');
    return this.services!;
  }
}

/** The room's handlers of the stage video messages, spread into the room's `messages` map. */
export function playbackHandlers<C extends Client>(desk: () => PlaybackDesk) {
  const s = PLAYBACK_MESSAGE_SCHEMAS;
  const M = PLAYBACK_MESSAGES;
  const on = <T extends keyof typeof s>(type: T, handle: (sessionId: string, message: v.InferOutput<(typeof s)[T]>) => void) =>
    validated(type, s[type] as v.GenericSchema, (client: C, message) => handle(client.sessionId, message as v.InferOutput<(typeof s)[T]>));
  return {
    [M.load]: on(M.load, (id, m) => desk().load(id, m)),
    [M.play]: on(M.play, (id) => desk().command(id, { type: 'play' })),
    [M.pause]: on(M.pause, (id) => desk().command(id, { type: 'pause' })),
    [M.seek]: on(M.seek, (id, m) => desk().command(id, { type: 'seek', positionMs: m.positionMs })),
    [M.stop]: on(M.stop, (id) => desk().command(id, { type: 'stop' })),
    [M.ping]: on(M.ping, (id, m) => desk().pong(id, m.sentAt)),
  };
}
