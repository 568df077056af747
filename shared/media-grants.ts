import type { Role } from './join-schemas.ts';
import { isStaff, mediaPolicy, type RoomMode } from './room-policy.ts';

/**
 * What a participant may do with audio and video, as one pure function of role and mode
 * (ROOM-3, ROOM-4). The server turns it into LiveKit token grants and participant
 * permissions; the client reads it to show the buttons the server will allow.
 */
export const MEDIA_SOURCES = ['microphone', 'camera', 'screen_share', 'screen_share_audio'] as const;
export type MediaSource = (typeof MEDIA_SOURCES)[number];

export interface MediaGrant {
  /** Sources the participant may publish; empty: listens only. */
  publish: readonly MediaSource[];
  /** Receives the others' audio and video. */
  subscribe: boolean;
}

/**
 * @param granted the host gave this attendee the microphone and camera (ROOM-4).
 * @param cameraSlot the room gave this participant one of the plan's camera slots (ROOM-5).
 *   Without one, nobody may publish a camera: LiveKit itself then refuses a sixth camera
 *   that a modified client tries to send.
 */
export function mediaGrant(mode: RoomMode, role: Role, granted: boolean, cameraSlot: boolean): MediaGrant {
  const policy = mediaPolicy(mode, role, granted);
  const publish: MediaSource[] = [];
  if (policy.speak) {
    publish.push('microphone');
    if (cameraSlot) publish.push('camera');
    // Screen sharing (ROOM-11) takes the main window: presenters only, in every mode.
    if (isStaff(role)) publish.push('screen_share', 'screen_share_audio');
  }
  return { publish, subscribe: policy.hear };
}

/** Whether this participant may ask for a camera slot at all. */
export function mayUseCamera(mode: RoomMode, role: Role, granted: boolean): boolean {
  return mediaPolicy(mode, role, granted).speak;
}
