import { RoomServiceClient, TrackSource, WebhookReceiver, type VideoGrant, type WebhookEvent } from 'livekit-server-sdk';
import type { MediaGrant, MediaSource } from '../../shared/media-grants.ts';
import type { MediaCredentials, MediaStatus } from '../../shared/media-schemas.ts';
import type { Logger } from '../logger.ts';
import { mintLiveKitToken } from './livekit-token.ts';
import { fromTrackSource, permissionMatches, toPermission, toVideoGrant } from './livekit-grants.ts';

/** Long enough to connect; a connected client gets fresh tokens from LiveKit itself. */
export const MEDIA_TOKEN_TTL_SECONDS = 10 * 60;
const ROOM_PREFIX = 'event-';

/** How this server reaches a LiveKit deployment, local or external. */
export interface LiveKitLink {
  kind: 'local' | 'external';
  /** For the room service API (http or https). */
  apiUrl: string;
  /** What browsers connect to (ws or wss). */
  publicUrl: string;
  apiKey: string;
  apiSecret: string;
}

/** A participant as LiveKit sees it now. */
export interface MediaParticipant {
  identity: string;
  permission: MediaPermissionView | undefined;
  tracks: { sid: string; source: MediaSource | undefined; muted: boolean }[];
}
export interface MediaPermissionView {
  canPublish: boolean;
  canSubscribe: boolean;
  canPublishData: boolean;
  canPublishSources: TrackSource[];
}

export class WebhookRefused extends Error {}

/**
 * Everything the rest of the server asks of LiveKit: access tokens from a MediaGrant,
 * permission changes, removals and mutes through the room service API, and webhook
 * verification. Without a working LiveKit it answers "no media" (null credentials,
 * no-op changes) instead of failing, and `status` says why.
 */
export class MediaService {
  private link: { info: LiveKitLink; rooms: RoomServiceClient; webhooks: WebhookReceiver } | undefined;
  private current: MediaStatus;

  constructor(private readonly logger: Logger, initial: MediaStatus = { state: 'disabled', reason: 'Audio and video are turned off on this server (LIVEKIT_LOCAL=false).' }) {
    this.current = initial;
  }

  get status(): MediaStatus {
    return this.current;
  }

  get available(): boolean {
    return this.link !== undefined;
  }

  connect(info: LiveKitLink): void {
    this.link = { info, rooms: new RoomServiceClient(info.apiUrl, info.apiKey, info.apiSecret), webhooks: new WebhookReceiver(info.apiKey, info.apiSecret) };
    this.current = { state: 'ready', kind: info.kind, url: info.publicUrl };
  }

  /** LiveKit could not be started, or went away: no media from now on, and why. */
  fail(reason: string): void {
    this.link = undefined;
    this.current = { state: 'unavailable', reason };
    this.logger.warn(`audio and video unavailable: ${reason}`);
  }

  /** Whether LiveKit answers right now (for the health endpoint). */
  async probe(): Promise<{ ok: boolean; error?: string }> {
    if (!this.link) return { ok: false, error: 'reason' in this.current ? this.current.reason : 'not configured' };
    try {
      const response = await fetch(this.link.info.apiUrl, { signal: AbortSignal.timeout(2000) });
      return response.ok ? { ok: true } : { ok: false, error: `LiveKit answered ${response.status}` };
    } catch (error) {
      return { ok: false, error: `LiveKit does not answer: ${(error as Error).message}` };
    }
  }

  roomName(eventKey: string): string {
    return `${ROOM_PREFIX}${eventKey}`;
  }

  eventKeyOf(roomName: string | undefined): string | undefined {
    return roomName?.startsWith(ROOM_PREFIX) ? roomName.slice(ROOM_PREFIX.length) : undefined;
  }

  /** A short-lived token for this participant's identity with exactly this grant; null without media. */
  async credentials(eventKey: string, participant: { id: string; name: string }, grant: MediaGrant): Promise<MediaCredentials | null> {
    if (!this.link) return null;
    return { url: this.link.info.publicUrl, token: this.mint(participant.id, participant.name, MEDIA_TOKEN_TTL_SECONDS, toVideoGrant(this.roomName(eventKey), grant)) };
  }

  /** A token for a room that is not an event's (callme: a click-to-call voice call, room `callme-<id>`); null without media. */
  async credentialsForRoom(roomName: string, participant: { id: string; name: string }, grant: MediaGrant): Promise<MediaCredentials | null> {
    if (!this.link) return null;
    return { url: this.link.info.publicUrl, token: this.mint(participant.id, participant.name, MEDIA_TOKEN_TTL_SECONDS, toVideoGrant(roomName, grant)) };
  }

  /**
   * Credentials for a recording (ROOM-13): a hidden participant with LiveKit's `recorder`
   * flag (every client's `room.isRecording` turns on while it is there) that only
   * subscribes. Null without media.
   */
  async recorderCredentials(eventKey: string, identity: string, ttlSeconds = 12 * 3600): Promise<MediaCredentials | null> {
    if (!this.link) return null;
    const video = { room: this.roomName(eventKey), roomJoin: true, canSubscribe: true, canPublish: false, canPublishData: false, canUpdateOwnMetadata: false, hidden: true, recorder: true };
    return { url: this.link.info.publicUrl, token: this.mint(identity, 'Recorder', ttlSeconds, video) };
  }

  private mint(identity: string, name: string, ttlSeconds: number, video: VideoGrant): string {
    const { apiKey, apiSecret } = this.link!.info;
    return mintLiveKitToken(apiKey, apiSecret, { identity, name, ttlSeconds, video });
  }

  /** The LiveKit deployment in use (for the optional Egress back-end); undefined without media. */
  get linkInfo(): LiveKitLink | undefined {
    return this.link?.info;
  }

  /**
   * Sets a connected participant's permission to the grant (LiveKit then drops tracks
   * it no longer allows). False when they are not in the LiveKit room.
   */
  async setGrant(eventKey: string, identity: string, grant: MediaGrant): Promise<boolean> {
    if (!this.link) return false;
    try {
      await this.link.rooms.updateParticipant(this.roomName(eventKey), identity, { permission: toPermission(grant) });
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** Sets the grant only where LiveKit's current permission differs. */
  async ensureGrant(eventKey: string, participant: MediaParticipant, grant: MediaGrant): Promise<void> {
    if (!permissionMatches(participant.permission, grant)) await this.setGrant(eventKey, participant.identity, grant);
  }

  async remove(eventKey: string, identity: string): Promise<void> {
    if (!this.link) return;
    try {
      await this.link.rooms.removeParticipant(this.roomName(eventKey), identity);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** Turns a participant's microphone off; they may turn it on again themselves (ROOM-3). */
  async muteMicrophone(eventKey: string, participant: MediaParticipant): Promise<void> {
    if (!this.link) return;
    for (const track of participant.tracks) {
      if (track.source !== 'microphone' || track.muted) continue;
      try {
        await this.link.rooms.mutePublishedTrack(this.roomName(eventKey), participant.identity, track.sid, true);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
  }

  /** Who is in the event's LiveKit room now, with their permissions and tracks. */
  async participants(eventKey: string): Promise<MediaParticipant[]> {
    if (!this.link) return [];
    try {
      const list = await this.link.rooms.listParticipants(this.roomName(eventKey));
      // The hidden recorder (ROOM-13) is not one of the event's participants.
      return list.filter((p) => !p.permission?.recorder).map((p) => ({
        identity: p.identity,
        permission: p.permission,
        tracks: p.tracks.map((t) => ({ sid: t.sid, source: fromTrackSource(t.source), muted: t.muted })),
      }));
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  }

  /**
   * Checks a webhook's signature (a JWT over the SHA-256 of exactly these bytes, made
   * with our API secret) and only then parses it.
   */
  async verifyWebhook(body: string, authorization: string | undefined): Promise<WebhookEvent> {
    if (!this.link) throw new WebhookRefused('No LiveKit is configured on this server.');
    if (!authorization) throw new WebhookRefused('The webhook is not signed.');
    try {
      return await this.link.webhooks.receive(body, authorization);
    } catch (error) {
      throw new WebhookRefused(`The webhook signature is not valid: ${(error as Error).message}`);
    }
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as { status?: number; code?: string; message?: string };
  return e.status === 404 || e.code === 'not_found' || /not found|does not exist/i.test(e.message ?? '');
}
