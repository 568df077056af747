/**
 * The built-in recorder: one child process per recording part, started by
 * builtin-backend.ts with `node --import tsx` and driven over IPC.
 *
 * How it captures, and why this way on this machine: Debian's Chromium renders our own
 * recorder view (`/record/:eventId`, the stage as everyone sees it) headless at
 * 1280×720; the page joins LiveKit as the hidden `recorder` participant and plays every
 * track with one fixed delay. The picture is the DevTools screencast, each frame stamped
 * with its swap time. The sound is tapped in the page before it plays
 * (client/src/recordings/sound-tap.worker.ts: each Opus packet decoded with WebCodecs and
 * stamped by its RTP time, i.e. when it was made) and handed over through a DevTools
 * binding; it lands that same delay after it was made. Both reach ffmpeg through one
 * timeline (timeline.ts), so sound and picture stay together.
 * - Not the page's played-out sound: headless Chromium has no sound card and plays on a
 *   timer-driven fake device that falls behind on a busy machine (tried: the sound ended
 *   up 2–3 % later than the picture, growing).
 * - Not @livekit/rtc-node in this process (tried until 2026-12-07): its jitter buffer and
 *   10 ms pull timer hand sound over 300–800 ms after arrival depending on the load, and
 *   it gives no per-frame RTP time to correct that by, so the offset against the picture
 *   moved by hundreds of milliseconds between recordings.
 * - Not tab capture + MediaRecorder: it needs a capture picker that headless Chromium
 *   does not show, and would encode twice (VP8 in the page, H.264 here).
 * - Not Xvfb + PulseAudio like Egress: neither is installed, and both add processes.
 * ffmpeg writes a fragmented MP4 (H.264/AAC, a keyframe and a flushed fragment every
 * 2 s at most), so a crash of anything loses at most the last fragment; the server
 * remuxes with `-c copy +faststart` at the stop. When the server goes away (the IPC
 * channel closes, SIGKILL included), the recorder closes its file and exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { SoundClock } from './sound-clock.ts';
import { FPS, SAMPLE_RATE, Timeline } from './timeline.ts';
import type { RecorderJob, RecorderMessage, RecorderReport } from './recorder-protocol.ts';

const WIDTH = 1280;
const HEIGHT = 720;
/** Output runs this far behind real time, so late sound blocks and frames still find their place. */
const DELAY_MS = 700;
const TICK_MS = 100;
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // What Egress also passes: a page nobody looks at must not be throttled, and sound must start by itself.
  '--autoplay-policy=no-user-gesture-required', '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows',
  `--window-size=${WIDTH},${HEIGHT}`,
];

function send(report: RecorderReport): void {
  if (process.connected) process.send?.(report);
}

function ffmpegArgs(job: RecorderJob): string[] {
  return [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-y',
    '-thread_queue_size', '1024', '-f', 'image2pipe', '-c:v', 'mjpeg', '-framerate', String(FPS), '-i', 'pipe:3',
    '-thread_queue_size', '1024', '-f', 's16le', '-ar', String(SAMPLE_RATE), '-ac', '1', '-i', 'pipe:4',
    '-map', '0:v', '-map', '1:a',
    '-vf', `scale=${WIDTH}:${HEIGHT}:force_original_aspect_ratio=decrease,pad=${WIDTH}:${HEIGHT}:(ow-iw)/2:(oh-ih)/2,format=yuv420p`,
    '-c:v', 'libx264', '-preset', job.preset, '-tune', 'zerolatency', '-crf', '23', '-maxrate', '2M', '-bufsize', '4M',
    '-g', String(2 * FPS), '-keyint_min', String(2 * FPS), '-sc_threshold', '0', '-r', String(FPS),
    '-c:a', 'aac', '-b:a', '96k', '-ar', String(SAMPLE_RATE),
    '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '2000000', '-flush_packets', '1',
    '-f', 'mp4', job.file,
  ];
}

/** What the page's sound tap hands over per packet (client/src/recordings/sound-tap.ts). */
interface SoundPacket {
  track: string;
  rtp: number;
  arrival: number;
  pcm: string;
}

class Recorder {
  private ffmpeg!: ChildProcess;
  private browser: Browser | undefined;
  private page: Page | undefined;
  private cdp: CDPSession | undefined;
  private readonly clocks = new Map<string, SoundClock>();
  private timeline: Timeline | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopping: Promise<void> | undefined;
  private ffmpegExit!: Promise<string>;
  private readonly early: RecorderMessage[] = [];

  constructor(private readonly job: RecorderJob) {}

  /** One decoded packet from the page's tap: it plays where the page shows the picture made at the same moment. */
  private sound(payload: string): void {
    if (!this.timeline) return;
    let packet: SoundPacket;
    try {
      packet = JSON.parse(payload) as SoundPacket;
    } catch {
      return;
    }
    if (typeof packet.track !== 'string' || !Number.isFinite(packet.rtp) || !Number.isFinite(packet.arrival) || typeof packet.pcm !== 'string') return;
    const bytes = Buffer.from(packet.pcm, 'base64');
    let clock = this.clocks.get(packet.track);
    if (!clock) this.clocks.set(packet.track, (clock = new SoundClock(this.job.playoutDelayMs)));
    const block = clock.block(packet.rtp, packet.arrival, new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1));
    this.timeline.sound(block);
  }

  async start(): Promise<void> {
    this.ffmpeg = spawn(this.job.ffmpeg, ffmpegArgs(this.job), { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    let stderr = '';
    this.ffmpeg.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    this.ffmpegExit = new Promise((resolve) => this.ffmpeg.once('close', (code, signal) => resolve(`ffmpeg ended (${signal ?? code}): ${stderr.trim()}`)));
    void this.ffmpegExit.then((why) => {
      if (!this.stopping) void this.fail(why);
    });
    for (const n of [3, 4]) (this.ffmpeg.stdio[n] as Writable).on('error', () => undefined);

    this.browser = await chromium.launch({ executablePath: this.job.chromium, headless: true, args: CHROMIUM_ARGS });
    const context = await this.browser.newContext({ viewport: { width: WIDTH, height: HEIGHT }, deviceScaleFactor: 1 });
    this.page = await context.newPage();
    this.page.on('crash', () => void this.fail('the recorder page crashed'));
    this.cdp = await context.newCDPSession(this.page);
    // The page's sound tap (client/src/recordings/sound-tap.ts) hands over each decoded packet, stamped by when it was made.
    await this.cdp.send('Runtime.enable');
    await this.cdp.send('Runtime.addBinding', { name: '__recorderSound' });
    this.cdp.on('Runtime.bindingCalled', (call: { name: string; payload: string }) => {
      if (call.name === '__recorderSound') this.sound(call.payload);
    });
    // The page's own errors go to the server's log (a recorder that shows nothing says why).
    this.page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning' || process.env.RECORDER_DEBUG) process.stderr.write(`recorder page ${m.type()}: ${m.text().slice(0, 300)}\n`);
    });
    this.page.on('pageerror', (e) => process.stderr.write(`recorder page error: ${e.message}\n`));
    this.cdp.on('Page.screencastFrame', (frame: { data: string; sessionId: number; metadata: { timestamp?: number } }) => {
      // Chromium sends the next frame only after this one is acknowledged.
      void this.cdp?.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => undefined);
      const at = frame.metadata.timestamp ? frame.metadata.timestamp * 1000 : Date.now();
      const jpeg = Buffer.from(frame.data, 'base64');
      if (!this.timeline) this.begin(at);
      this.timeline!.frame(jpeg, at);
    });
    await this.page.goto(this.job.pageUrl, { waitUntil: 'load', timeout: 60_000 });
    await this.page.evaluate((p) => (window as unknown as { __recorderPrivate?: (on: boolean) => void }).__recorderPrivate?.(p), this.job.paused).catch(() => undefined);
    await this.cdp.send('Page.startScreencast', { format: 'jpeg', quality: 75, maxWidth: WIDTH, maxHeight: HEIGHT, everyNthFrame: 1 });
  }

  /** The timeline starts with the page's first frame (before it, there is nothing to show). */
  private begin(at: number): void {
    this.timeline = new Timeline({
      video: (jpeg) => (this.ffmpeg.stdio[3] as Writable).write(jpeg),
      audio: (pcm) => (this.ffmpeg.stdio[4] as Writable).write(pcm),
    }, at, this.job.paused, DELAY_MS);
    for (const m of this.early.splice(0)) this.handle(m);
    let ticks = 0;
    this.timer = setInterval(() => {
      this.timeline!.advance(Date.now());
      // The server stores the spans; once a second is enough (a crash's last span is measured from the file).
      if (++ticks % 10 === 0) send({ type: 'kept', spans: this.timeline!.spans(), writtenMs: this.timeline!.writtenMs });
    }, TICK_MS);
    send({ type: 'started', at });
  }

  handle(message: RecorderMessage): void {
    if (message.type === 'stop') {
      void this.stop().then(() => process.exit(0));
      return;
    }
    if (!this.timeline) {
      this.early.push(message);
      return;
    }
    if (message.type === 'pause') this.timeline.pause(message.at);
    else this.timeline.resume(message.at);
    // The page shows a slate in private mode (what Egress, which cannot pause, records instead).
    void this.page?.evaluate((on) => (window as unknown as { __recorderPrivate?: (on: boolean) => void }).__recorderPrivate?.(on), message.type === 'pause').catch(() => undefined);
  }

  /** Writes what is buffered, closes ffmpeg's inputs so it finishes the file, and closes the browser. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.timer) clearInterval(this.timer);
      await this.cdp?.send('Page.stopScreencast').catch(() => undefined);
      if (this.timeline) {
        this.timeline.advance(Date.now(), true);
        send({ type: 'kept', spans: this.timeline.spans(), writtenMs: this.timeline.writtenMs });
      }
      for (const n of [3, 4]) (this.ffmpeg.stdio[n] as Writable).end();
      const killer = setTimeout(() => this.ffmpeg.kill('SIGKILL'), 20_000);
      await this.ffmpegExit;
      clearTimeout(killer);
      await this.browser?.close().catch(() => undefined);
      send({ type: 'stopped' });
    })();
    return this.stopping;
  }

  private async fail(reason: string): Promise<void> {
    send({ type: 'failed', reason });
    await this.stop().catch(() => undefined);
    process.exit(1);
  }
}

let recorder: Recorder | undefined;
process.on('message', (message: RecorderMessage | { type: 'job'; job: RecorderJob }) => {
  if (message.type === 'job') {
    recorder = new Recorder(message.job);
    recorder.start().catch((error: unknown) => {
      send({ type: 'failed', reason: `the recorder could not start: ${(error as Error).message}` });
      void recorder?.stop().finally(() => process.exit(1));
    });
  } else recorder?.handle(message);
});
// The server went away (a crash, SIGKILL included): finish the file and go.
process.on('disconnect', () => void (recorder?.stop() ?? Promise.resolve()).finally(() => process.exit(0)));
process.on('SIGTERM', () => void (recorder?.stop() ?? Promise.resolve()).finally(() => process.exit(0)));
