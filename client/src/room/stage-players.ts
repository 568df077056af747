/**
 * One player interface over the three kinds of stage video (ROOM-12): an HTML video
 * element (library files and direct links), YouTube's IFrame Player API and Vimeo's
 * player postMessage API. The synchronisation (use-synced-playback.ts) only speaks to
 * this interface, so all three follow the same anchor the same way.
 */
export interface StagePlayer {
  /** Where the player is, in ms of the video. */
  positionMs(): number;
  seek(ms: number): void;
  setRate(rate: number): void;
  /** Resolves false when the browser refused to start with sound (autoplay policy). */
  play(): Promise<boolean>;
  pause(): void;
  isPaused(): boolean;
  /** A seek is still under way: no drift decision until it lands. */
  isSeeking(): boolean;
  setMuted(muted: boolean): void;
  /** The player can play (metadata and the first frames are there). */
  isReady(): boolean;
  destroy(): void;
}

/** Autoplay with sound refused: try again muted (the 'Unmute' bar asks for the gesture). */
async function playOrMute(start: () => Promise<unknown>, mute: () => void): Promise<boolean> {
  try {
    await start();
    return true;
  } catch (error) {
    if ((error as DOMException)?.name !== 'NotAllowedError') throw error;
    mute();
    await start();
    return false;
  }
}

export function htmlVideoPlayer(video: HTMLVideoElement): StagePlayer {
  let seeking = false;
  const onSeeking = () => { seeking = true; };
  const onSeeked = () => { seeking = false; };
  video.addEventListener('seeking', onSeeking);
  video.addEventListener('seeked', onSeeked);
  return {
    positionMs: () => video.currentTime * 1000,
    seek: (ms) => {
      seeking = true;
      video.currentTime = ms / 1000;
    },
    setRate: (rate) => {
      if (Math.abs(video.playbackRate - rate) > 0.001) video.playbackRate = rate;
    },
    play: () => playOrMute(() => video.play(), () => { video.muted = true; }),
    pause: () => video.pause(),
    isPaused: () => video.paused,
    isSeeking: () => seeking || video.seeking,
    setMuted: (muted) => { video.muted = muted; },
    isReady: () => video.readyState >= 2,
    destroy: () => {
      video.removeEventListener('seeking', onSeeking);
      video.removeEventListener('seeked', onSeeked);
    },
  };
}

/** The part of YouTube's IFrame API player (YT.Player) the adapter uses. */
export interface YouTubeApiPlayer {
  getCurrentTime(): number;
  seekTo(seconds: number, allowSeekAhead: boolean): void;
  setPlaybackRate(rate: number): void;
  getAvailablePlaybackRates(): number[];
  playVideo(): void;
  pauseVideo(): void;
  /** -1 unstarted, 0 ended, 1 playing, 2 paused, 3 buffering, 5 cued. */
  getPlayerState(): number;
  mute(): void;
  unMute(): void;
  isMuted(): boolean;
  destroy(): void;
}

/**
 * YouTube offers only a few fixed rates (0.25 steps): a small correction picks the
 * nearest offered rate in the right direction, or none; a big gap is a seek anyway.
 */
export function nearestYouTubeRate(wanted: number, available: number[]): number {
  if (available.length === 0) return 1;
  const sorted = [...available].sort((a, b) => a - b);
  if (Math.abs(wanted - 1) < 0.02) return sorted.includes(1) ? 1 : sorted.reduce((a, b) => (Math.abs(b - 1) < Math.abs(a - 1) ? b : a));
  const candidates = wanted > 1 ? sorted.filter((r) => r > 1) : sorted.filter((r) => r < 1).reverse();
  return candidates[0] ?? 1;
}

export function youTubePlayer(player: YouTubeApiPlayer): StagePlayer {
  let seekTarget: number | null = null;
  return {
    positionMs: () => player.getCurrentTime() * 1000,
    seek: (ms) => {
      seekTarget = ms;
      player.seekTo(ms / 1000, true);
    },
    setRate: (rate) => player.setPlaybackRate(nearestYouTubeRate(rate, player.getAvailablePlaybackRates())),
    play: async () => {
      player.playVideo();
      // YouTube does not reject a blocked start: it stays unstarted; then it may start muted.
      if (player.getPlayerState() === -1 && !player.isMuted()) {
        player.mute();
        player.playVideo();
        return false;
      }
      return !player.isMuted();
    },
    pause: () => player.pauseVideo(),
    isPaused: () => player.getPlayerState() !== 1 && player.getPlayerState() !== 3,
    isSeeking: () => {
      if (seekTarget === null) return false;
      // Landed once the reported time is near where it was sent (or it plays again).
      if (Math.abs(player.getCurrentTime() * 1000 - seekTarget) < 1500 || player.getPlayerState() === 1) seekTarget = null;
      return seekTarget !== null;
    },
    setMuted: (muted) => (muted ? player.mute() : player.unMute()),
    // The adapter is made in the API's onReady: it can take commands from then on.
    isReady: () => true,
    destroy: () => player.destroy(),
  };
}

/** Vimeo's player speaks JSON over postMessage ({ method, value }); events come back the same way. */
export interface VimeoChannel {
  post(method: string, value?: unknown): void;
}

/**
 * Vimeo's time comes by events (`timeupdate`, a few a second), so the adapter keeps the
 * last reported time and when it came, and extrapolates with the rate in between.
 */
export function vimeoPlayer(channel: VimeoChannel, now: () => number = () => performance.now()): StagePlayer & { receive(message: { event?: string; data?: { seconds?: number } }): void } {
  let lastSeconds = 0;
  let lastAt = now();
  let paused = true;
  let rate = 1;
  let seeking = false;
  let ready = false;
  return {
    receive(message) {
      if (message.event === 'ready') {
        ready = true;
        for (const event of ['timeupdate', 'play', 'pause', 'seeked']) channel.post('addEventListener', event);
      }
      if (message.event === 'timeupdate' && typeof message.data?.seconds === 'number') {
        lastSeconds = message.data.seconds;
        lastAt = now();
      }
      if (message.event === 'play') paused = false;
      if (message.event === 'pause') paused = true;
      if (message.event === 'seeked') seeking = false;
    },
    positionMs: () => lastSeconds * 1000 + (paused ? 0 : (now() - lastAt) * rate),
    seek: (ms) => {
      seeking = true;
      lastSeconds = ms / 1000;
      lastAt = now();
      channel.post('setCurrentTime', ms / 1000);
    },
    setRate: (next) => {
      if (Math.abs(next - rate) < 0.001) return;
      lastSeconds = lastSeconds + (paused ? 0 : ((now() - lastAt) * rate) / 1000);
      lastAt = now();
      rate = next;
      channel.post('setPlaybackRate', next);
    },
    play: async () => {
      channel.post('play');
      paused = false;
      return true;
    },
    pause: () => {
      channel.post('pause');
      paused = true;
    },
    isPaused: () => paused,
    isSeeking: () => seeking,
    setMuted: (muted) => channel.post('setMuted', muted),
    isReady: () => ready,
    destroy: () => undefined,
  };
}
