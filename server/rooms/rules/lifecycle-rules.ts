import { isStaff, type MainView, type RoomMode } from '../../../shared/room-policy.ts';
import { onlineAttendees, type Actor, type RoomModel } from './room-model.ts';
import { notAllowed, refuse } from './refusal.ts';

/** Starting, ending and switching the room (ROOM-2, ROOM-3, ROOM-6, ROOM-10, ROOM-14). */

export function checkStart(room: RoomModel, actor: Actor): void {
  if (actor.role !== 'host') notAllowed('start the event');
  if (room.status === 'live') refuse('already-started', 'The event is already running.');
  if (room.status === 'ended') refuse('event-ended', 'The event has ended.');
}

export function checkEnd(room: RoomModel, actor: Actor): void {
  if (actor.role !== 'host') notAllowed('end the event');
  if (room.status === 'ended') refuse('event-ended', 'The event has already ended.');
}

/**
 * Presentation and private mode are always allowed to staff; discussion only while the
 * audience is small enough for everyone to talk (ROOM-3: 25 attendees, 5 on the trial).
 */
export function checkSetMode(room: RoomModel, actor: Actor, mode: RoomMode): void {
  if (!isStaff(actor.role)) notAllowed('change the mode');
  if (room.status === 'ended') refuse('event-ended', 'The event has ended.');
  if (mode === 'discussion') {
    const attendees = onlineAttendees(room);
    const limit = room.limits.maxAttendeesInDiscussion;
    if (attendees > limit) {
      refuse('discussion-too-big', `Discussion mode allows at most ${limit} attendees on this plan; ${attendees} are in the room.`);
    }
  }
}

export function checkHostSwitch(actor: Actor, what: string): void {
  if (actor.role !== 'host') notAllowed(what);
}

/** Presenters and the host choose the main window; nobody shows a screen that nobody shares. */
export function checkSetMainView(room: RoomModel, actor: Actor, view: MainView, screenShared: boolean): void {
  if (!isStaff(actor.role)) notAllowed('choose what the main window shows');
  if (room.status === 'ended') refuse('event-ended', 'The event has ended.');
  if (view === 'screen' && !screenShared) refuse('no-screen-shared', 'Nobody is sharing a screen right now.');
  if (view === 'slides' && !room.presentation) refuse('no-presentation', 'Open a presentation first.');
}
