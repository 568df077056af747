import { describe, expect, it } from 'vitest';
import { parseVideoLink } from '../../shared/video-links.ts';
import { nearestYouTubeRate, vimeoPlayer, youTubePlayer, type YouTubeApiPlayer } from '../../client/src/room/stage-players.ts';
import { driftDecision, positionAt, type PlaybackAnchor } from '../../shared/playback-anchor.ts';

describe('video links', () => {
  it('tells YouTube, Vimeo and direct files apart, by the id their players need', () => {
    expect(parseVideoLink('https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10')).toEqual({ kind: 'youtube', ref: 'dQw4w9WgXcQ' });
    expect(parseVideoLink('https://youtu.be/dQw4w9WgXcQ')).toEqual({ kind: 'youtube', ref: 'dQw4w9WgXcQ' });
    expect(parseVideoLink('https://m.youtube.com/shorts/dQw4w9WgXcQ')).toEqual({ kind: 'youtube', ref: 'dQw4w9WgXcQ' });
    expect(parseVideoLink('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ')).toEqual({ kind: 'youtube', ref: 'dQw4w9WgXcQ' });
    expect(parseVideoLink('https://vimeo.com/76979871')).toEqual({ kind: 'vimeo', ref: '76979871' });
    expect(parseVideoLink('https://player.vimeo.com/video/76979871?h=abc')).toEqual({ kind: 'vimeo', ref: '76979871' });
    expect(parseVideoLink('http://127.0.0.1:8080/clip.mp4')).toEqual({ kind: 'url', ref: 'http://127.0.0.1:8080/clip.mp4' });
  });

  it('refuses what no player can take', () => {
    expect(parseVideoLink('javascript:alert(1)')).toBeNull();
    expect(parseVideoLink('ftp://x/clip.mp4')).toBeNull();
    expect(parseVideoLink('not a url')).toBeNull();
    expect(parseVideoLink('https://www.youtube.com/watch?v=short')).toBeNull();
    expect(parseVideoLink('https://www.youtube.com/feed/trending')).toBeNull();
    expect(parseVideoLink('https://vimeo.com/channels/staffpicks')).toBeNull();
  });
});

/** A YouTube player in memory: time moves when playing, by the set rate. */
function fakeYouTube(options: { blocksSound?: boolean } = {}) {
  let clock = 0;
  let seconds = 0;
  let state = -1;
  let muted = false;
  let rate = 1;
  const log: string[] = [];
  const player: YouTubeApiPlayer = {
    getCurrentTime: () => seconds,
    seekTo: (s) => { seconds = s; log.push(`seek ${s}`); },
    setPlaybackRate: (r) => { rate = r; log.push(`rate ${r}`); },
    getAvailablePlaybackRates: () => [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2],
    playVideo: () => { if (!options.blocksSound || muted) state = 1; },
    pauseVideo: () => { state = 2; },
    getPlayerState: () => state,
    mute: () => { muted = true; },
    unMute: () => { muted = false; },
    isMuted: () => muted,
    destroy: () => undefined,
  };
  return { player, log, advance: (ms: number) => { clock += ms; if (state === 1) seconds += (ms / 1000) * rate; }, get rate() { return rate; }, get clock() { return clock; } };
}

describe('the YouTube adapter', () => {
  it('offers only YouTube\'s own rates: a small correction takes the next step in its direction', () => {
    const rates = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2];
    expect(nearestYouTubeRate(1.05, rates)).toBe(1.25);
    expect(nearestYouTubeRate(0.95, rates)).toBe(0.75);
    expect(nearestYouTubeRate(1.01, rates)).toBe(1);
    expect(nearestYouTubeRate(1.05, [1])).toBe(1);
  });

  it('a start refused with sound plays muted and says so', async () => {
    const yt = fakeYouTube({ blocksSound: true });
    const adapter = youTubePlayer(yt.player);
    expect(await adapter.play()).toBe(false);
    expect(yt.player.isMuted()).toBe(true);
    expect(adapter.isPaused()).toBe(false);
  });

  it('driven by the drift decisions, it converges on the room\'s position', async () => {
    const yt = fakeYouTube();
    const adapter = youTubePlayer(yt.player);
    const anchor: PlaybackAnchor = { source: { kind: 'youtube', ref: 'dQw4w9WgXcQ', url: '', title: 'x', durationMs: null }, serverTimeMs: 0, positionMs: 20_000, rate: 1, paused: false, version: 1, automated: false };
    await adapter.play();
    for (let i = 0; i < 400; i++) {
      yt.advance(100);
      if (adapter.isSeeking()) continue;
      const d = driftDecision(adapter.positionMs(), positionAt(anchor, yt.clock), anchor);
      if (d.action === 'seek') adapter.seek(d.toMs);
      else adapter.setRate(d.rate);
    }
    expect(Math.abs(adapter.positionMs() - positionAt(anchor, yt.clock))).toBeLessThan(250);
    expect(yt.log[0]).toMatch(/^seek /);
  });
});

describe('the Vimeo adapter', () => {
  it('listens to the player once ready and extrapolates between time updates at its rate', () => {
    let now = 0;
    const posted: { method: string; value?: unknown }[] = [];
    const player = vimeoPlayer({ post: (method, value) => posted.push({ method, value }) }, () => now);
    expect(player.isReady()).toBe(false);
    player.receive({ event: 'ready' });
    expect(player.isReady()).toBe(true);
    expect(posted.filter((p) => p.method === 'addEventListener').map((p) => p.value)).toEqual(['timeupdate', 'play', 'pause', 'seeked']);
    player.receive({ event: 'play' });
    player.receive({ event: 'timeupdate', data: { seconds: 10 } });
    now = 500;
    expect(player.positionMs()).toBe(10_500);
    player.setRate(1.1);
    now = 1500;
    expect(player.positionMs()).toBeCloseTo(11_600, 5);
    player.seek(30_000);
    expect(player.isSeeking()).toBe(true);
    expect(posted.at(-1)).toEqual({ method: 'setCurrentTime', value: 30 });
    player.receive({ event: 'seeked' });
    expect(player.isSeeking()).toBe(false);
    player.pause();
    now = 9000;
    expect(player.positionMs()).toBe(30_000);
  });
});
