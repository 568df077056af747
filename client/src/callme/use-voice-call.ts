import { ConnectionState, Room, RoomEvent, Track, type RemoteTrack } from 'livekit-client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MediaLink } from '../../../shared/callme-room.ts';

export interface VoiceCall {
  state: 'idle' | 'connecting' | 'connected' | 'failed';
  muted: boolean;
  micBlocked: boolean;
  toggleMute(): void;
}

/**
 * An audio-only LiveKit call (CALL-2): joins the call's room with the link the package
 * room handed out, publishes the microphone and plays the other side. Leaves when the
 * link goes away (hang-up) or the component unmounts.
 */
export function useVoiceCall(offered: MediaLink | null | undefined): VoiceCall {
  const [state, setState] = useState<VoiceCall['state']>('idle');
  const [muted, setMuted] = useState(false);
  const [micBlocked, setMicBlocked] = useState(false);
  const roomRef = useRef<Room | undefined>(undefined);
  const [link, setLink] = useState(offered);
  // After the package room's socket came back it hands out a fresh link to the same audio
  // room: while we are still in that room, keep the connection (no gap in the sound).
  // `null` (the server had no LiveKit link at hand just then) keeps a call we are in; `undefined` (no call) ends it.
  useEffect(() => {
    setLink((current) => {
      const inRoom = !!roomRef.current && roomRef.current.state !== ConnectionState.Disconnected;
      if (offered === null && current && inRoom) return current;
      const same = current && offered && current.url === offered.url && current.room === offered.room;
      return same && inRoom ? current : offered;
    });
  }, [offered]);

  useEffect(() => {
    if (!link) return;
    let cancelled = false;
    const room = new Room({ adaptiveStream: false, dynacast: false });
    roomRef.current = room;
    const audio: HTMLMediaElement[] = [];
    room.on(RoomEvent.TrackSubscribed, (track: RemoteTrack) => {
      if (track.kind !== Track.Kind.Audio) return;
      const element = track.attach();
      element.dataset.callmeAudio = 'remote';
      document.body.append(element);
      audio.push(element);
    });
    setState('connecting');
    void (async () => {
      try {
        await room.connect(link.url, link.token, { autoSubscribe: true });
        if (cancelled) return;
        try {
          await room.localParticipant.setMicrophoneEnabled(true);
        } catch {
          setMicBlocked(true);
        }
        if (!cancelled) setState('connected');
      } catch {
        if (!cancelled) setState('failed');
      }
    })();
    return () => {
      cancelled = true;
      for (const element of audio) element.remove();
      void room.disconnect();
      roomRef.current = undefined;
      setState('idle');
      setMuted(false);
    };
  }, [link]);

  const toggleMute = useCallback(() => {
    const room = roomRef.current;
    if (!room) return;
    setMuted((was) => {
      void room.localParticipant.setMicrophoneEnabled(was);
      return !was;
    });
  }, []);

  return { state, muted, micBlocked, toggleMute };
}
