import type { RosterEntry } from '../../../shared/room-messages.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import type { SpeakerView } from './use-room-connection.ts';

const ROLE_ORDER: Record<string, number> = { host: 0, presenter: 1, attendee: 2 };

interface Person {
  id: string;
  name: string;
  role: string;
  online: boolean;
  handRaised?: boolean;
}

/** Hosts and presenters first, then who is here before who has left, then by name. */
export function sortParticipants<P extends Person>(list: P[], lang: string): P[] {
  return [...list].sort((a, b) =>
    (ROLE_ORDER[a.role] ?? 3) - (ROLE_ORDER[b.role] ?? 3)
    || Number(b.online) - Number(a.online)
    || a.name.localeCompare(b.name, lang));
}

export function roleKey(role: string): TextKey {
  return role === 'host' || role === 'presenter' ? `role.${role}` : 'role.attendee';
}

function PersonRow({ person, self }: { person: Person; self: boolean }) {
  const { t } = useT();
  return (
    <li className={`participant ${person.online ? '' : 'is-offline'}`} data-testid="participant">
      <span className={`presence ${person.online ? 'presence-on' : 'presence-off'}`} aria-hidden="true" />
      <span className="participant-name">
        {person.name}
        {self && <span className="muted"> ({t('room.you')})</span>}
      </span>
      <span className="visually-hidden">, {t(person.online ? 'room.online' : 'room.offline')}</span>
      {person.handRaised && <span className="hand" role="img" aria-label={t('room.handRaised')} title={t('room.handRaised')}>✋</span>}
      <span className={`badge badge-role-${person.role}`}>{t(roleKey(person.role))}</span>
    </li>
  );
}

/**
 * Who is in the room. Hosts and presenters get the full roster from the server; an
 * attendee sees the speakers and how many others are here (a big webinar's audience
 * list is nobody else's business).
 */
export function ParticipantList({ roster, speakers, attendeesOnline, selfId }: {
  roster: RosterEntry[] | undefined;
  speakers: SpeakerView[];
  attendeesOnline: number;
  selfId: string;
}) {
  const { tp, lang } = useT();
  if (roster) {
    return (
      <ul className="participant-list" data-testid="participant-list">
        {sortParticipants(roster, lang).map((p) => <PersonRow key={p.id} person={p} self={p.id === selfId} />)}
      </ul>
    );
  }
  return (
    <ul className="participant-list" data-testid="participant-list">
      {sortParticipants(speakers, lang).map((p) => <PersonRow key={p.id} person={p} self={p.id === selfId} />)}
      <li className="participant participant-audience" data-testid="audience-count">
        <span className="presence presence-on" aria-hidden="true" />
        <span className="participant-name">{tp('room.attendeesOnline', attendeesOnline)}</span>
      </li>
    </ul>
  );
}

/** How many people are in the room now, as the viewer can know it. */
export function onlineCount(roster: RosterEntry[] | undefined, speakers: SpeakerView[], attendeesOnline: number): number {
  if (roster) return roster.filter((p) => p.online).length;
  return speakers.filter((s) => s.online).length + attendeesOnline;
}
