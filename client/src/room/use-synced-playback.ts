import { useEffect, useMemo, useRef, useState } from 'react';
import { DRIFT, clockOffset, driftDecision, liveAnchor, positionAt, type ClockSample, type PlaybackAnchor } from '../../../shared/playback-anchor.ts';
import { PLAYBACK_MESSAGES, PLAYBACK_PONG, type PlaybackPong } from '../../../shared/playback-messages.ts';
import type { StagePlayer } from './stage-players.ts';

/** What the clock needs of a room connection: send a ping, hear the pongs (RoomConnection fits). */
export interface ClockLink {
  send(type: string, message: unknown): void;
  on(type: string, listener: (payload: PlaybackPong) => void): () => void;
}

const FIRST_PINGS = 7;
const PING_GAP_MS = 150;
const REFRESH_MS = 30_000;
const KEEP_SAMPLES = 15;

/**
 * This browser's estimate of the server's clock: NTP-style pings over the room's own
 * socket, the median of several samples (see clockOffset), refreshed every 30 s so a
 * clock that drifts or a network that changes is followed. Without a link (the recorder
 * view, on the server's own machine) the local clock is the server's.
 */
export class ServerClock {
  offsetMs = 0;
  rttMs = 0;
  samples: ClockSample[] = [];

  now(): number {
    return Date.now() + this.offsetMs;
  }

  add(sample: ClockSample): void {
    this.samples = [...this.samples, sample].slice(-KEEP_SAMPLES);
    const estimate = clockOffset(this.samples);
    if (estimate) {
      this.offsetMs = estimate.offsetMs;
      this.rttMs = estimate.rttMs;
    }
  }
}

export function useServerClock(link: ClockLink | undefined): ServerClock {
  const clock = useRef(new ServerClock()).current;
  useEffect(() => {
    if (!link) return;
    const off = link.on(PLAYBACK_PONG, (pong) => {
      if (typeof pong?.sentAt === 'number' && typeof pong.serverTime === 'number') clock.add({ sentAt: pong.sentAt, serverTime: pong.serverTime, receivedAt: Date.now() });
    });
    const timers: ReturnType<typeof setTimeout>[] = [];
    const ping = () => link.send(PLAYBACK_MESSAGES.ping, { sentAt: Date.now() });
    for (let i = 0; i < FIRST_PINGS; i++) timers.push(setTimeout(ping, i * PING_GAP_MS));
    const refresh = setInterval(() => {
      for (let i = 0; i < 3; i++) timers.push(setTimeout(ping, i * PING_GAP_MS));
    }, REFRESH_MS);
    return () => {
      off();
      clearInterval(refresh);
      timers.forEach(clearTimeout);
    };
  }, [link, clock]);
  return clock;
}

const TICK_MS = 100;

/**
 * The anchor in force now (see liveAnchor): when the room sent what plays next ahead of
 * time, the stage switches to it at its server time by this browser's clock, without
 * waiting for the room's message at the boundary.
 */
export function useLiveAnchor(anchor: PlaybackAnchor | null, clock: ServerClock): PlaybackAnchor | null {
  const [switches, setSwitches] = useState(0);
  const dueAt = anchor?.next?.serverTimeMs;
  useEffect(() => {
    if (dueAt === undefined) return;
    const timer = setTimeout(() => setSwitches((n) => n + 1), Math.max(0, dueAt - clock.now()));
    return () => clearTimeout(timer);
  }, [dueAt, clock]);
  // `switches` is in the list so that the clock is read again when the next item is due.
  return useMemo(() => (anchor ? liveAnchor(anchor, clock.now()) : null), [anchor, clock, switches]);
}

export interface SyncedPlayback {
  /** The browser refused sound: the video plays muted until the viewer unmutes it. */
  blocked: boolean;
  unmute(): void;
}

/**
 * Steers a player towards the room's live position, computed from the anchor and the
 * server clock, never from a broadcast position: it starts at the live position, then
 * corrects drift by a small playbackRate change below ~3 s and by a seek beyond. A seek
 * takes time (decoding from the previous key frame), so seeks aim ahead by what the last
 * ones were short of.
 */
export function useSyncedPlayback(player: StagePlayer | null, anchor: PlaybackAnchor | null, clock: ServerClock): SyncedPlayback {
  const [blocked, setBlocked] = useState(false);
  const anchorRef = useRef(anchor);
  anchorRef.current = anchor;

  useEffect(() => {
    if (!player) return;
    let seekLeadMs = 150;
    let seekPending = false;
    let starting = false;
    let stopped = false;
    const seek = (toMs: number, lead: boolean) => {
      player.seek(Math.max(0, toMs + (lead ? seekLeadMs : 0)));
      seekPending = lead;
    };
    const tick = () => {
      const queued = anchorRef.current;
      if (stopped || !queued || !player.isReady() || starting) return;
      const a = liveAnchor(queued, clock.now());
      const target = positionAt(a, clock.now());
      if (player.isSeeking()) return;
      const local = player.positionMs();
      if (seekPending) {
        // Learn how far short the last seek landed, for the next one.
        seekPending = false;
        if (!a.paused) seekLeadMs = Math.min(3000, Math.max(0, seekLeadMs + 0.8 * (target - local)));
      }
      const ended = a.source.durationMs !== null && target >= a.source.durationMs - 50;
      if (a.paused || ended) {
        if (!player.isPaused()) player.pause();
        const decision = driftDecision(local, target, { ...a, paused: true });
        if (decision.action === 'seek') seek(decision.toMs, false);
        return;
      }
      const decision = driftDecision(local, target, a);
      if (decision.action === 'seek') {
        player.setRate(a.rate);
        seek(decision.toMs, true);
        if (player.isPaused()) start();
        return;
      }
      player.setRate(decision.rate);
      if (player.isPaused()) {
        // Join or resume: start now and jump to the live position (ahead by what seeks take);
        // waiting for a paused seek to land exactly never ends, the room's clock runs on meanwhile.
        if (Math.abs(target - local) > DRIFT.toleranceMs) seek(target, true);
        start();
      }
    };
    const start = () => {
      starting = true;
      player.play().then(
        (withSound) => {
          starting = false;
          if (!withSound) setBlocked(true);
        },
        () => {
          starting = false;
        },
      );
    };
    const timer = setInterval(tick, TICK_MS);
    tick();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [player, clock]);

  return {
    blocked,
    unmute: () => {
      player?.setMuted(false);
      setBlocked(false);
    },
  };
}
