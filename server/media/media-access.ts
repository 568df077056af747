import { mediaGrant } from '../../shared/media-grants.ts';
import type { MediaCredentials } from '../../shared/media-schemas.ts';
import { defaultMode } from '../../shared/room-policy.ts';
import type { EventRow } from '../domain/events-service.ts';
import type { ParticipantsStore } from '../domain/participants-store.ts';
import type { RoomStatesStore } from '../domain/room-states-store.ts';
import type { MediaService } from './media-service.ts';

/**
 * Media access decided from what is stored (the room's mode, the participant's role and
 * grant), for the places that act without a live room at hand: the join answer, the
 * waiting room's admission, and webhooks for an event whose room is not open. Never a
 * camera: camera slots are handed out by the live room only (ROOM-5).
 */
export class MediaAccess {
  constructor(
    private readonly media: MediaService,
    private readonly roomStates: RoomStatesStore,
    private readonly participants: ParticipantsStore,
  ) {}

  async credentials(event: EventRow, participantId: string): Promise<MediaCredentials | null> {
    const grant = this.storedGrant(event, participantId);
    const participant = this.participants.get(participantId, event.id);
    if (!grant || !participant) return null;
    return this.media.credentials(event.id, participant, grant);
  }

  /** Someone entered the LiveKit room while no live room is open: hold them to the stored rules. */
  async gate(event: EventRow, identity: string): Promise<void> {
    const grant = this.storedGrant(event, identity);
    if (!grant) return this.media.remove(event.id, identity);
    await this.media.setGrant(event.id, identity, grant);
  }

  private storedGrant(event: EventRow, participantId: string) {
    const participant = this.participants.get(participantId, event.id);
    if (!participant || participant.excluded) return undefined;
    const state = this.roomStates.get(event.id, { mode: defaultMode(event.kind) });
    // Attendees have no business in the media room before the start or after the end.
    if (participant.role === 'attendee' && state.status !== 'live') return undefined;
    return mediaGrant(state.mode, participant.role, participant.mediaGranted, false);
  }
}
