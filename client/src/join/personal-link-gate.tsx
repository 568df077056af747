import { useEffect, useState } from 'react';
import type { EventEntryOut } from '../../../shared/event-schemas.ts';
import type { JoinOut } from '../../../shared/join-schemas.ts';
import type { LinkCheckOut, LinkState } from '../../../shared/personal-link-schemas.ts';
import { eventsApi } from '../api/endpoints.ts';
import { ApiError } from '../api/http.ts';
import { schedulingApi } from '../api/scheduling-endpoints.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { EntryForm } from './entry-form.tsx';
import { forgetReentry, forgetTicket } from './join-storage.ts';

/** The problem codes of a refused personal link, by the state they mean. */
const STATE_OF_CODE: Record<string, Exclude<LinkState, 'valid'>> = { 'invalid-token': 'invalid', 'token-revoked': 'revoked', 'token-used': 'used', 'token-expired': 'expired' };

type Check = { state: 'checking' } | { state: 'done'; link: LinkCheckOut } | { state: 'error'; error: unknown };

export interface PersonalLinkGateProps {
  entry: EventEntryOut;
  token: string;
  /** Entered with the link itself. */
  onJoinedWithLink: (join: JoinOut) => void;
  /** Entered another way (the password, the plain form) after the link was refused or "Not you?". */
  onJoined: (join: JoinOut) => void;
}

/**
 * The join page of a personal link (registration, invitation, personal presenter link):
 * the link says who this is ("Joining as Zofia Nowak", one click), never a name the
 * browser remembers; "Not you?" joins without it. A link that does not open the room
 * says why (invalid, revoked, used, expired) and offers the way in the event allows.
 */
export function PersonalLinkGate({ entry, token, onJoinedWithLink, onJoined }: PersonalLinkGateProps) {
  const { t } = useT();
  const [check, setCheck] = useState<Check>({ state: 'checking' });
  const [notYou, setNotYou] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  useEffect(() => {
    let current = true;
    eventsApi.checkLink(entry.id, token).then(
      (link) => current && setCheck({ state: 'done', link }),
      (error: unknown) => current && setCheck({ state: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [entry.id, token]);

  const joinWithLink = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      onJoinedWithLink(await eventsApi.join(entry.id, { token }));
    } catch (error) {
      setBusy(false);
      // Revoked or used between the check and the click: show the refusal page.
      const refused = error instanceof ApiError ? STATE_OF_CODE[error.code] : undefined;
      if (refused) setCheck({ state: 'done', link: { state: refused, role: null, holder: null } });
      else setFailure(error);
    }
  };

  if (check.state === 'checking') return <p className="page-loading" role="status">{t('link.checking')}</p>;
  if (check.state === 'error') return <Alert>{errorText(t, check.error)}</Alert>;
  const { link } = check;

  if (link.state !== 'valid') return <LinkRefusal entry={entry} state={link.state} onJoined={onJoined} />;
  // A link made by the organizer without a name on it: the person says who they are.
  if (!link.holder) return <EntryForm entry={entry} owner={false} presenterKey={undefined} initialToken={token} autoHost={false} onJoined={onJoinedWithLink} />;

  if (notYou) {
    return (
      <div data-testid="not-you">
        <p className="muted">{t('link.notYouText', { name: link.holder.name })}</p>
        <WayIn entry={entry} onJoined={onJoined} />
      </div>
    );
  }
  return (
    <div className="joining-as" data-testid="joining-as">
      <p className="host-box-title">{t(link.role === 'presenter' ? 'link.joiningAsPresenter' : 'link.joiningAs', { name: link.holder.name })}</p>
      <p className="muted small">{t('link.personalText')}</p>
      {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
      <div className="button-row">
        <Button variant="primary" onClick={() => void joinWithLink()} loading={busy} autoFocus>{t('link.join')}</Button>
        <button type="button" className="link-button" onClick={() => {
          // Someone else's link in this browser: forget what it admitted, so nothing of it carries over.
          forgetTicket(entry.id);
          forgetReentry(entry.id);
          setNotYou(true);
        }}>{t('link.notYou')}</button>
      </div>
    </div>
  );
}

const TITLES: Record<Exclude<LinkState, 'valid'>, [TextKey, TextKey]> = {
  invalid: ['link.invalid.title', 'link.invalid.text'],
  revoked: ['link.revoked.title', 'link.revoked.text'],
  used: ['link.used.title', 'link.used.text'],
  expired: ['link.expired.title', 'link.expired.text'],
};

function LinkRefusal({ entry, state, onJoined }: { entry: EventEntryOut; state: Exclude<LinkState, 'valid'>; onJoined: (join: JoinOut) => void }) {
  const { t } = useT();
  const [title, text] = TITLES[state];
  return (
    <div data-testid="link-refused" data-state={state}>
      <Alert tone="warning">
        <strong>{t(title)}</strong> {t(text)}
      </Alert>
      <WayIn entry={entry} onJoined={onJoined} />
    </div>
  );
}

/** The way in without a personal link: the password form, the plain form, registration, or a reason. */
function WayIn({ entry, onJoined }: { entry: EventEntryOut; onJoined: (join: JoinOut) => void }) {
  const { t } = useT();
  const [registration, setRegistration] = useState<boolean | undefined>();
  useEffect(() => {
    let current = true;
    schedulingApi.form(entry.id).then(() => current && setRegistration(true), () => current && setRegistration(false));
    return () => {
      current = false;
    };
  }, [entry.id]);

  const registerLink = registration && (
    <p className="small">
      {t('link.wayInRegister')} <Link to={`/register/${entry.id}`} className="btn btn-ghost btn-sm">{t('link.register')}</Link>
    </p>
  );
  if (entry.accessType === 'token') {
    if (registration === undefined) return <p className="page-loading">{t('common.loading')}</p>;
    return registerLink || <p className="muted" data-testid="no-way-in">{t('link.noWayIn')}</p>;
  }
  return (
    <>
      <p className="small">{t(entry.accessType === 'password' ? 'link.wayInPassword' : 'link.wayInPublic')}</p>
      <EntryForm entry={entry} owner={false} presenterKey={undefined} initialToken={undefined} autoHost={false} onJoined={onJoined} />
      {registerLink}
    </>
  );
}
