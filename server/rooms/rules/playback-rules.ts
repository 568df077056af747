import { isStaff } from '../../../shared/room-policy.ts';
import { reanchor, type PlaybackAnchor, type PlaybackSource } from '../../../shared/playback-anchor.ts';
import type { Actor, RoomModel } from './room-model.ts';
import { notAllowed, refuse } from './refusal.ts';

/** A change of the stage video, as the room and the REST API both ask for it. */
export type PlaybackCommand =
  | { type: 'load'; source: PlaybackSource; positionMs: number; paused: boolean; automated?: boolean; serverTimeMs?: number }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'seek'; positionMs: number }
  | { type: 'stop' };

/** Who may change the stage video: the host and presenters, in a room that has not ended; a timeline's video only by its timeline. */
export function checkPlayback(room: Pick<RoomModel, 'status'>, actor: Pick<Actor, 'role' | 'participantId'>, anchor: PlaybackAnchor | null, command: PlaybackCommand['type'], byTimeline = false): void {
  if (!isStaff(actor.role)) notAllowed('play, pause or seek the stage video');
  if (room.status === 'ended') refuse('event-ended', 'The event has ended.');
  if (anchor?.automated && !byTimeline) refuse('timeline-video', 'The automated webinar\'s timeline plays this video; change the timeline to move it.');
  if (command !== 'load' && command !== 'stop' && !anchor) refuse('no-video', 'No video is on the stage; play one first.');
}

/** The anchor after the command (null: nothing on the stage). Pure: the caller stores it, then shows it. */
export function applyPlayback(anchor: PlaybackAnchor | null, command: PlaybackCommand, nowMs: number): PlaybackAnchor | null {
  switch (command.type) {
    case 'load':
      return {
        source: command.source,
        serverTimeMs: command.serverTimeMs ?? nowMs,
        positionMs: command.positionMs,
        rate: 1,
        paused: command.paused,
        version: (anchor?.version ?? 0) + 1,
        automated: command.automated ?? false,
      };
    case 'stop':
      return null;
    case 'play':
      return anchor!.paused ? reanchor(anchor!, nowMs, { paused: false }) : anchor;
    case 'pause':
      return anchor!.paused ? anchor : reanchor(anchor!, nowMs, { paused: true });
    case 'seek':
      if (anchor!.source.durationMs !== null && command.positionMs > anchor!.source.durationMs) {
        refuse('beyond-end', `The video is ${Math.round(anchor!.source.durationMs / 1000)} s long.`);
      }
      return reanchor(anchor!, nowMs, { positionMs: command.positionMs });
  }
}
