import { LiveKitRoom, RoomAudioRenderer, useRemoteParticipants, useRoomContext, useTracks } from '@livekit/components-react';
import { RoomEvent, Track, type RemoteTrack } from 'livekit-client';
import { RECORDER_PLAYOUT_DELAY_MS } from '../../../shared/recording-schemas.ts';
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { RecorderTiles } from './recorder-tiles.tsx';
import type { MediaRoomView } from '../media/use-media-link.ts';
import '../media/media.css';
import './recordings.css';

type RecorderWindow = Window & {
  __recorderPrivate?: (on: boolean) => void;
  __recorderConnected?: boolean;
};
const w = window as RecorderWindow;

/**
 * Every track plays out with the same fixed delay (see RECORDER_PLAYOUT_DELAY_MS), and the
 * page says when it is connected. Private mode needs nothing here: the recorder cuts it
 * out of the file by the clock, and the page shows a slate meanwhile.
 */
function RecorderLink() {
  const room = useRoomContext();
  useEffect(() => {
    const hold = (track: RemoteTrack) => track.setPlayoutDelay(RECORDER_PLAYOUT_DELAY_MS / 1000);
    for (const p of room.remoteParticipants.values()) for (const pub of p.trackPublications.values()) if (pub.track) hold(pub.track);
    room.on(RoomEvent.TrackSubscribed, hold);
    return () => void room.off(RoomEvent.TrackSubscribed, hold);
  }, [room]);
  useEffect(() => {
    const connected = () => {
      w.__recorderConnected = true;
      // LiveKit Egress (RECORDER=egress) starts recording a custom page when it logs this.
      console.log('START_RECORDING');
    };
    if (room.state === 'connected') connected();
    room.on(RoomEvent.Connected, connected);
    return () => void room.off(RoomEvent.Connected, connected);
  }, [room]);
  return null;
}

function RecorderStage({ privateMode, playsSound }: { privateMode: boolean; playsSound: boolean }) {
  const { t } = useT();
  const participants = useRemoteParticipants();
  const screens = useTracks([Track.Source.ScreenShare], { onlySubscribed: false });
  // The stage's speakers: whoever publishes (LiveKit lets only those allowed to speak do that).
  const view: MediaRoomView = {
    mode: 'presentation', available: true, maxCameras: 7, camerasOn: 0, hdVideo: true,
    screenSharer: screens[0]?.participant.identity ?? '',
    speakers: new Map(participants.filter((p) => p.trackPublications.size > 0).map((p) => [p.identity, { name: p.name || p.identity, online: true }])),
  };
  return (
    <div className="recorder-stage">
      <RecorderLink />
      {privateMode ? <div className="recorder-slate" role="status">{t('rec.privateSlate')}</div> : view.speakers.size === 0 && !view.screenSharer ? <div className="recorder-slate">{t('rec.recorderWaiting')}</div> : <RecorderTiles view={view} />}
      {/* LiveKit Egress records what the page plays; the built-in recorder takes the sound from LiveKit itself. */}
      {playsSound && <RoomAudioRenderer />}
    </div>
  );
}

/**
 * The recorder view (ROOM-13): the stage only, at 1280×720, without controls, for the
 * recorder's Chromium (or LiveKit Egress as its custom base URL). It connects with the
 * recorder token from its fragment (`#url=…&token=…`, never sent to our server).
 */
export function RecorderView() {
  // The built-in recorder puts the token in the fragment; Egress appends `?url=…&token=…`.
  const fromEgress = new URLSearchParams(window.location.search).has('token');
  const params = useMemo(() => new URLSearchParams(fromEgress ? window.location.search : window.location.hash.replace(/^#/, '')), [fromEgress]);
  const [privateMode, setPrivateMode] = useState(params.get('private') === '1');
  useEffect(() => {
    w.__recorderPrivate = setPrivateMode;
    return () => void (w.__recorderPrivate = undefined);
  }, []);
  const url = params.get('url');
  const token = params.get('token');
  if (!url || !token) return <div className="recorder-stage"><div className="recorder-slate">No recorder token.</div></div>;
  return (
    <LiveKitRoom serverUrl={url} token={token} connect audio={false} video={false} options={{ adaptiveStream: false, dynacast: false }} className="recorder-root">
      <RecorderStage privateMode={privateMode} playsSound={fromEgress} />
    </LiveKitRoom>
  );
}
