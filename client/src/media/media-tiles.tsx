import { useConnectionQualityIndicator, useIsMuted, useIsSpeaking, VideoTrack, type TrackReference } from '@livekit/components-react';
import { MicOff } from 'lucide-react';
import { ConnectionQuality, Track, type Participant } from 'livekit-client';
import { useT } from '../i18n/i18n.tsx';
import type { TextKey } from '../i18n/i18n.tsx';

const QUALITY: Record<ConnectionQuality, { bars: number; key: TextKey }> = {
  [ConnectionQuality.Excellent]: { bars: 3, key: 'media.qualityExcellent' },
  [ConnectionQuality.Good]: { bars: 2, key: 'media.qualityGood' },
  [ConnectionQuality.Poor]: { bars: 1, key: 'media.qualityPoor' },
  [ConnectionQuality.Lost]: { bars: 0, key: 'media.qualityLost' },
  [ConnectionQuality.Unknown]: { bars: 0, key: 'media.qualityUnknown' },
};

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase();
}

/** Signal bars from LiveKit's view of a participant's connection. */
export function QualityBars({ participant }: { participant: Participant }) {
  const { t } = useT();
  const { quality } = useConnectionQualityIndicator({ participant });
  const { bars, key } = QUALITY[quality];
  return (
    <span className={`media-quality media-quality-${bars}`} title={t(key)} aria-label={t(key)} role="img">
      <i /><i /><i />
    </span>
  );
}

/** The avatar shown instead of live video (ROOM-15): initials on a colour of the name. */
function Avatar({ name }: { name: string }) {
  let hue = 0;
  for (const c of name) hue = (hue * 31 + c.charCodeAt(0)) % 360;
  return <div className="media-avatar" style={{ background: `hsl(${hue} 45% 42%)` }} aria-hidden="true">{initials(name)}</div>;
}

function MicState({ participant }: { participant: Participant }) {
  const { t } = useT();
  const muted = useIsMuted({ participant, source: Track.Source.Microphone, publication: participant.getTrackPublication(Track.Source.Microphone) });
  const hasMic = participant.getTrackPublication(Track.Source.Microphone) !== undefined;
  if (hasMic && !muted) return null;
  return <span className="media-mic-off" title={t('media.micOff')} aria-label={t('media.micOff')} role="img"><MicOff size={14} aria-hidden="true" /></span>;
}

/** One person: their camera, or their avatar when it is off; who speaks; how their connection is. */
export function Tile({ participant, name, camera }: { participant: Participant; name: string; camera: TrackReference | undefined }) {
  const { t } = useT();
  const speaking = useIsSpeaking(participant);
  return (
    <figure className={`media-tile ${speaking ? 'is-speaking' : ''}`} data-testid="media-tile" data-speaking={speaking || undefined} data-camera={camera ? 'on' : 'off'}>
      {camera ? <VideoTrack trackRef={camera} className="media-video" /> : <Avatar name={name} />}
      <figcaption className="media-tile-caption">
        <span className="media-tile-name">{name}</span>
        {speaking && <span className="media-speaking-label">{t('media.speaking')}</span>}
        <MicState participant={participant} />
        <QualityBars participant={participant} />
      </figcaption>
    </figure>
  );
}

/** A presenter who is in the room but not connected to audio and video. */
export function OfflineTile({ name }: { name: string }) {
  const { t } = useT();
  return (
    <figure className="media-tile" data-testid="media-tile" data-camera="off">
      <Avatar name={name} />
      <figcaption className="media-tile-caption">
        <span className="media-tile-name">{name}</span>
        <span className="media-offline">{t('media.notConnected')}</span>
      </figcaption>
    </figure>
  );
}
