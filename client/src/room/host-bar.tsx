import { CLIENT_MESSAGES, type WaitingEntry } from '../../../shared/room-messages.ts';
import { Button } from '../components/button.tsx';
import { ConfirmInline } from '../components/confirm-inline.tsx';
import { useT } from '../i18n/i18n.tsx';
import type { LiveView } from './live-view.ts';
import { ModeSwitch } from './mode-switch.tsx';
import { RoomSwitch } from './room-switch.tsx';
import { WaitingList } from './waiting-list.tsx';
import { RecButton } from '../recordings/rec-control.tsx';

/**
 * The controls of the people running the event: start it (which lets the waiting room
 * in), the room's mode, the attendees' chat, and ending it for everyone. Presenters
 * may change the mode; only the host starts, ends and switches the chat.
 */
export function HostBar({ live, isHost, waitingList, act }: {
  live: LiveView;
  isHost: boolean;
  waitingList: WaitingEntry[];
  act: (type: string, message?: unknown) => void;
}) {
  const { t } = useT();
  const waiting = live.status === 'waiting';

  return (
    <div className={`room-controls ${waiting ? 'room-controls-waiting' : ''}`} data-testid="host-bar">
      {waiting && (
        <div className="room-controls-start">
          <p className="room-controls-text">{t(isHost ? 'room.notStartedHost' : 'room.notStartedPresenter')}</p>
          {isHost && <Button variant="primary" size="sm" onClick={() => act(CLIENT_MESSAGES.start)} data-testid="start-event">{t('room.start')}</Button>}
          <WaitingList entries={waitingList} />
        </div>
      )}
      <ModeSwitch mode={live.mode} onChange={(mode) => act(CLIENT_MESSAGES.setMode, { mode })} />
      <span className="spacer" />
      {isHost && live.status === 'live' && (
        <>
          <RoomSwitch checked={live.chatEnabled} label={t('room.chatForAttendees')} onChange={(enabled) => act(CLIENT_MESSAGES.setChatEnabled, { enabled })} testId="chat-switch" />
          <RecButton recording={live.recording} act={act} />
          {/* On a phone the Leave menu offers this too; the bar keeps to the mode and the chat there. */}
          <div className="host-end">
            <ConfirmInline trigger={t('room.endForEveryone')} question={t('room.confirmEnd')} confirmLabel={t('room.confirmEndYes')} onConfirm={async () => act(CLIENT_MESSAGES.end)} />
          </div>
        </>
      )}
    </div>
  );
}
