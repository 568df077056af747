import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { errorText } from '../i18n/error-text.ts';
import type { RoomError } from '../../../shared/room-messages.ts';
import { Button } from '../components/button.tsx';
import { ConfirmInline } from '../components/confirm-inline.tsx';
import type { LiveView } from './use-room-connection.ts';

/**
 * The controls of the people running the event: start it (which lets the waiting room
 * in), end it, and switch the attendees' chat. Presenters see where things stand; only
 * the host may press.
 */
export function HostBar({ live, isHost, onStart, onEnd, onChatEnabled, error }: {
  live: LiveView;
  isHost: boolean;
  onStart: () => void;
  onEnd: () => void;
  onChatEnabled: (enabled: boolean) => void;
  error: RoomError | undefined;
}) {
  const { t } = useT();
  // The switch moves at once; the room's answer (or a refusal) then settles it.
  const [chatPending, setChatPending] = useState<boolean>();
  useEffect(() => setChatPending(undefined), [live.chatEnabled, error]);

  if (live.status === 'waiting') {
    return (
      <div className="room-controls room-controls-waiting" data-testid="host-bar">
        <p className="room-controls-text">{t(isHost ? 'room.notStartedHost' : 'room.notStartedPresenter')}</p>
        {isHost && <Button variant="primary" size="sm" onClick={onStart} data-testid="start-event">{t('room.start')}</Button>}
        {error && <p className="field-error" role="alert">{errorText(t, error)}</p>}
      </div>
    );
  }
  if (!isHost || live.status !== 'live') return null;
  return (
    <div className="room-controls" data-testid="host-bar">
      <label className="switch">
        <input type="checkbox" role="switch" checked={chatPending ?? live.chatEnabled} onChange={(e) => {
          setChatPending(e.target.checked);
          onChatEnabled(e.target.checked);
        }} />
        <span className="switch-track" aria-hidden="true" />
        {t('room.chatForAttendees')}
      </label>
      <span className="spacer" />
      {error && <p className="field-error" role="alert">{errorText(t, error)}</p>}
      <ConfirmInline trigger={t('room.end')} question={t('room.confirmEnd')} confirmLabel={t('room.confirmEndYes')} onConfirm={async () => onEnd()} />
    </div>
  );
}
