import { useConnectionState, useLocalParticipant, useLocalParticipantPermissions } from '@livekit/components-react';
import { ConnectionState, ParticipantEvent, Track, type LocalTrackPublication } from 'livekit-client';
import { Mic, MicOff, ScreenShare, ScreenShareOff, Settings2, Video, VideoOff } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { MediaSource } from '../../../shared/media-grants.ts';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import type { DeviceChoices } from './device-setup.tsx';
import { cameraCapture, cameraPublish, SCREEN_CAPTURE, SCREEN_PUBLISH } from './media-presets.ts';
import { QualityBars } from './media-tiles.tsx';
import type { MediaLink } from './use-media-link.ts';

/** LiveKit's numeric TrackSource (livekit_models.proto), as permissions carry it. */
const PERMISSION_SOURCE: Record<MediaSource, number> = { camera: 1, microphone: 2, screen_share: 3, screen_share_audio: 4 };

/** What LiveKit allows this participant to publish right now: the server's word, not ours. */
export function useAllowedSources(): Set<MediaSource> {
  const permissions = useLocalParticipantPermissions();
  const allowed = new Set<MediaSource>();
  if (!permissions?.canPublish) return allowed;
  for (const [name, value] of Object.entries(PERMISSION_SOURCE)) {
    if (permissions.canPublishSources.includes(value)) allowed.add(name as MediaSource);
  }
  return allowed;
}

/**
 * Microphone, camera and screen buttons that follow what the server allows: the
 * microphone and screen by the LiveKit permission, the camera by the room's camera
 * slots (ROOM-5): asking for one, then publishing once LiveKit has added the camera to
 * this participant's permission; giving it back when the camera goes off.
 */
export function MediaControls({ link, mayUseCamera, choices, cameraDevice, onDevices }: {
  link: MediaLink;
  mayUseCamera: boolean;
  choices: DeviceChoices;
  cameraDevice: string | undefined;
  onDevices: () => void;
}) {
  const { t } = useT();
  const { localParticipant, isMicrophoneEnabled, isCameraEnabled, isScreenShareEnabled } = useLocalParticipant();
  const allowed = useAllowedSources();
  const [wantCamera, setWantCamera] = useState(false);
  const [failure, setFailure] = useState<string>();
  const view = link.view;
  const slotsFull = view !== undefined && view.camerasOn >= view.maxCameras && link.cameraSlot !== 'granted';

  // The slot came and LiveKit allows the camera: publish it.
  const cameraAllowed = allowed.has('camera');
  useEffect(() => {
    if (!wantCamera || link.cameraSlot !== 'granted' || !cameraAllowed || isCameraEnabled) return;
    localParticipant.setCameraEnabled(true, cameraCapture(choices.quality, cameraDevice), cameraPublish(choices.quality)).catch((error: Error) => {
      setFailure(error.message);
      setWantCamera(false);
      link.requestCamera(false);
    });
  }, [wantCamera, link, cameraAllowed, isCameraEnabled, localParticipant, choices.quality, cameraDevice]);

  // The room took the slot back (mode, role, someone else's decision): stop the camera here too.
  useEffect(() => {
    if (link.cameraSlot === 'none' && wantCamera && !isCameraEnabled) setWantCamera(false);
    if (link.cameraSlot === 'none' && isCameraEnabled) void stopCamera();
  }, [link.cameraSlot]);

  // What LiveKit no longer allows goes off here too (a take-back, a mode change, a
  // demotion): the buttons then say "off" at once, whatever the server does with the tracks.
  const micAllowed = allowed.has('microphone');
  const screenAllowed = allowed.has('screen_share');
  useEffect(() => {
    if (!mayUseCamera) {
      setWantCamera(false);
      if (isCameraEnabled) void stopCamera();
    }
    if (!micAllowed && isMicrophoneEnabled) void localParticipant.setMicrophoneEnabled(false).catch(() => undefined);
    if (!screenAllowed && isScreenShareEnabled) void localParticipant.setScreenShareEnabled(false).catch(() => undefined);
  }, [mayUseCamera, micAllowed, screenAllowed, isCameraEnabled, isMicrophoneEnabled, isScreenShareEnabled, localParticipant]);

  // The browser's own "Stop sharing" ends the screen's video; its sound goes with it.
  useEffect(() => {
    const onUnpublished = (publication: LocalTrackPublication) => {
      if (publication.source !== Track.Source.ScreenShare) return;
      const audio = localParticipant.getTrackPublication(Track.Source.ScreenShareAudio);
      if (audio?.track) void localParticipant.unpublishTrack(audio.track, true).catch(() => undefined);
    };
    localParticipant.on(ParticipantEvent.LocalTrackUnpublished, onUnpublished);
    return () => void localParticipant.off(ParticipantEvent.LocalTrackUnpublished, onUnpublished);
  }, [localParticipant]);

  // Told to go on air from the device setup: once per choice, as soon as LiveKit is connected
  // (the room can only add a camera to the permission of someone it sees there).
  const connected = useConnectionState() === ConnectionState.Connected;
  const applied = useRef<DeviceChoices | undefined>(undefined);
  useEffect(() => {
    if (!connected || applied.current === choices) return;
    applied.current = choices;
    if (choices.camera && mayUseCamera && !isCameraEnabled) {
      setWantCamera(true);
      link.requestCamera(true);
    }
    if (choices.microphone && allowed.has('microphone') && !isMicrophoneEnabled) void localParticipant.setMicrophoneEnabled(true).catch((error: Error) => setFailure(error.message));
  }, [connected, choices, mayUseCamera, allowed, isCameraEnabled, isMicrophoneEnabled, link, localParticipant]);

  async function stopCamera(): Promise<void> {
    const publication = localParticipant.getTrackPublication(Track.Source.Camera);
    // Unpublished, not only muted: the slot is for a camera that is on.
    if (publication?.track) await localParticipant.unpublishTrack(publication.track, true);
  }

  const toggleCamera = async () => {
    setFailure(undefined);
    link.clearError();
    if (wantCamera || isCameraEnabled) {
      setWantCamera(false);
      await stopCamera();
      link.requestCamera(false);
    } else {
      setWantCamera(true);
      link.requestCamera(true);
    }
  };
  const toggleMicrophone = () => {
    setFailure(undefined);
    localParticipant.setMicrophoneEnabled(!(isMicrophoneEnabled && micAllowed)).catch((error: Error) => setFailure(error.message));
  };
  const toggleScreen = () => {
    setFailure(undefined);
    localParticipant.setScreenShareEnabled(!isScreenShareEnabled, SCREEN_CAPTURE, SCREEN_PUBLISH).catch((error: Error) => {
      // Closing the browser's picker is a choice, not a failure.
      if (error.name !== 'NotAllowedError') setFailure(error.message);
    });
  };

  const micOn = isMicrophoneEnabled && micAllowed;
  const cameraOn = mayUseCamera && (isCameraEnabled || (wantCamera && link.cameraSlot !== 'none'));
  const error = link.error ? (link.error.code === 'stream-limit' ? t('media.streamLimit', { count: view?.maxCameras ?? 0 }) : errorText(t, link.error)) : failure;
  return (
    <div className="media-controls" role="toolbar" aria-label={t('media.controls')}>
      <button type="button" className={`media-button ${micOn ? 'is-on' : ''}`} aria-pressed={micOn} disabled={!micAllowed} onClick={toggleMicrophone}
        title={micAllowed ? undefined : t('media.notAllowedNow')} data-testid="mic-button">
        {micOn ? <Mic size={16} aria-hidden="true" /> : <MicOff size={16} aria-hidden="true" />}
        <span>{micOn ? t('media.micOn') : t('media.micOffButton')}</span>
      </button>
      <button type="button" className={`media-button ${cameraOn ? 'is-on' : ''}`} aria-pressed={cameraOn} disabled={!mayUseCamera || (slotsFull && !cameraOn) || link.cameraSlot === 'asking'}
        onClick={() => void toggleCamera()} title={!mayUseCamera ? t('media.notAllowedNow') : slotsFull && !cameraOn ? t('media.streamLimit', { count: view?.maxCameras ?? 0 }) : undefined}
        data-testid="camera-button">
        {cameraOn ? <Video size={16} aria-hidden="true" /> : <VideoOff size={16} aria-hidden="true" />}
        <span>{link.cameraSlot === 'asking' && mayUseCamera ? t('media.cameraAsking') : cameraOn ? t('media.cameraOn') : t('media.cameraOffButton')}</span>
      </button>
      {screenAllowed && (
        <button type="button" className={`media-button ${isScreenShareEnabled ? 'is-on' : ''}`} aria-pressed={isScreenShareEnabled} onClick={toggleScreen} data-testid="screen-button">
          {isScreenShareEnabled ? <ScreenShareOff size={16} aria-hidden="true" /> : <ScreenShare size={16} aria-hidden="true" />}
          <span>{isScreenShareEnabled ? t('media.screenStop') : t('media.screenShare')}</span>
        </button>
      )}
      <button type="button" className="media-button media-button-quiet" onClick={onDevices}><Settings2 size={16} aria-hidden="true" /><span>{t('media.devices')}</span></button>
      {view && <span className="media-cameras muted small">{t('media.camerasCount', { on: view.camerasOn, max: view.maxCameras })}</span>}
      <QualityBars participant={localParticipant} />
      {error && <p className="media-error" role="alert" data-testid="media-error">{error}</p>}
    </div>
  );
}
