import { CLIENT_MESSAGES, type RosterEntry } from '../../../shared/room-messages.ts';
import { Button } from '../components/button.tsx';
import { ConfirmInline } from '../components/confirm-inline.tsx';
import { useT } from '../i18n/i18n.tsx';

/**
 * The host's moderation of one participant (ROOM-2, ROOM-4): presenter or attendee,
 * the microphone and camera, removal and ban. Removal and ban ask first.
 */
export function ParticipantActions({ person, act }: { person: RosterEntry; act: (type: string, message?: unknown) => void }) {
  const { t } = useT();
  const id = person.id;
  return (
    <div className="participant-actions" role="group" aria-label={t('people.actionsFor', { name: person.name })} data-testid="participant-actions">
      {person.role === 'attendee' ? (
        <Button size="sm" variant="secondary" onClick={() => act(CLIENT_MESSAGES.setRole, { participantId: id, role: 'presenter' })}>{t('people.makePresenter')}</Button>
      ) : (
        <Button size="sm" variant="secondary" onClick={() => act(CLIENT_MESSAGES.setRole, { participantId: id, role: 'attendee' })}>{t('people.makeAttendee')}</Button>
      )}
      {person.role === 'attendee' && (
        <Button size="sm" variant="secondary" onClick={() => act(CLIENT_MESSAGES.grantMedia, { participantId: id, granted: !person.mediaGranted })} data-testid="grant-media">
          {t(person.mediaGranted ? 'people.takeMedia' : 'people.giveMedia')}
        </Button>
      )}
      <ConfirmInline trigger={t('people.remove')} question={t('people.confirmRemove', { name: person.name })} confirmLabel={t('people.confirmRemoveYes')}
        onConfirm={async () => act(CLIENT_MESSAGES.remove, { participantId: id, ban: false })} />
      <ConfirmInline trigger={t('people.ban')} question={t('people.confirmBan', { name: person.name })} confirmLabel={t('people.confirmBanYes')}
        onConfirm={async () => act(CLIENT_MESSAGES.remove, { participantId: id, ban: true })} />
    </div>
  );
}
