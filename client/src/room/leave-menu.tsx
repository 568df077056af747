import { ChevronDown } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../components/button.tsx';
import { ConfirmInline } from '../components/confirm-inline.tsx';
import { useT } from '../i18n/i18n.tsx';

/**
 * Leaving (ROOM-14). For the host it is a choice: step out and leave the room open for
 * the others, or end the event for everyone (asked again first). Everyone else simply leaves.
 */
export function LeaveMenu({ isHost, canEnd, leaving, onLeave, onEnd }: {
  isHost: boolean;
  canEnd: boolean;
  leaving: boolean;
  onLeave: () => void;
  onEnd: () => void;
}) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  if (!isHost || !canEnd) {
    return <Button size="sm" variant="secondary" onClick={onLeave} loading={leaving}>{t('room.leave')}</Button>;
  }
  return (
    <div className="leave-menu">
      <Button size="sm" variant="secondary" aria-expanded={open} aria-controls="leave-menu" onClick={() => setOpen(!open)}>{t('room.leave')} <ChevronDown size={15} aria-hidden="true" /></Button>
      {open && (
        <div id="leave-menu" className="leave-popover" role="group" aria-label={t('room.leave')} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <Button variant="secondary" onClick={onLeave} loading={leaving} autoFocus data-testid="leave-keep-open">{t('room.leaveKeepOpen')}</Button>
          <p className="muted small">{t('room.leaveKeepOpenHint')}</p>
          <ConfirmInline trigger={t('room.endForEveryone')} question={t('room.confirmEnd')} confirmLabel={t('room.confirmEndYes')} onConfirm={async () => onEnd()} />
        </div>
      )}
    </div>
  );
}
