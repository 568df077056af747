import type { Actor, RoomModel, ParticipantModel } from './room-model.ts';
import { presenterCount } from './room-model.ts';
import { notAllowed, refuse } from './refusal.ts';

/** The host's moderation: roles, removal and bans, the attendee's microphone (ROOM-2, ROOM-4). */

function target(room: RoomModel, actor: Actor, participantId: string): ParticipantModel {
  const participant = room.participants.get(participantId);
  if (!participant || participant.excluded) refuse('no-such-participant', 'This participant is not in the event.');
  if (participant!.id === actor.participantId) refuse('not-yourself', 'You cannot do this to yourself.');
  if (participant!.role === 'host') refuse('not-the-host', 'The host cannot be changed or removed.');
  return participant!;
}

export function checkSetRole(room: RoomModel, actor: Actor, participantId: string, role: 'presenter' | 'attendee'): ParticipantModel {
  if (actor.role !== 'host') notAllowed('change roles');
  const participant = target(room, actor, participantId);
  if (participant.role === role) refuse('no-change', `${participant.name} is already ${role === 'presenter' ? 'a presenter' : 'an attendee'}.`);
  if (role === 'presenter' && presenterCount(room) >= room.limits.maxPresenters) {
    refuse('presenter-limit', `This plan allows ${room.limits.maxPresenters} presenters; make someone an attendee first.`);
  }
  return participant;
}

export function checkRemove(room: RoomModel, actor: Actor, participantId: string): ParticipantModel {
  if (actor.role !== 'host') notAllowed('remove participants');
  return target(room, actor, participantId);
}

export function checkGrantMedia(room: RoomModel, actor: Actor, participantId: string): ParticipantModel {
  if (actor.role !== 'host') notAllowed('give the microphone and camera');
  const participant = target(room, actor, participantId);
  if (participant.role !== 'attendee') refuse('not-an-attendee', 'Presenters have the microphone and camera already.');
  return participant;
}

export function checkRaiseHand(room: RoomModel, actor: Actor): void {
  if (room.status !== 'live') refuse('not-live', 'The event is not running.');
  if (actor.role !== 'attendee') notAllowed('raise a hand');
}
