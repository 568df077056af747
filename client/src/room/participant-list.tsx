import { Ellipsis, Hand, Mic } from 'lucide-react';
import { useState } from 'react';
import type { RosterEntry } from '../../../shared/room-messages.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import type { SpeakerView } from './live-view.ts';
import { ParticipantActions } from './participant-actions.tsx';

const ROLE_ORDER: Record<string, number> = { host: 0, presenter: 1, attendee: 2 };

interface Person {
  id: string;
  name: string;
  role: string;
  online: boolean;
  handRaised?: boolean;
  mediaGranted?: boolean;
}

/** Hosts and presenters first, then raised hands, then who is here before who has left, then by name. */
export function sortParticipants<P extends Person>(list: P[], lang: string): P[] {
  return [...list].sort((a, b) =>
    (ROLE_ORDER[a.role] ?? 3) - (ROLE_ORDER[b.role] ?? 3)
    || Number(Boolean(b.handRaised && b.online)) - Number(Boolean(a.handRaised && a.online))
    || Number(b.online) - Number(a.online)
    || a.name.localeCompare(b.name, lang));
}

export function roleKey(role: string): TextKey {
  return role === 'host' || role === 'presenter' ? `role.${role}` : 'role.attendee';
}

function PersonRow({ person, self, manage, act }: { person: Person; self: boolean; manage: boolean; act?: (type: string, message?: unknown) => void }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const actionsId = `actions-${person.id}`;
  return (
    <li className={`participant ${person.online ? '' : 'is-offline'} ${person.handRaised && person.online ? 'has-hand' : ''}`} data-testid="participant">
      <div className="participant-row">
        <span className={`presence ${person.online ? 'presence-on' : 'presence-off'}`} aria-hidden="true" />
        <span className="participant-name">
          {person.name}
          {self && <span className="muted"> ({t('room.you')})</span>}
        </span>
        <span className="visually-hidden">, {t(person.online ? 'room.online' : 'room.offline')}</span>
        {person.handRaised && person.online && <span className="hand" role="img" aria-label={t('room.handRaised')} title={t('room.handRaised')} data-testid="hand-raised"><Hand size={15} aria-hidden="true" /></span>}
        {person.mediaGranted && <span className="mic" role="img" aria-label={t('people.hasMedia')} title={t('people.hasMedia')}><Mic size={15} aria-hidden="true" /></span>}
        <span className={`badge badge-role-${person.role}`}>{t(roleKey(person.role))}</span>
        {manage && act && (
          <button type="button" className="icon-button" aria-expanded={open} aria-controls={actionsId} onClick={() => setOpen(!open)}
            aria-label={t('people.manage', { name: person.name })} title={t('people.manage', { name: person.name })} data-testid="manage-participant"><Ellipsis size={17} aria-hidden="true" /></button>
        )}
      </div>
      {manage && act && open && (
        <div id={actionsId}>
          <ParticipantActions person={person as RosterEntry} act={act} />
        </div>
      )}
    </li>
  );
}

/**
 * Who is in the room. Hosts and presenters get the full roster from the server, with
 * raised hands; the host also manages each person from here. An attendee sees the
 * speakers and how many others are here (a big webinar's audience list is nobody
 * else's business).
 */
export function ParticipantList({ roster, speakers, attendeesOnline, selfId, isHost = false, act }: {
  roster: RosterEntry[] | undefined;
  speakers: SpeakerView[];
  attendeesOnline: number;
  selfId: string;
  isHost?: boolean;
  act?: (type: string, message?: unknown) => void;
}) {
  const { tp, lang } = useT();
  if (roster) {
    return (
      <ul className="participant-list" data-testid="participant-list">
        {sortParticipants(roster.filter((p) => p.online || p.role !== 'attendee'), lang).map((p) => (
          <PersonRow key={p.id} person={p} self={p.id === selfId} manage={isHost && p.id !== selfId && p.role !== 'host' && p.online} act={act} />
        ))}
      </ul>
    );
  }
  return (
    <ul className="participant-list" data-testid="participant-list">
      {sortParticipants(speakers, lang).map((p) => <PersonRow key={p.id} person={p} self={p.id === selfId} manage={false} />)}
      <li className="participant participant-audience" data-testid="audience-count">
        <div className="participant-row">
          <span className="presence presence-on" aria-hidden="true" />
          <span className="participant-name">{tp('room.attendeesOnline', attendeesOnline)}</span>
        </div>
      </li>
    </ul>
  );
}

/** How many people are in the room now, as the viewer can know it. */
export function onlineCount(roster: RosterEntry[] | undefined, speakers: SpeakerView[], attendeesOnline: number): number {
  if (roster) return roster.filter((p) => p.online).length;
  return speakers.filter((s) => s.online).length + attendeesOnline;
}
