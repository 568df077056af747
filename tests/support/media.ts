import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AudioSource, LocalAudioTrack, LocalVideoTrack, Room, RoomEvent, TrackKind, TrackPublishOptions, TrackSource, VideoBufferType, VideoFrame, VideoSource, VideoStream, type LocalTrack, type LocalTrackPublication, type Track } from '@livekit/rtc-node';
import { RoomServiceClient } from 'livekit-server-sdk';
import type { MediaCredentials } from '../../shared/media-schemas.ts';
import { startTestServer } from './test-server.ts';
import type { ServerOverrides } from '../../server/server.ts';
import { settleWithin } from './deadline.ts';

/** A test server with the project's own LiveKit server beside it, on free ports. */
export async function startMediaTestServer(env: Record<string, string> = {}, overrides: ServerOverrides = {}) {
  const server = await startTestServer({ env: { LIVEKIT_LOCAL: 'true', LIVEKIT_PORT: '0', LIVEKIT_RTC_PORT: '0', ...env }, overrides });
  const health = await (await fetch(`${server.url}/api/v1/health`)).json() as { media: { state: string; url?: string; reason?: string } };
  if (health.media.state !== 'ready') {
    await server.cleanup();
    throw new Error(`LiveKit did not start: ${health.media.reason ?? health.media.state} (run bash scripts/install-livekit.sh)`);
  }
  const keys = JSON.parse(readFileSync(join(server.dataDir, 'livekit-keys.json'), 'utf8')) as { apiKey: string; apiSecret: string };
  const apiUrl = health.media.url!.replace(/^ws/, 'http');
  return Object.assign(server, { liveKit: { ...keys, apiUrl, rooms: new RoomServiceClient(apiUrl, keys.apiKey, keys.apiSecret) } });
}

/** The claims of a LiveKit access token, after checking its HS256 signature with the secret. */
export function verifyMediaToken(token: string, secret: string): { sub: string; name?: string; exp: number; nbf?: number; video: Record<string, unknown> } {
  const [header, payload, signature] = token.split('.');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  if (!signature || !timingSafeEqual(Buffer.from(signature, 'base64url'), expected)) throw new Error('bad token signature');
  return JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
}

type Source = 'microphone' | 'camera' | 'screen_share';
const SOURCES: Record<Source, TrackSource> = {
  microphone: TrackSource.SOURCE_MICROPHONE,
  camera: TrackSource.SOURCE_CAMERA,
  screen_share: TrackSource.SOURCE_SCREENSHARE,
};

/**
 * A participant in the LiveKit room through @livekit/rtc-node, the way a browser would be:
 * it connects with the credentials our server handed out and publishes synthetic audio
 * or video. It records which remote tracks it is subscribed to.
 */
export class MediaPeer {
  readonly room = new Room();
  /** trackSid → who published it and its source, while subscribed. */
  readonly subscribed = new Map<string, { identity: string; source: TrackSource | undefined }>();
  /** Video frames decoded so far, by the identity that sent them: proof that media really arrives. */
  readonly frames = new Map<string, number>();
  disconnected = false;
  private readonly published = new Map<Source, LocalTrackPublication>();
  private readonly timers: NodeJS.Timeout[] = [];

  static async connect(credentials: MediaCredentials | null | undefined): Promise<MediaPeer> {
    if (!credentials) throw new Error('no media credentials');
    const peer = new MediaPeer();
    peer.room.on(RoomEvent.TrackSubscribed, (track, publication, participant) => {
      peer.subscribed.set(publication.sid!, { identity: participant.identity, source: publication.source });
      if (track.kind === TrackKind.KIND_VIDEO) void peer.countFrames(track, participant.identity);
    });
    peer.room.on(RoomEvent.TrackUnsubscribed, (_track, publication) => peer.subscribed.delete(publication.sid!));
    peer.room.on(RoomEvent.Disconnected, () => (peer.disconnected = true));
    await peer.room.connect(credentials.url, credentials.token, { autoSubscribe: true, dynacast: false });
    return peer;
  }

  get identity(): string {
    return this.room.localParticipant!.identity;
  }

  /**
   * Publishes a synthetic track from this source. LiveKit answers a publication it does
   * not allow with silence, which the SDK reports after 10 s: 'refused'.
   */
  async publish(source: Source): Promise<'published' | 'refused'> {
    if (this.published.has(source)) return 'published';
    const track = this.createTrack(source);
    try {
      const publication = await this.room.localParticipant!.publishTrack(track, new TrackPublishOptions({ source: SOURCES[source] }));
      this.published.set(source, publication);
      return 'published';
    } catch {
      return 'refused';
    }
  }

  async unpublish(source: Source): Promise<void> {
    const publication = this.published.get(source);
    this.published.delete(source);
    if (publication?.sid) await this.room.localParticipant!.unpublishTrack(publication.sid);
  }

  /** Subscribed remote tracks from this participant. */
  tracksFrom(identity: string): TrackSource[] {
    return [...this.subscribed.values()].filter((t) => t.identity === identity).map((t) => t.source!);
  }

  framesFrom(identity: string): number {
    return this.frames.get(identity) ?? 0;
  }

  private async countFrames(track: Track, identity: string): Promise<void> {
    try {
      const reader = new VideoStream(track).getReader();
      while (!(await reader.read()).done) this.frames.set(identity, this.framesFrom(identity) + 1);
    } catch {
      // The track ended.
    }
  }

  /** Bounded: LiveKit's goodbye may never be answered on a busy machine or once the server is gone. */
  async leave(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await settleWithin(this.room.disconnect(), 5_000);
  }

  private createTrack(source: Source): LocalTrack {
    if (source === 'microphone') {
      const audio = new AudioSource(48_000, 1);
      return LocalAudioTrack.createAudioTrack('microphone', audio);
    }
    const width = 320;
    const height = 180;
    const video = new VideoSource(width, height);
    const frame = new VideoFrame(new Uint8Array(width * height * 4).fill(128), width, height, VideoBufferType.RGBA);
    // A few frames a second, so the track carries real video.
    this.timers.push(setInterval(() => video.captureFrame(frame), 200));
    return LocalVideoTrack.createVideoTrack(source, video);
  }
}
