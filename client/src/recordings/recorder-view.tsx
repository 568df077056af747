import { LiveKitRoom, RoomAudioRenderer, useRoomContext } from '@livekit/components-react';
import { RoomEvent, type RemoteTrack } from 'livekit-client';
import { RECORDER_PLAYOUT_DELAY_MS } from '../../../shared/recording-schemas.ts';
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { RecorderStage } from './recorder-stage.tsx';
import { canTapSound, tapConnections } from './sound-tap.ts';
import { useRecorderRoom } from './use-recorder-room.ts';
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

/** Where the page's parameters are: the built-in recorder puts them in the fragment, Egress appends `?url=…&token=…` and our ticket is in the path. */
function recorderParams(): { eventId: number; url: string | null; token: string | null; ticket: string | null; private: boolean; fromEgress: boolean } {
  const [, , id, pathTicket] = window.location.pathname.split('/');
  const fromEgress = new URLSearchParams(window.location.search).has('token');
  const params = new URLSearchParams(fromEgress ? window.location.search : window.location.hash.replace(/^#/, ''));
  return {
    eventId: Number(id),
    url: params.get('url'),
    token: params.get('token'),
    ticket: params.get('ticket') ?? (pathTicket ? decodeURIComponent(pathTicket) : null),
    private: params.get('private') === '1',
    fromEgress,
  };
}

/**
 * The recorder view (ROOM-13): exactly what the stage shows everyone, at 1280×720, without
 * controls, for the recorder's Chromium (or LiveKit Egress as its custom base URL). The
 * stage comes from the event's live room, entered read-only with the recording's
 * recorder ticket (slides, whiteboard, stage video, published question, call to action,
 * which view the presenters chose); the cameras and the shared screen come from LiveKit
 * with the hidden recorder token. Both are in the fragment (`#url=…&token=…&ticket=…`),
 * never sent to our server.
 */
export function RecorderView() {
  const { t } = useT();
  const params = useMemo(recorderParams, []);
  // The built-in recorder takes the sound from the tap (sound-tap.ts), set up before LiveKit connects; Egress records what the page plays.
  useMemo(() => !params.fromEgress && canTapSound() && tapConnections(), [params]);
  const [privateMode, setPrivateMode] = useState(params.private);
  const room = useRecorderRoom(params.eventId, params.ticket);
  useEffect(() => {
    w.__recorderPrivate = setPrivateMode;
    return () => void (w.__recorderPrivate = undefined);
  }, []);
  if (!params.ticket) return <div className="recorder-stage"><div className="recorder-slate">No recorder ticket.</div></div>;
  const withMedia = Boolean(params.url && params.token && room.media?.available);
  const stage = room.live
    ? <RecorderStage live={room.live} media={withMedia ? room.media : undefined} privateMode={privateMode} eventId={params.eventId} ticket={params.ticket} />
    : <div className="recorder-slate" data-testid="recorder-connecting">{t('rec.recorderWaiting')}</div>;
  if (!params.url || !params.token) return <div className="recorder-root" data-testid="recorder-view" data-room={room.status}>{stage}</div>;
  return (
    <LiveKitRoom serverUrl={params.url} token={params.token} connect audio={false} video={false} options={{ adaptiveStream: false, dynacast: false }} className="recorder-root"
      data-testid="recorder-view" data-room={room.status}>
      <RecorderLink />
      {stage}
      {/* LiveKit Egress records what the page plays; the built-in recorder takes the sound from the tap. */}
      {params.fromEgress && <RoomAudioRenderer />}
    </LiveKitRoom>
  );
}
