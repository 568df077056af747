import type { Role } from './join-schemas.ts';

/**
 * The room's modes (ROOM-3) and the one function that says, for a role in a mode, who
 * may speak, who may be heard and seen, and whether recording runs. The media layer
 * turns this into LiveKit grants; the client uses it to show the right buttons.
 */
export const ROOM_MODES = ['presentation', 'discussion', 'private'] as const;
export type RoomMode = (typeof ROOM_MODES)[number];

/** What the main window shows for everyone (ROOM-11, ROOM-15): the presenters decide, stored with the room. */
export const MAIN_VIEWS = ['video', 'whiteboard', 'screen', 'slides'] as const;
export type MainView = (typeof MAIN_VIEWS)[number];
export const ROOM_STATUSES = ['waiting', 'live', 'ended'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];

export interface MediaPolicy {
  /** May publish microphone and camera. */
  speak: boolean;
  /** Receives the others' audio and video. */
  hear: boolean;
  /** Whether a recording may run in this mode (ROOM-13: never in private mode). */
  record: boolean;
}

export const isStaff = (role: Role): boolean => role === 'host' || role === 'presenter';

/**
 * @param granted the host gave this attendee the microphone and camera (ROOM-4).
 */
export function mediaPolicy(mode: RoomMode, role: Role, granted = false): MediaPolicy {
  const staff = isStaff(role);
  switch (mode) {
    case 'presentation':
      return { speak: staff || granted, hear: true, record: true };
    case 'discussion':
      return { speak: true, hear: true, record: true };
    case 'private':
      // Presenters talk among themselves; the audience hears and sees nothing.
      return { speak: staff, hear: staff, record: false };
  }
}

/** The default mode of an event kind: meetings start in discussion, everything else in presentation. */
export function defaultMode(kind: string): RoomMode {
  return kind === 'meeting' ? 'discussion' : 'presentation';
}
