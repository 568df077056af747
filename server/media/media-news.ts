import { TrackSource, type WebhookEvent } from 'livekit-server-sdk';
import type { MediaSource } from '../../shared/media-grants.ts';
import { fromTrackSource } from './livekit-grants.ts';
import type { MediaPermissionView } from './media-service.ts';

/**
 * A verified LiveKit webhook reduced to what a live room acts on, as plain JSON: it
 * travels to the room over the presence channel (Redis between processes).
 */
export type MediaNews =
  | { kind: 'media'; event: 'participant_joined'; identity: string; permission: MediaPermissionView | undefined }
  | { kind: 'media'; event: 'participant_left'; identity: string }
  | { kind: 'media'; event: 'track_published' | 'track_unpublished'; identity: string; trackSid: string; source: MediaSource };

export function toMediaNews(event: WebhookEvent): MediaNews | undefined {
  const identity = event.participant?.identity;
  if (!identity) return undefined;
  // The recorder (ROOM-13) is no participant of ours: the room must not hold it to a participant's rules.
  if (event.participant?.permission?.recorder) return undefined;
  switch (event.event) {
    case 'participant_joined': {
      const p = event.participant?.permission;
      const permission = p && { canPublish: p.canPublish, canSubscribe: p.canSubscribe, canPublishData: p.canPublishData, canPublishSources: [...p.canPublishSources] };
      return { kind: 'media', event: 'participant_joined', identity, permission };
    }
    case 'participant_left':
    case 'participant_connection_aborted':
      return { kind: 'media', event: 'participant_left', identity };
    case 'track_published':
    case 'track_unpublished': {
      const source = fromTrackSource(event.track?.source ?? TrackSource.UNKNOWN);
      if (!source || !event.track) return undefined;
      return { kind: 'media', event: event.event, identity, trackSid: event.track.sid, source };
    }
    default:
      return undefined;
  }
}

export function isMediaNews(news: unknown): news is MediaNews {
  return typeof news === 'object' && news !== null && (news as { kind?: unknown }).kind === 'media';
}
