import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveRoomState } from '../../../shared/live-room-state.ts';
import type { MediaCredentials } from '../../../shared/media-schemas.ts';
import type { RoomConnection } from '../../../shared/room-connection.ts';
import { CLIENT_MESSAGES, SERVER_MESSAGES, type CameraSlotMessage, type RoomError } from '../../../shared/room-messages.ts';
import type { RoomMode } from '../../../shared/room-policy.ts';

/** The room's media state, copied out of the synchronised schema. */
export interface MediaRoomView {
  mode: RoomMode;
  available: boolean;
  maxCameras: number;
  camerasOn: number;
  hdVideo: boolean;
  screenSharer: string;
  /** Host and presenters by id: their tiles show even with the camera off. */
  speakers: Map<string, { name: string; online: boolean }>;
}

export type CameraSlot = 'none' | 'asking' | 'granted';

/** Refusals that concern the media controls; the rest belongs to the room's own UI. */
const MEDIA_ERRORS = new Set(['stream-limit', 'media-unavailable', 'media-not-connected', 'not-allowed']);
/** Credentials closer than this to expiry are not worth connecting with. */
const EXPIRY_MARGIN_MS = 30_000;

export interface MediaLink {
  view: MediaRoomView | undefined;
  credentials: MediaCredentials | undefined;
  /** The server said there is no media (or could not give credentials). */
  refused: boolean;
  cameraSlot: CameraSlot;
  error: RoomError | undefined;
  /** Asks the room for a camera slot (ROOM-5), or gives it back. */
  requestCamera(on: boolean): void;
  /** New credentials, e.g. after LiveKit dropped the connection for good. */
  renewCredentials(): void;
  clearError(): void;
}

function expiresAt(token: string): number {
  try {
    const payload = token.split('.')[1] ?? '';
    return (JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number }).exp! * 1000;
  } catch {
    return 0;
  }
}

export function viewOf(state: LiveRoomState): MediaRoomView | undefined {
  const media = state.media;
  if (!media) return undefined;
  const speakers = new Map<string, { name: string; online: boolean }>();
  state.speakers.forEach((s) => speakers.set(s.id, { name: s.name, online: s.online }));
  return {
    mode: state.mode as RoomMode,
    available: media.available,
    maxCameras: media.maxCameras,
    camerasOn: media.camerasOn,
    hdVideo: media.hdVideo,
    screenSharer: media.screenSharer,
    speakers,
  };
}

const sameView = (a: MediaRoomView | undefined, b: MediaRoomView | undefined) =>
  JSON.stringify(a && { ...a, speakers: [...a.speakers] }) === JSON.stringify(b && { ...b, speakers: [...b.speakers] });

/**
 * The media side of a room connection: the LiveKit credentials (from the join answer,
 * or asked of the live room when they are missing or old: a waiting-room arrival, a
 * page kept open for long), the room's media state, and the camera-slot conversation.
 */
export function useMediaLink(connection: RoomConnection | undefined, initial: MediaCredentials | null): MediaLink {
  const usable = initial && expiresAt(initial.token) - Date.now() > EXPIRY_MARGIN_MS ? initial : undefined;
  const [credentials, setCredentials] = useState<MediaCredentials | undefined>(usable);
  const [view, setView] = useState<MediaRoomView>();
  const [refused, setRefused] = useState(false);
  const [cameraSlot, setCameraSlot] = useState<CameraSlot>('none');
  const [error, setError] = useState<RoomError>();
  const asked = useRef(false);

  useEffect(() => {
    if (!connection) return;
    const offs = [
      connection.onState((state: LiveRoomState) => {
        // The waiting room's state has no media: nothing to show there.
        const next = state.speakers ? viewOf(state) : undefined;
        setView((current) => (sameView(current, next) ? current : next));
      }),
      connection.on(SERVER_MESSAGES.mediaCredentials, (next: MediaCredentials) => {
        setRefused(false);
        setCredentials(next);
      }),
      connection.on(SERVER_MESSAGES.cameraSlot, (m: CameraSlotMessage) => setCameraSlot(m.granted ? 'granted' : 'none')),
      connection.on(SERVER_MESSAGES.error, (e: RoomError) => {
        if (!MEDIA_ERRORS.has(e.code) || !asked.current) return;
        asked.current = false;
        if (e.code === 'media-unavailable') setRefused(true);
        setCameraSlot('none');
        setError(e);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [connection]);

  const renewCredentials = useCallback(() => {
    asked.current = true;
    connection?.send(CLIENT_MESSAGES.mediaCredentials, {});
  }, [connection]);

  // Without usable credentials, ask the live room once it is there and offers media.
  const liveAndAvailable = view?.available === true;
  useEffect(() => {
    if (!credentials && liveAndAvailable) renewCredentials();
  }, [credentials, liveAndAvailable, renewCredentials]);

  const requestCamera = useCallback((on: boolean) => {
    asked.current = true;
    setError(undefined);
    setCameraSlot(on ? 'asking' : 'none');
    connection?.send(CLIENT_MESSAGES.camera, { on });
  }, [connection]);

  const clearError = useCallback(() => setError(undefined), []);

  return { view, credentials, refused, cameraSlot, error, requestCamera, renewCredentials, clearError };
}
