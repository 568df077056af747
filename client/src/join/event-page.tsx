import { lazy, Suspense, useEffect, useState } from 'react';
import type { EventEntryOut } from '../../../shared/event-schemas.ts';
import type { JoinOut } from '../../../shared/join-schemas.ts';
import { eventsApi } from '../api/endpoints.ts';
import { ApiError } from '../api/http.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { errorText } from '../i18n/error-text.ts';
import { EventTime } from '../dashboard/event-time.tsx';
import { useT } from '../i18n/i18n.tsx';
import { Link, navigate, useLocation } from '../router.tsx';
import { PageShell } from '../components/page-shell.tsx';
import { useSession } from '../session.tsx';
import { EntryForm } from './entry-form.tsx';
import { JoinByIdForm } from './join-by-id-form.tsx';
import { EventAbout } from './event-about.tsx';
import { forgetReentry, forgetTicket, loadReentry, loadTicket, saveReentry, saveTicket } from './join-storage.ts';
import { PersonalLinkGate } from './personal-link-gate.tsx';

/** The room (Colyseus client, schema decoder) loads only when someone enters, keeping the other pages light. */
const RoomView = lazy(() => import('../room/room-view.tsx').then((module) => ({ default: module.RoomView })));

type EntryState = { state: 'loading' } | { state: 'ready'; entry: EventEntryOut } | { state: 'missing' } | { state: 'error'; error: unknown };

/** A stored ticket is reused only if it gives the role this visit asks for, and came from the link in the address (if any). */
function storedTicketFor(eventId: number, wanted: 'host' | 'presenter' | undefined, link: string | undefined): JoinOut | undefined {
  const stored = loadTicket(eventId, link);
  if (!stored) return undefined;
  return wanted && stored.participant.role !== wanted ? undefined : stored;
}

/**
 * `/room/:id`: the join page until the visitor has a ticket, then the room. The room
 * link's fragment carries the presenter key (`#presenter=…`) or a personal token
 * (`#token=…`); fragments never reach the server's logs.
 */
export function EventPage({ eventId }: { eventId: number }) {
  const { t } = useT();
  const { session } = useSession();
  const { hash, search } = useLocation();
  const fragment = new URLSearchParams(hash);
  const presenterKey = fragment.get('presenter') ?? undefined;
  const tokenFromLink = fragment.get('token') ?? undefined;
  const wantsHost = search.get('as') === 'host';
  const linkSecret = tokenFromLink ?? presenterKey;

  const [entry, setEntry] = useState<EntryState>({ state: 'loading' });
  const [owner, setOwner] = useState<boolean | undefined>();
  const [join, setJoin] = useState<JoinOut | undefined>(() => storedTicketFor(eventId, wantsHost ? 'host' : presenterKey ? 'presenter' : undefined, linkSecret));
  const [attempt, setAttempt] = useState(0);
  const [left, setLeft] = useState(false);
  // A closed and reopened tab (no ticket left in this tab) gets back in with the event's re-entry credential.
  const [reentering, setReentering] = useState(() => !join && !wantsHost && loadReentry(eventId, linkSecret) !== undefined);
  // A personal link pasted into this tab's address (only the fragment changes, the page stays):
  // whoever was in the room here before is not its holder, so the link's own page is shown.
  const [linkSeen, setLinkSeen] = useState(tokenFromLink);
  if (linkSeen !== tokenFromLink) {
    setLinkSeen(tokenFromLink);
    if (tokenFromLink !== undefined) {
      setJoin(storedTicketFor(eventId, undefined, tokenFromLink));
      setLeft(false);
      setReentering(false);
    }
  }

  useEffect(() => {
    if (!reentering) return;
    const reentry = loadReentry(eventId, linkSecret);
    if (!reentry) {
      setReentering(false);
      return;
    }
    let current = true;
    eventsApi.join(eventId, { reentry }).then(
      (answer) => {
        if (!current) return;
        saveTicket(answer, linkSecret);
        saveReentry(answer, linkSecret);
        setJoin(answer);
        setReentering(false);
      },
      () => {
        // Expired or refused (e.g. removed): forget it and show the join page.
        forgetReentry(eventId);
        if (current) setReentering(false);
      },
    );
    return () => {
      current = false;
    };
  }, [reentering, eventId, linkSecret]);

  useEffect(() => {
    let current = true;
    setEntry({ state: 'loading' });
    eventsApi.entry(eventId).then(
      (answer) => current && setEntry({ state: 'ready', entry: answer }),
      (error: unknown) => current && setEntry(error instanceof ApiError && error.code === 'not-found' ? { state: 'missing' } : { state: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [eventId]);

  // An on-demand event is watched on its viewer page; a personal link keeps its token there.
  useEffect(() => {
    if (entry.state === 'ready' && entry.entry.kind === 'on_demand' && !wantsHost) navigate(`/watch/${eventId}${hash ? `#${hash}` : ''}`, { replace: true });
  }, [entry, eventId, hash, wantsHost]);

  // The organizer is recognised by being able to read the event with their session.
  useEffect(() => {
    if (session === undefined) return;
    if (session === null) {
      setOwner(false);
      return;
    }
    let current = true;
    eventsApi.get(eventId).then(() => current && setOwner(true), () => current && setOwner(false));
    return () => {
      current = false;
    };
  }, [session, eventId]);

  /** `viaLink`: entered with the link in the address (not, say, with the password after the link was refused). */
  const joined = (answer: JoinOut, viaLink = !tokenFromLink) => {
    saveTicket(answer, viaLink ? linkSecret : undefined);
    saveReentry(answer, viaLink ? linkSecret : undefined);
    setLeft(false);
    setJoin(answer);
    if (wantsHost) navigate(`/room/${eventId}${hash ? `#${hash}` : ''}`, { replace: true });
    // A refused link is dropped from the address, so a reload re-enters instead of showing the refusal again.
    else if (!viaLink) navigate(`/room/${eventId}`, { replace: true });
  };

  /** After a dropped connection the ticket is tried again; after a refusal, the visitor joins anew. */
  const rejoin = (ticketRefused = false) => {
    if (ticketRefused) forgetTicket(eventId);
    const stored = loadTicket(eventId, linkSecret);
    setLeft(false);
    if (stored) {
      setJoin(stored);
      setAttempt((n) => n + 1);
    } else {
      setJoin(undefined);
    }
  };

  if (reentering) return <p className="page-loading" role="status">{t('link.reentering')}</p>;

  if (join && !left) {
    return (
      <Suspense fallback={<p className="page-loading">{t('room.connecting')}</p>}>
        <RoomView key={attempt} join={join} onLeft={() => setLeft(true)} onRejoin={rejoin} />
      </Suspense>
    );
  }

  return (
    <PageShell>
      <div className="narrow">
        {left && (
          <section className="card center">
            <h1 className="card-title">{t('room.leftTitle')}</h1>
            <p className="muted">{t('room.leftText')}</p>
            <div className="button-row center-row">
              <Button variant="primary" onClick={() => rejoin()}>{t('room.rejoin')}</Button>
              <Link to="/" className="btn btn-ghost">{t('common.backHome')}</Link>
            </div>
          </section>
        )}
        {!left && entry.state === 'loading' && <p className="page-loading">{t('entry.loading')}</p>}
        {!left && entry.state === 'missing' && (
          <section className="card" data-testid="event-not-found">
            <h1 className="card-title">{t('entry.notFoundTitle')}</h1>
            <p className="muted">{t('entry.notFoundText')}</p>
            <h2 className="subheading">{t('entry.tryAnother')}</h2>
            <JoinByIdForm />
          </section>
        )}
        {!left && entry.state === 'error' && (
          <Alert>
            {errorText(t, entry.error)}{' '}
            <button type="button" className="link-button" onClick={() => window.location.reload()}>{t('common.retry')}</button>
          </Alert>
        )}
        {!left && entry.state === 'ready' && (
          <section className="card entry-card" aria-labelledby="entry-title">
            <EntryHeader entry={entry.entry} />
            <EventAbout entry={entry.entry} />
            {owner === undefined ? (
              <p className="page-loading">{t('common.loading')}</p>
            ) : tokenFromLink && !owner && !presenterKey ? (
              <PersonalLinkGate entry={entry.entry} token={tokenFromLink} onJoinedWithLink={(answer) => joined(answer, true)} onJoined={(answer) => joined(answer, false)} />
            ) : (
              <EntryForm entry={entry.entry} owner={owner} presenterKey={presenterKey} initialToken={tokenFromLink} autoHost={wantsHost} onJoined={(answer) => joined(answer, true)} />
            )}
          </section>
        )}
      </div>
    </PageShell>
  );
}

function EntryHeader({ entry }: { entry: EventEntryOut }) {
  const { t } = useT();
  return (
    <header className="entry-head">
      <span className="badge">{t(`kind.${entry.kind}`)}</span>
      <h1 id="entry-title" className="entry-title" data-testid="entry-event-name">{entry.name}</h1>
      <dl className="entry-facts">
        <div>
          <dt>{t('entry.starts')}</dt>
          <dd>
            {/* The event's own zone, named, and the viewer's time beside it where it differs (issue 10). */}
            <EventTime iso={entry.startsAt} zone={entry.timeZone} />
          </dd>
        </div>
        <div>
          <dt>{t('entry.duration')}</dt>
          <dd>{t('event.duration', { count: entry.durationMinutes })}</dd>
        </div>
      </dl>
    </header>
  );
}
