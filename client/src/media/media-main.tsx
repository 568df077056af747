import { useParticipants, useSpeakingParticipants, useTracks, VideoTrack, type TrackReference } from '@livekit/components-react';
import { Track } from 'livekit-client';
import { LayoutGrid, UserRound, Volume2 } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import type { MainView } from '../../../shared/room-policy.ts';
import { useT } from '../i18n/i18n.tsx';
import { CameraDock } from './camera-dock.tsx';
import { OfflineTile, Tile } from './media-tiles.tsx';
import type { MediaRoomView } from './use-media-link.ts';

export type CameraLayout = 'speaker' | 'gallery';

/** The screen share in the main window, with its sound when the presenter shared it (ROOM-11). */
function ScreenTile({ screen, name }: { screen: TrackReference; name: string }) {
  const { t } = useT();
  const [audio] = useTracks([Track.Source.ScreenShareAudio], { onlySubscribed: true }).filter((ref) => ref.participant.identity === screen.participant.identity);
  return (
    <figure className="media-screen" data-testid="media-screen" data-audio={audio ? 'on' : 'off'}>
      <VideoTrack trackRef={screen} className="media-video media-video-contain" />
      <figcaption className="media-tile-caption">
        <span className="media-tile-name">{t('media.screenOf', { name })}</span>
        {audio && <span className="media-screen-audio" title={t('stage.screenAudio')}><Volume2 size={14} aria-hidden="true" /><span className="visually-hidden">{t('stage.screenAudio')}</span></span>}
      </figcaption>
    </figure>
  );
}

/**
 * The main window's picture (ROOM-5, ROOM-11, ROOM-15). Whatever the presenters put on
 * it (a shared screen, the whiteboard) takes the whole window, and the cameras move to
 * a strip under it or to a floating window the viewer drags around. With cameras only:
 * the speaker view (whoever speaks, or spoke last, fills the window; the others in the
 * strip) or the gallery (everyone the same size), as the viewer chooses.
 */
export function MediaMain({ view, mainView, board }: { view: MediaRoomView; mainView: MainView; board: ReactNode }) {
  const { t } = useT();
  const participants = useParticipants();
  const cameras = useTracks([Track.Source.Camera], { onlySubscribed: false }).filter((ref) => !ref.publication.isMuted);
  const screens = useTracks([Track.Source.ScreenShare], { onlySubscribed: false });
  const speaking = useSpeakingParticipants();
  const [layout, setLayout] = useState<CameraLayout>('speaker');
  const [lastSpeaker, setLastSpeaker] = useState<string>();

  const byId = new Map(participants.map((p) => [p.identity, p]));
  const cameraOf = new Map(cameras.map((ref) => [ref.participant.identity, ref]));
  const ids = [...[...view.speakers].filter(([, s]) => s.online).map(([id]) => id), ...cameras.map((ref) => ref.participant.identity)];
  const tiles = [...new Set(ids)].slice(0, Math.max(view.maxCameras, view.speakers.size));
  const nameOf = (id: string) => byId.get(id)?.name || view.speakers.get(id)?.name || t('media.someone');

  const loudest = speaking.find((p) => tiles.includes(p.identity))?.identity;
  useEffect(() => {
    if (loudest) setLastSpeaker(loudest);
  }, [loudest]);

  const screen = mainView === 'screen' ? (screens.find((ref) => ref.participant.identity === view.screenSharer) ?? screens[0]) : undefined;
  const tile = (id: string) => {
    const participant = byId.get(id);
    return participant ? <Tile key={id} participant={participant} name={nameOf(id)} camera={cameraOf.get(id)} /> : <OfflineTile key={id} name={nameOf(id)} />;
  };

  let main: ReactNode;
  let docked: string[] = [];
  let shown: 'screen' | 'whiteboard' | 'slides' | CameraLayout;
  if (mainView === 'whiteboard' && board) {
    shown = 'whiteboard';
    main = <div className="stage-board stage-slot-whiteboard" data-testid="stage-slot-whiteboard">{board}</div>;
    docked = tiles;
  } else if (mainView === 'slides' && board) {
    shown = 'slides';
    main = <div className="stage-slot-slides" data-testid="stage-slot-slides">{board}</div>;
    docked = tiles;
  } else if (screen) {
    shown = 'screen';
    main = <ScreenTile screen={screen} name={nameOf(screen.participant.identity)} />;
    docked = tiles;
  } else if (tiles.length === 0) {
    shown = layout;
    main = <p className="media-empty">{t('media.nobodyOnAir')}</p>;
  } else if (layout === 'gallery' || tiles.length === 1) {
    shown = layout;
    main = <div className="media-grid" data-count={tiles.length}>{tiles.map(tile)}</div>;
  } else {
    shown = 'speaker';
    // Who speaks now, else who spoke last, else the first camera that is on.
    const focus = [loudest, lastSpeaker, tiles.find((id) => cameraOf.has(id)), tiles[0]].find((id) => id !== undefined && tiles.includes(id))!;
    main = <div className="media-grid media-grid-speaker" data-count={1}>{tile(focus)}</div>;
    docked = tiles.filter((id) => id !== focus);
  }

  return (
    <>
      <div className="stage-main" data-testid="stage-main" data-layout={shown}>
        {main}
        {(shown === 'speaker' || shown === 'gallery') && tiles.length > 1 && (
          <div className="stage-layout-switch" role="group" aria-label={t('stage.layoutLabel')}>
            <button type="button" aria-pressed={layout === 'speaker'} onClick={() => setLayout('speaker')} title={t('stage.layoutSpeaker')}>
              <UserRound size={16} aria-hidden="true" /><span>{t('stage.layoutSpeaker')}</span>
            </button>
            <button type="button" aria-pressed={layout === 'gallery'} onClick={() => setLayout('gallery')} title={t('stage.layoutGallery')}>
              <LayoutGrid size={16} aria-hidden="true" /><span>{t('stage.layoutGallery')}</span>
            </button>
          </div>
        )}
      </div>
      {docked.length > 0 && <CameraDock floatingAllowed={shown === 'screen' || shown === 'whiteboard' || shown === 'slides'}>{docked.map(tile)}</CameraDock>}
    </>
  );
}
