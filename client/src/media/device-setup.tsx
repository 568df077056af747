import { useMediaDeviceSelect, usePreviewTracks, useTrackVolume } from '@livekit/components-react';
import { Track, type LocalAudioTrack, type LocalVideoTrack } from 'livekit-client';
import { useEffect, useRef, useState } from 'react';
import type { VideoQuality } from '../../../shared/media-schemas.ts';
import { Button } from '../components/button.tsx';
import { useT } from '../i18n/i18n.tsx';
import { cameraCapture } from './media-presets.ts';

export interface DeviceChoices {
  microphone: boolean;
  camera: boolean;
  quality: VideoQuality;
}

function Preview({ track }: { track: LocalVideoTrack | undefined }) {
  const { t } = useT();
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = video.current;
    if (!track || !element) return;
    track.attach(element);
    return () => void track.detach(element);
  }, [track]);
  return track ? <video ref={video} className="media-preview-video" muted playsInline data-testid="media-preview" /> : <div className="media-preview-empty">{t('media.previewOff')}</div>;
}

function Level({ track }: { track: LocalAudioTrack | undefined }) {
  const { t } = useT();
  const volume = useTrackVolume(track);
  return (
    <div className="media-level" role="meter" aria-label={t('media.micLevel')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(volume * 100)}>
      <span style={{ width: `${Math.min(100, Math.round(volume * 300))}%` }} />
    </div>
  );
}

function DeviceSelect({ kind, label, onChange }: { kind: 'audioinput' | 'videoinput'; label: string; onChange: (deviceId: string) => void }) {
  const { t } = useT();
  // With the room at hand, a choice also switches the track being sent.
  const { devices, activeDeviceId, setActiveMediaDevice } = useMediaDeviceSelect({ kind, requestPermissions: true });
  useEffect(() => onChange(activeDeviceId), [activeDeviceId, onChange]);
  return (
    <label className="field media-field">
      <span className="field-label">{label}</span>
      <select className="input" value={activeDeviceId} onChange={(e) => void setActiveMediaDevice(e.target.value)}>
        {devices.length === 0 && <option value="">{t('media.noDevices')}</option>}
        {devices.map((d, i) => <option key={d.deviceId || i} value={d.deviceId}>{d.label || t('media.deviceN', { n: i + 1 })}</option>)}
      </select>
    </label>
  );
}

/**
 * Device settings with a preview (ROOM-16): microphone and camera, with a live level and
 * picture, and standard or HD quality where the plan allows it. Shown before a speaker
 * goes on air and from the "Devices" button; the preview stops when it closes.
 */
export function DeviceSetup({ hdAllowed, initial, onDone, onCancel, onDevices }: {
  hdAllowed: boolean;
  initial: DeviceChoices;
  onDone: (choices: DeviceChoices) => void;
  onCancel: () => void;
  onDevices: (devices: { audioinput?: string; videoinput?: string }) => void;
}) {
  const { t } = useT();
  const [choices, setChoices] = useState<DeviceChoices>(initial);
  const [microphoneId, setMicrophoneId] = useState('');
  const [cameraId, setCameraId] = useState('');
  const tracks = usePreviewTracks({
    audio: microphoneId ? { deviceId: microphoneId } : true,
    video: { ...cameraCapture(choices.quality), ...(cameraId && { deviceId: cameraId }) },
  });
  const audio = tracks?.find((track) => track.kind === Track.Kind.Audio) as LocalAudioTrack | undefined;
  const video = tracks?.find((track) => track.kind === Track.Kind.Video) as LocalVideoTrack | undefined;
  useEffect(() => onDevices({ audioinput: microphoneId || undefined, videoinput: cameraId || undefined }), [microphoneId, cameraId, onDevices]);

  return (
    <section className="media-setup" aria-labelledby="media-setup-title" data-testid="media-setup">
      <h3 id="media-setup-title" className="media-setup-title">{t('media.setupTitle')}</h3>
      <div className="media-setup-body">
        <div className="media-preview">
          <Preview track={video} />
          <Level track={audio} />
        </div>
        <div className="media-setup-fields">
          <DeviceSelect kind="audioinput" label={t('media.microphone')} onChange={setMicrophoneId} />
          <DeviceSelect kind="videoinput" label={t('media.camera')} onChange={setCameraId} />
          {hdAllowed && (
            <label className="field media-field">
              <span className="field-label">{t('media.quality')}</span>
              <select className="input" value={choices.quality} onChange={(e) => setChoices({ ...choices, quality: e.target.value as VideoQuality })}>
                <option value="standard">{t('media.qualityStandard')}</option>
                <option value="hd">{t('media.qualityHd')}</option>
              </select>
            </label>
          )}
          <label className="checkbox">
            <input type="checkbox" checked={choices.microphone} onChange={(e) => setChoices({ ...choices, microphone: e.target.checked })} />
            <span>{t('media.startWithMic')}</span>
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={choices.camera} onChange={(e) => setChoices({ ...choices, camera: e.target.checked })} />
            <span>{t('media.startWithCamera')}</span>
          </label>
        </div>
      </div>
      <div className="media-setup-actions">
        <Button variant="ghost" size="sm" onClick={onCancel}>{t('common.cancel')}</Button>
        <Button variant="primary" size="sm" onClick={() => onDone(choices)}>{t('media.setupDone')}</Button>
      </div>
    </section>
  );
}
