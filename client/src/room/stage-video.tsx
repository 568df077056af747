import { Pause, Play, Square, Volume2 } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { parseAnchor, positionAt, type PlaybackAnchor } from '../../../shared/playback-anchor.ts';
import { PLAYBACK_MESSAGES } from '../../../shared/playback-messages.ts';
import { useT } from '../i18n/i18n.tsx';
import { htmlVideoPlayer, vimeoPlayer, youTubePlayer, type StagePlayer, type YouTubeApiPlayer } from './stage-players.ts';
import { useLiveAnchor, useServerClock, useSyncedPlayback, type ClockLink, type ServerClock } from './use-synced-playback.ts';
import './stage-video.css';

/**
 * The video on the stage (ROOM-12), rendered from the room state alone: `playback` is
 * the state's anchor JSON. Give it the room connection as `link` to measure the clock
 * offset (without one, as in the recorder view on the server's machine, the local clock
 * is used) and `act` for the presenters' controls (without it: no controls at all).
 */
export function StageVideo({ playback, link, act }: {
  playback: string;
  link?: ClockLink | undefined;
  act?: ((type: string, message?: unknown) => void) | undefined;
}) {
  const { t } = useT();
  const queued = useMemo(() => parseAnchor(playback), [playback]);
  const clock = useServerClock(link);
  // What plays now: a next video sent ahead takes over at its time by this browser's clock.
  const anchor = useLiveAnchor(queued, clock);
  const [player, setPlayer] = useState<StagePlayer | null>(null);
  const sync = useSyncedPlayback(player, anchor, clock);
  if (!anchor) return null;
  const key = `${anchor.source.kind}:${anchor.source.ref}`;
  // A next file sent ahead is loaded in a hidden element of its own key, which becomes the shown one at the switch.
  const upcoming = queued?.next && queued.next.source.ref !== anchor.source.ref && anchor === queued ? queued.next : null;
  const files = anchor.source.kind === 'youtube' || anchor.source.kind === 'vimeo' ? [] : [
    { key, url: anchor.source.url, title: anchor.source.title, active: true, startMs: 0 },
    ...(upcoming ? [{ key: `${upcoming.source.kind}:${upcoming.source.ref}`, url: upcoming.source.url, title: upcoming.source.title, active: false, startMs: upcoming.positionMs }] : []),
  ].sort((a, b) => a.key.localeCompare(b.key));
  return (
    <div className="stage-video" data-testid="stage-video-frame" data-source={anchor.source.kind}>
      {anchor.source.kind === 'youtube' ? <YouTubeFrame key={key} videoId={anchor.source.ref} onPlayer={setPlayer} />
        : anchor.source.kind === 'vimeo' ? <VimeoFrame key={key} videoId={anchor.source.ref} onPlayer={setPlayer} />
          : files.map((f) => <VideoElement key={f.key} url={f.url} title={f.title} active={f.active} preloadAtMs={f.startMs} onPlayer={setPlayer} />)}
      {sync.blocked && (
        <div className="stage-video-unmute" role="status">
          <span>{t('video.soundBlocked')}</span>
          <button type="button" onClick={sync.unmute} data-testid="stage-video-unmute"><Volume2 size={16} aria-hidden="true" />{t('video.unmute')}</button>
        </div>
      )}
      {act && <StageVideoControls anchor={anchor} clock={clock} act={act} />}
    </div>
  );
}

/**
 * A library file or a direct link. The signed link is renewed in the state from time to
 * time; the element keeps the one it loaded and takes the new one only if the old one fails.
 * An inactive element is the next item of a timeline, loading hidden at the position it
 * starts from (`preloadAtMs`); it becomes the player when it is shown.
 */
function VideoElement({ url, title, active, preloadAtMs, onPlayer }: { url: string; title: string; active: boolean; preloadAtMs: number; onPlayer: (p: StagePlayer | null) => void }) {
  const ref = useRef<HTMLVideoElement>(null);
  const [src, setSrc] = useState(url);
  const latest = useRef(url);
  latest.current = url;
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    const onError = () => {
      if (latest.current !== video.getAttribute('src')) setSrc(latest.current);
    };
    video.addEventListener('error', onError);
    if (!active) {
      const cue = () => { if (preloadAtMs > 0 && video.currentTime === 0) video.currentTime = preloadAtMs / 1000; };
      video.addEventListener('loadedmetadata', cue);
      return () => {
        video.removeEventListener('error', onError);
        video.removeEventListener('loadedmetadata', cue);
      };
    }
    const player = htmlVideoPlayer(video);
    onPlayer(player);
    return () => {
      video.removeEventListener('error', onError);
      player.destroy();
      onPlayer(null);
    };
  }, [onPlayer, active, preloadAtMs]);
  return <video ref={ref} className="stage-video-media" data-testid={active ? 'stage-video' : 'stage-video-next'} hidden={!active}
    src={src} title={title} playsInline preload="auto" />;
}

type YouTubeWindow = Window & { YT?: { Player: new (el: HTMLElement, options: unknown) => YouTubeApiPlayer }; onYouTubeIframeAPIReady?: () => void };

/** YouTube through its IFrame Player API (loaded once, on first use). */
function YouTubeFrame({ videoId, onPlayer }: { videoId: string; onPlayer: (p: StagePlayer | null) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const w = window as YouTubeWindow;
    let made: YouTubeApiPlayer | undefined;
    let gone = false;
    const create = () => {
      if (gone || !ref.current || !w.YT) return;
      const instance = new w.YT.Player(ref.current, {
        videoId,
        playerVars: { controls: 0, disablekb: 1, playsinline: 1, rel: 0 },
        events: { onReady: () => !gone && onPlayer(youTubePlayer(instance)) },
      });
      made = instance;
    };
    if (w.YT?.Player) create();
    else {
      const previous = w.onYouTubeIframeAPIReady;
      w.onYouTubeIframeAPIReady = () => {
        previous?.();
        create();
      };
      if (!document.querySelector('script[data-youtube-api]')) {
        const script = document.createElement('script');
        script.src = 'https://www.youtube.com/iframe_api';
        script.dataset.youtubeApi = '1';
        document.head.appendChild(script);
      }
    }
    return () => {
      gone = true;
      onPlayer(null);
      made?.destroy();
    };
  }, [videoId, onPlayer]);
  return <div className="stage-video-media" data-testid="stage-video-youtube"><div ref={ref} /></div>;
}

/** Vimeo through its player's postMessage API. */
function VimeoFrame({ videoId, onPlayer }: { videoId: string; onPlayer: (p: StagePlayer | null) => void }) {
  const ref = useRef<HTMLIFrameElement>(null);
  useEffect(() => {
    const frame = ref.current;
    if (!frame) return;
    const origin = 'https://player.vimeo.com';
    const player = vimeoPlayer({ post: (method, value) => frame.contentWindow?.postMessage(JSON.stringify({ method, value }), origin) });
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== origin || event.source !== frame.contentWindow) return;
      try {
        const message = typeof event.data === 'string' ? JSON.parse(event.data) : event.data;
        player.receive(message);
        if (message?.event === 'ready') onPlayer(player);
      } catch {
        // Not a message of the player's API.
      }
    };
    window.addEventListener('message', onMessage);
    return () => {
      window.removeEventListener('message', onMessage);
      onPlayer(null);
    };
  }, [videoId, onPlayer]);
  return <iframe ref={ref} className="stage-video-media" data-testid="stage-video-vimeo" title="Vimeo" allow="autoplay; fullscreen"
    src={`https://player.vimeo.com/video/${encodeURIComponent(videoId)}?api=1&controls=0&autoplay=0`} />;
}

const clockText = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** Play, pause, seek and stop for the presenters: each is a room message; the anchor comes back to everyone. */
function StageVideoControls({ anchor, clock, act }: { anchor: PlaybackAnchor; clock: ServerClock; act: (type: string, message?: unknown) => void }) {
  const { t } = useT();
  const [now, setNow] = useState(() => positionAt(anchor, clock.now()));
  const [dragging, setDragging] = useState<number | null>(null);
  useEffect(() => {
    const timer = setInterval(() => setNow(positionAt(anchor, clock.now())), 250);
    setNow(positionAt(anchor, clock.now()));
    return () => clearInterval(timer);
  }, [anchor, clock]);
  if (anchor.automated) return null;
  const duration = anchor.source.durationMs;
  const shown = dragging ?? now;
  return (
    <div className="stage-video-controls" data-testid="stage-video-controls">
      {anchor.paused
        ? <button type="button" onClick={() => act(PLAYBACK_MESSAGES.play)} aria-label={t('video.play')} data-testid="stage-video-play"><Play size={16} aria-hidden="true" /></button>
        : <button type="button" onClick={() => act(PLAYBACK_MESSAGES.pause)} aria-label={t('video.pause')} data-testid="stage-video-pause"><Pause size={16} aria-hidden="true" /></button>}
      <span className="stage-video-time" data-testid="stage-video-time">{clockText(shown)}{duration !== null && ` / ${clockText(duration)}`}</span>
      {duration !== null && (
        <input type="range" min={0} max={duration} step={1000} value={Math.round(shown)} aria-label={t('video.seek')} data-testid="stage-video-seek"
          onChange={(e) => setDragging(Number(e.target.value))}
          onPointerUp={() => {
            if (dragging !== null) act(PLAYBACK_MESSAGES.seek, { positionMs: dragging });
            setDragging(null);
          }}
          onKeyUp={(e) => {
            if (dragging !== null && (e.key.startsWith('Arrow') || e.key === 'Home' || e.key === 'End' || e.key === 'PageUp' || e.key === 'PageDown')) {
              act(PLAYBACK_MESSAGES.seek, { positionMs: dragging });
              setDragging(null);
            }
          }} />
      )}
      <button type="button" onClick={() => act(PLAYBACK_MESSAGES.stop)} aria-label={t('video.stop')} data-testid="stage-video-stop"><Square size={16} aria-hidden="true" /></button>
    </div>
  );
}
