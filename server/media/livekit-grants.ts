import { TrackSource, type ParticipantPermission, type VideoGrant } from 'livekit-server-sdk';
import type { MediaGrant, MediaSource } from '../../shared/media-grants.ts';

/**
 * The one MediaGrant (shared/media-grants.ts) in LiveKit's two shapes: the grant inside
 * an access token, and the permission the room service sets on a connected participant.
 * Both are complete on purpose: LiveKit replaces a permission as a whole, and a field
 * left out would fall back to a default that might allow more.
 */
const SOURCE: Record<MediaSource, TrackSource> = {
  microphone: TrackSource.MICROPHONE,
  camera: TrackSource.CAMERA,
  screen_share: TrackSource.SCREEN_SHARE,
  screen_share_audio: TrackSource.SCREEN_SHARE_AUDIO,
};
const NAME = new Map<TrackSource, MediaSource>(Object.entries(SOURCE).map(([name, source]) => [source, name as MediaSource]));

export const toTrackSource = (source: MediaSource): TrackSource => SOURCE[source];
export const fromTrackSource = (source: TrackSource): MediaSource | undefined => NAME.get(source);

/** The video grant of an access token for one LiveKit room. */
export function toVideoGrant(room: string, grant: MediaGrant): VideoGrant {
  return {
    room,
    roomJoin: true,
    canPublish: grant.publish.length > 0,
    canPublishSources: grant.publish.map(toTrackSource),
    canSubscribe: grant.subscribe,
    // Chat, hands and reactions go through our own room, where they are checked.
    canPublishData: false,
    canUpdateOwnMetadata: false,
  };
}

/** The same grant as a participant permission, for RoomServiceClient.updateParticipant. */
export function toPermission(grant: MediaGrant): Partial<ParticipantPermission> {
  return {
    canPublish: grant.publish.length > 0,
    canPublishSources: grant.publish.map(toTrackSource),
    canSubscribe: grant.subscribe,
    canPublishData: false,
    canUpdateMetadata: false,
    hidden: false,
    recorder: false,
    agent: false,
    canSubscribeMetrics: false,
    canManageAgentSession: false,
  };
}

/** Whether a participant's current permission already is the grant (nothing to update). */
export function permissionMatches(current: Pick<ParticipantPermission, 'canPublish' | 'canSubscribe' | 'canPublishSources' | 'canPublishData'> | undefined, grant: MediaGrant): boolean {
  if (!current) return false;
  const wanted = new Set(grant.publish.map(toTrackSource));
  const has = new Set(current.canPublishSources);
  return current.canPublish === grant.publish.length > 0
    && current.canSubscribe === grant.subscribe
    && !current.canPublishData
    && wanted.size === has.size && [...wanted].every((s) => has.has(s));
}
