import { mayUseCamera } from '../../../shared/media-grants.ts';
import { refuse } from './refusal.ts';
import type { Actor, ParticipantModel, RoomModel } from './room-model.ts';

/**
 * May this participant take a camera slot now (ROOM-5)? Only someone who may speak in
 * the current mode, and only while fewer than the plan's `maxVideoStreams` cameras are
 * on. Holding a slot already is fine (asking twice changes nothing).
 */
export function checkCamera(room: RoomModel, actor: Actor, participant: ParticipantModel, slotsTaken: number, hasSlot: boolean): void {
  if (room.status === 'ended') refuse('event-ended', 'The event has ended.');
  if (!mayUseCamera(room.mode, actor.role, participant.mediaGranted)) refuse('not-allowed', 'You may not turn a camera on in this mode.');
  const limit = room.limits.maxVideoStreams;
  if (!hasSlot && slotsTaken >= limit) {
    refuse('stream-limit', `At most ${limit} cameras can be on at once. Wait until someone turns theirs off.`);
  }
}
