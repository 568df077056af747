import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { mainPositionMs, stateAt, timelineEndMs } from '../../../shared/automated-timeline-state.ts';
import type { Timeline } from '../../../shared/automated-timeline.ts';
import { SEEK_TOLERANCE_MS, type WatchOut, type WatchedRange } from '../../../shared/ondemand-schemas.ts';
import { ApiError } from '../api/http.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { useT } from '../i18n/i18n.tsx';
import { mmss, ondemandApi } from './ondemand-api.ts';
import { WatchCta, WatchPoll } from './watch-overlays.tsx';

const TICK_MS = 250;
const HEARTBEAT_MS = 5000;

/**
 * The viewer's own timeline (OD-1): what is on comes from `stateAt` at the viewer's
 * position; the position follows the <video> while a video plays and the wall clock
 * otherwise. Pause and seek follow the organizer's policy; with seeking off, a seek past
 * what was watched (plus 5 s) is refused here and the server refuses it too.
 */
export function WatchPlayer({ watch, onChatChange }: { watch: WatchOut & { timeline: Timeline }; onChatChange: (enabled: boolean) => void }) {
  const { t } = useT();
  const eventId = watch.eventId;
  const timeline = watch.timeline;
  const endMs = useMemo(() => timelineEndMs(timeline), [timeline]);
  const { allowPause, allowSeek } = watch.settings;
  const [pos, setPos] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [started, setStarted] = useState(false);
  const [notice, setNotice] = useState<string>();
  const video = useRef<HTMLVideoElement>(null);
  const r = useRef({ pos: 0, playing: false, segFrom: null as number | null, pending: [] as WatchedRange[], max: watch.viewer?.maxPosMs ?? 0, viewId: '', lastWall: 0 });
  const seekRef = useRef<(ms: number) => boolean>(() => false);
  const state = stateAt(timeline, pos);
  const main = state.main;
  const media = main && (main.kind === 'video' || main.kind === 'recording') ? main : null;

  useEffect(() => onChatChange(state.chatEnabled), [state.chatEnabled, onChatChange]);

  /** Ends the watched stretch at the current position (a new one begins when playing on). */
  const closeSegment = () => {
    const s = r.current;
    if (s.segFrom !== null && s.pos > s.segFrom) s.pending.push({ fromMs: Math.round(s.segFrom), toMs: Math.round(s.pos) });
    s.segFrom = s.playing ? s.pos : null;
  };

  const heartbeat = useCallback(async () => {
    const s = r.current;
    if (!s.viewId) return;
    closeSegment();
    const ranges = s.pending.splice(0);
    try {
      await ondemandApi.heartbeat(eventId, s.viewId, { positionMs: Math.round(Math.min(s.pos, endMs)), ranges, playing: s.playing });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'implausible-progress') setNotice(t('od.watch.progressRefused', { reason: error.message }));
    }
  }, [eventId, endMs, t]);

  /** Puts the <video> where the timeline says, when the item or the position changed under it. */
  const syncVideo = useCallback(() => {
    const el = video.current;
    const s = r.current;
    const at = mainPositionMs(stateAt(timeline, s.pos), s.pos);
    if (!el || at === null) return;
    if (Math.abs(el.currentTime * 1000 - at) > 500) el.currentTime = at / 1000;
    if (s.playing && el.paused) void el.play().catch(() => { el.muted = true; void el.play().catch(() => undefined); });
    if (!s.playing && !el.paused) el.pause();
  }, [timeline]);

  useEffect(() => {
    const timer = setInterval(() => {
      const s = r.current;
      const now = performance.now();
      const dt = s.lastWall ? now - s.lastWall : 0;
      s.lastWall = now;
      if (!s.playing) return;
      const on = stateAt(timeline, s.pos).main;
      const el = video.current;
      if (on && (on.kind === 'video' || on.kind === 'recording') && el && el.readyState >= 2) {
        const fromVideo = on.itemStartMs + el.currentTime * 1000 - on.inMs;
        // A jump the player did not make (media keys, devtools) is a seek: held to the policy before it counts.
        if (Math.abs(fromVideo - s.pos) > 2000 && !el.ended) {
          if (!seekRef.current(fromVideo)) el.currentTime = (on.inMs + s.pos - on.itemStartMs) / 1000;
          return;
        }
        // The video ended its item (or the file is shorter): the wall clock carries on.
        s.pos = el.ended ? s.pos + dt : fromVideo;
      } else if (!(on && (on.kind === 'video' || on.kind === 'recording'))) s.pos += dt;
      if (s.pos >= endMs) {
        s.pos = endMs;
        closeSegment();
        s.playing = false;
        setPlaying(false);
        void heartbeat();
      }
      s.max = Math.max(s.max, s.pos);
      setPos(s.pos);
    }, TICK_MS);
    const beats = setInterval(() => void heartbeat(), HEARTBEAT_MS);
    const leave = () => void heartbeat();
    window.addEventListener('pagehide', leave);
    return () => {
      clearInterval(timer);
      clearInterval(beats);
      window.removeEventListener('pagehide', leave);
    };
  }, [timeline, endMs, heartbeat]);

  useEffect(syncVideo, [media?.itemId, syncVideo, playing]);

  const start = async () => {
    const view = await ondemandApi.startView(eventId);
    const s = r.current;
    s.viewId = view.viewId;
    s.pos = view.resumeAtMs < endMs ? view.resumeAtMs : 0;
    s.playing = true;
    s.segFrom = s.pos;
    s.lastWall = performance.now();
    setPos(s.pos);
    setStarted(true);
    setPlaying(true);
  };

  const setPlay = (next: boolean) => {
    const s = r.current;
    if (!next && !allowPause) return;
    closeSegment();
    s.playing = next;
    s.segFrom = next ? s.pos : null;
    s.lastWall = performance.now();
    setPlaying(next);
    syncVideo();
    void heartbeat();
  };

  /** A seek by the viewer (scrubber, keyboard, or the video element itself). False when refused. */
  const seek = (ms: number): boolean => {
    const s = r.current;
    if (!allowSeek && ms > s.max + SEEK_TOLERANCE_MS) {
      setNotice(t('od.watch.seekRefused'));
      return false;
    }
    // A nudge of less than a second (the scrubber snapping to its step) is not a new seek.
    if (Math.abs(ms - s.pos) < 1000) return true;
    setNotice(undefined);
    closeSegment();
    s.pos = Math.max(0, Math.min(ms, endMs));
    s.segFrom = s.playing ? s.pos : null;
    setPos(s.pos);
    syncVideo();
    void heartbeat();
    return true;
  };

  // A seek or pause that did not come from our controls (media keys, devtools): held to the same policy.
  const onVideoSeeking = () => {
    const el = video.current;
    const on = stateAt(timeline, r.current.pos).main;
    if (!el || !on || (on.kind !== 'video' && on.kind !== 'recording')) return;
    const target = on.itemStartMs + el.currentTime * 1000 - on.inMs;
    if (Math.abs(target - r.current.pos) < 1000) return;
    if (!seek(target)) el.currentTime = (on.inMs + r.current.pos - on.itemStartMs) / 1000;
  };
  const onVideoPause = () => {
    const el = video.current;
    if (el && !allowPause && r.current.playing && !el.ended) void el.play().catch(() => undefined);
  };

  seekRef.current = seek;

  const asset = main && main.kind !== 'blank' ? watch.assets[main.assetId] : undefined;
  const poll = state.poll ? watch.polls.find((p) => p.id === state.poll!.pollId) : undefined;
  return (
    <div className="stack">
      <div className="od-stage" data-testid="od-stage" data-position={Math.round(pos)}>
        {!started && <Button variant="primary" onClick={() => void start()} data-testid="od-start">{t('od.watch.play')}</Button>}
        {started && state.ended && <p className="od-card">{t('od.watch.ended')}</p>}
        {started && !state.ended && media && asset && (
          <video ref={video} key={media.assetId} src={`${asset.base}/media`} playsInline preload="auto" onSeeking={onVideoSeeking} onPause={onVideoPause} onLoadedMetadata={syncVideo} data-testid="od-video" />
        )}
        {started && !state.ended && media && !asset && <p className="od-card">{t('od.watch.noVideo')}</p>}
        {started && !state.ended && main?.kind === 'slides' && asset && <img src={`${asset.base}/pages/${main.page + 1}`} alt={`${asset.name} ${main.page + 1}`} />}
        {started && !state.ended && main?.kind === 'blank' && <p className="od-card">{main.message || t('od.watch.blank')}</p>}
        {started && !state.ended && !main && <p className="od-card">{t('od.watch.blank')}</p>}
      </div>
      {started && (
        <div className="od-controls">
          {allowPause || !playing
            ? <Button size="sm" onClick={() => setPlay(!playing)} data-testid="od-play">{playing ? t('od.watch.pause') : t('od.watch.play')}</Button>
            : <span className="muted small">{t('od.watch.noPause')}</span>}
          <input type="range" min={0} max={endMs} step={1000} value={Math.floor(pos / 1000) * 1000} aria-label={t('od.watch.position')} aria-valuetext={mmss(pos)} data-testid="od-scrubber"
            onChange={(e) => seek(Number(e.target.value))} />
          <span aria-live="off">{mmss(pos)} / {mmss(endMs)}</span>
        </div>
      )}
      {!allowSeek && started && <p className="muted small">{t('od.watch.noSeek')}</p>}
      {notice && <Alert tone="warning"><span data-testid="od-notice">{notice}</span></Alert>}
      {started && state.cta && <WatchCta eventId={eventId} cta={state.cta} />}
      {started && state.poll && <WatchPoll key={state.poll.itemId} eventId={eventId} on={state.poll} poll={poll} beforeResults={heartbeat} />}
    </div>
  );
}
