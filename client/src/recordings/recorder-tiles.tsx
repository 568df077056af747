import { useParticipants, useTracks, VideoTrack } from '@livekit/components-react';
import { Track } from 'livekit-client';
import { useT } from '../i18n/i18n.tsx';
import { OfflineTile, Tile } from '../media/media-tiles.tsx';
import type { MediaRoomView } from '../media/use-media-link.ts';

/**
 * What the recorder films: the shared screen when there is one, and the presenters'
 * tiles (camera or initials). A grid of its own rather than the live stage's layout,
 * whose floating camera window and local view switches mean nothing to a recording.
 */
export function RecorderTiles({ view }: { view: MediaRoomView }) {
  const { t } = useT();
  const participants = useParticipants();
  const cameras = useTracks([Track.Source.Camera], { onlySubscribed: false }).filter((ref) => !ref.publication.isMuted);
  const screens = useTracks([Track.Source.ScreenShare], { onlySubscribed: false });
  const byId = new Map(participants.map((p) => [p.identity, p]));
  const cameraOf = new Map(cameras.map((ref) => [ref.participant.identity, ref]));

  const ids = [...[...view.speakers].filter(([, s]) => s.online).map(([id]) => id), ...cameras.map((ref) => ref.participant.identity)];
  const tiles = [...new Set(ids)].slice(0, Math.max(view.maxCameras, view.speakers.size));
  const screen = screens.find((ref) => ref.participant.identity === view.screenSharer) ?? screens[0];
  const nameOf = (id: string) => byId.get(id)?.name || view.speakers.get(id)?.name || t('media.someone');

  return (
    <div className={`media-tiles ${screen ? 'has-screen' : ''}`} data-count={tiles.length}>
      {screen && (
        <figure className="media-screen" data-testid="media-screen">
          <VideoTrack trackRef={screen} className="media-video media-video-contain" />
          <figcaption className="media-tile-caption">
            <span className="media-tile-name">{t('media.screenOf', { name: nameOf(screen.participant.identity) })}</span>
          </figcaption>
        </figure>
      )}
      <div className="media-grid">
        {tiles.map((id) => {
          const participant = byId.get(id);
          return participant ? <Tile key={id} participant={participant} name={nameOf(id)} camera={cameraOf.get(id)} /> : <OfflineTile key={id} name={nameOf(id)} />;
        })}
        {tiles.length === 0 && !screen && <p className="media-empty">{t('media.nobodyOnAir')}</p>}
      </div>
    </div>
  );
}
