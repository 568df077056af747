import { LiveKitRoom, RoomAudioRenderer, StartAudio, useRoomContext, useSpeakingParticipants } from '@livekit/components-react';
import { DisconnectReason } from 'livekit-client';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { JoinOut } from '../../../shared/join-schemas.ts';
import { mayUseCamera as policyMayUseCamera } from '../../../shared/media-grants.ts';
import type { RoomConnection } from '../../../shared/room-connection.ts';
import type { YouMessage } from '../../../shared/room-messages.ts';
import type { MainView } from '../../../shared/room-policy.ts';
import { useT } from '../i18n/i18n.tsx';
import { DeviceSetup, type DeviceChoices } from './device-setup.tsx';
import { MediaControls } from './media-controls.tsx';
import { roomOptions } from './media-presets.ts';
import { MediaMain } from './media-main.tsx';
import { StageFallback } from '../room/stage-fallback.tsx';
import { useMediaLink, type MediaLink, type MediaRoomView } from './use-media-link.ts';
import './media.css';

/** Some browsers block sound until the page is used: the first click anywhere unlocks it. */
function UnlockAudioOnFirstClick() {
  const room = useRoomContext();
  useEffect(() => {
    const unlock = () => void room.startAudio();
    document.addEventListener('pointerdown', unlock, { once: true });
    return () => document.removeEventListener('pointerdown', unlock);
  }, [room]);
  return null;
}

function SpeakingNow() {
  const { t } = useT();
  const speaking = useSpeakingParticipants();
  const names = speaking.map((p) => p.name || p.identity).slice(0, 3);
  return <p className="media-speaking-now muted small" aria-live="polite">{names.length ? t('media.speakingNow', { names: names.join(', ') }) : '\u00a0'}</p>;
}

/** The device check in a dialog of its own over the room (ROOM-16), never squeezed into a tile. */
function DeviceDialog({ children, onClose }: { children: ReactNode; onClose: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div className="media-dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div ref={box} className="media-dialog" role="dialog" aria-modal="true" aria-labelledby="media-setup-title" tabIndex={-1} data-testid="media-dialog">
        {children}
      </div>
    </div>
  );
}

function MediaRoomBody({ link, view, canSpeak, mayUseCamera, privateForMe, mainView, board }: {
  link: MediaLink;
  view: MediaRoomView;
  canSpeak: boolean;
  mayUseCamera: boolean;
  privateForMe: boolean;
  mainView: MainView;
  board: ReactNode;
}) {
  const { t } = useT();
  const [choices, setChoices] = useState<DeviceChoices>({ microphone: false, camera: false, quality: 'standard' });
  const [devices, setDevices] = useState<{ audioinput?: string; videoinput?: string }>({});
  // A speaker checks the devices before going on air, once; later from the "Devices" button.
  const [setupOpen, setSetupOpen] = useState(canSpeak);
  const [setupSeen, setSetupSeen] = useState(canSpeak);
  useEffect(() => {
    if (canSpeak && !setupSeen) {
      setSetupOpen(true);
      setSetupSeen(true);
    }
  }, [canSpeak, setupSeen]);
  const onDevices = useCallback((next: { audioinput?: string; videoinput?: string }) => setDevices(next), []);

  return (
    <>
      {privateForMe ? (
        <div className="stage-main"><div className="media-private" role="status">{t('media.privateMode')}</div></div>
      ) : (
        <MediaMain view={view} mainView={mainView} board={board} />
      )}
      <div className="media-bar">
        <MediaControls link={link} mayUseCamera={mayUseCamera} choices={choices} cameraDevice={devices.videoinput} onDevices={() => setSetupOpen(true)} />
        <SpeakingNow />
      </div>
      {setupOpen && (
        <DeviceDialog onClose={() => setSetupOpen(false)}>
          <DeviceSetup hdAllowed={view.hdVideo} initial={{ ...choices, microphone: canSpeak, camera: mayUseCamera }} onDevices={onDevices}
            onCancel={() => setSetupOpen(false)}
            onDone={(next) => {
              setSetupOpen(false);
              setChoices(next);
            }} />
        </DeviceDialog>
      )}
      <RoomAudioRenderer />
      <StartAudio label={t('media.startAudio')} className="btn btn-primary btn-sm media-start-audio" />
      <UnlockAudioOnFirstClick />
    </>
  );
}

/**
 * Audio and video of the live room (LiveKit), as the main window: the shared screen,
 * the whiteboard or the presenters' cameras (see MediaMain), who is speaking, and the
 * controls the server allows. Without a working LiveKit it says "audio and video
 * unavailable", the whiteboard still shows, and the rest of the room goes on.
 */
export default function MediaStage({ join, connection, you, mainView, board, placeholder }: {
  join: JoinOut;
  connection: RoomConnection | undefined;
  you: YouMessage | undefined;
  /** What this viewer's main window shows (the presenters' choice or their own look). */
  mainView: MainView;
  /** The whiteboard, rendered only while it is the main view. */
  board: ReactNode;
  /** The presenters' names, while there is no video. */
  placeholder: ReactNode;
}) {
  const { t } = useT();
  const link = useMediaLink(connection, join.media);
  const view = link.view;
  const role = you?.role ?? join.participant.role;
  const granted = you?.mediaGranted ?? false;
  const options = useMemo(() => roomOptions('standard'), []);
  const [connected, setConnected] = useState(false);

  const fallback = (note?: ReactNode) => <StageFallback mainView={mainView} board={board} placeholder={placeholder} note={note} />;
  if (!view) return fallback();
  if (!view.available || link.refused) {
    return fallback(<p className="media-note media-unavailable" role="status" data-testid="media-unavailable">{t('media.unavailable')}</p>);
  }
  if (!link.credentials) return fallback(<p className="media-note media-connecting" role="status">{t('media.connecting')}</p>);

  const mayUseCamera = policyMayUseCamera(view.mode, role, granted);
  return (
    <LiveKitRoom
      key={link.credentials.token}
      serverUrl={link.credentials.url}
      token={link.credentials.token}
      connect
      audio={false}
      video={false}
      options={options}
      className="media-stage"
      data-testid="media-stage"
      data-connected={connected || undefined}
      onConnected={() => setConnected(true)}
      onDisconnected={(reason?: DisconnectReason) => {
        setConnected(false);
        // Removed from the event or the room closed: nothing to come back to. Otherwise ask for new credentials.
        if (reason !== DisconnectReason.PARTICIPANT_REMOVED && reason !== DisconnectReason.ROOM_DELETED && reason !== DisconnectReason.CLIENT_INITIATED) link.renewCredentials();
      }}
    >
      <MediaRoomBody link={link} view={view} canSpeak={mayUseCamera} mayUseCamera={mayUseCamera} privateForMe={view.mode === 'private' && role === 'attendee'}
        mainView={mainView} board={board} />
    </LiveKitRoom>
  );
}
