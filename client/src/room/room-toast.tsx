import { X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { roomErrorText } from './room-error-text.ts';
import type { NumberedRoomError } from './use-room-connection.ts';

const SHOW_MS = 8000;

/**
 * A refusal of a presenter's or attendee's action ("Discussion mode allows at most…"),
 * shown for a few seconds over the room rather than in the layout, so it moves nothing.
 */
export function RoomToast({ error, onDismiss }: { error: NumberedRoomError | undefined; onDismiss: () => void }) {
  const { t } = useT();
  const [shown, setShown] = useState<NumberedRoomError>();
  useEffect(() => {
    setShown(error);
    if (!error) return;
    const timer = setTimeout(() => setShown(undefined), SHOW_MS);
    return () => clearTimeout(timer);
  }, [error]);

  return (
    <div className="room-toast-region" role="alert" aria-live="assertive">
      {shown && (
        <div className="room-toast" data-testid="room-error" data-code={shown.code}>
          <span>{roomErrorText(t, shown)}</span>
          <button type="button" className="icon-button" onClick={onDismiss} aria-label={t('common.close')}><X size={16} aria-hidden="true" /></button>
        </div>
      )}
    </div>
  );
}
