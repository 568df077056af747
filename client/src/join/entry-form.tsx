import { useEffect, useEffectEvent, useRef, useState, type FormEvent } from 'react';
import type { EventEntryOut } from '../../../shared/event-schemas.ts';
import type { JoinBody, JoinOut } from '../../../shared/join-schemas.ts';
import { eventsApi } from '../api/endpoints.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { TextField } from '../components/field.tsx';
import { errorCode, errorText, fieldErrors } from '../i18n/error-text.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { looksLikeEmail } from '../pages/auth-validation.ts';
import { loadGuest, saveGuest } from './join-storage.ts';

const PASSWORD_CODES = new Set(['password-required', 'wrong-password']);
const TOKEN_CODES = new Set(['token-required', 'invalid-token', 'token-used', 'token-revoked', 'token-expired']);

export interface EntryFormProps {
  entry: EventEntryOut;
  /** True when the logged-in visitor organizes this event; undefined while that is being checked. */
  owner: boolean | undefined;
  presenterKey: string | undefined;
  initialToken: string | undefined;
  /** Enter as host without a click (the dashboard's "Enter room"). */
  autoHost: boolean;
  onJoined: (join: JoinOut) => void;
}

/**
 * The join form: asks exactly what this event needs (a name, and a password or token
 * by its access type; nothing but a click for its organizer) and trades it for a ticket.
 */
export function EntryForm({ entry, owner, presenterKey, initialToken, autoHost, onJoined }: EntryFormProps) {
  const { t } = useT();
  const [guest, setGuest] = useState(loadGuest);
  const [password, setPassword] = useState('');
  const [token, setToken] = useState(initialToken ?? '');
  const [errors, setErrors] = useState<Record<string, TextKey>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState<'host' | 'guest' | undefined>();
  const autoHostDone = useRef(false);

  // Scheduling: a personal link (#token=…) from a registration or invitation opens public and password events too.
  const personalToken = !presenterKey && entry.accessType !== 'token' ? initialToken : undefined;
  const needsPassword = !presenterKey && !personalToken && entry.accessType === 'password';
  const needsToken = !presenterKey && entry.accessType === 'token';

  const join = async (body: JoinBody, as: 'host' | 'guest') => {
    setBusy(as);
    setFailure(undefined);
    try {
      onJoined(await eventsApi.join(entry.id, body));
    } catch (err) {
      setErrors(fieldErrors(err));
      setFailure(err);
      setBusy(undefined);
    }
  };

  const enterAsHost = () => join({}, 'host');

  const autoEnter = useEffectEvent(() => {
    // Once per page: the ref survives StrictMode's double effect run.
    if (autoHostDone.current) return;
    autoHostDone.current = true;
    void enterAsHost();
  });
  useEffect(() => {
    if (autoHost && owner) autoEnter();
  }, [autoHost, owner]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, TextKey> = {};
    // Scheduling: a personal link already names its holder, so the name may be left empty.
    if (!guest.name.trim() && !initialToken) found.name = 'validation.name';
    if (guest.email.trim() && !looksLikeEmail(guest.email)) found.email = 'validation.email';
    if (needsPassword && !password) found.password = 'error.password-required';
    if (needsToken && !token.trim()) found.token = 'error.token-required';
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length) return;
    const details = { name: guest.name.trim(), email: guest.email.trim() };
    saveGuest(details);
    await join({
      ...(details.name && { name: details.name }),
      ...(details.email && { email: details.email }),
      ...(needsPassword && { password }),
      ...(needsToken && { token: token.trim() }),
      ...(personalToken && { token: personalToken }),
      ...(presenterKey && { presenterKey }),
    }, 'guest');
  };

  const code = errorCode(failure);
  const failureText = failure !== undefined ? errorText(t, failure, { notFound: 'error.event-not-found' }) : undefined;
  const fieldError = (field: string) => (errors[field] ? t(errors[field]) : undefined);
  const shownAtField = code !== undefined && ((needsPassword && PASSWORD_CODES.has(code)) || (needsToken && TOKEN_CODES.has(code)));

  if (owner) {
    return (
      <div className="host-box">
        <div>
          <p className="host-box-title">{t('entry.youAreHost')}</p>
          <p className="muted small">{t('entry.hostText')}</p>
        </div>
        <Button variant="primary" onClick={() => void enterAsHost()} loading={busy === 'host'} data-testid="enter-as-host">
          {t('entry.enterAsHost')}
        </Button>
        {failureText && <Alert className="host-box-error">{failureText}</Alert>}
      </div>
    );
  }

  return (
    <>
      {presenterKey && <Alert tone="info">{t('entry.presenterNotice')}</Alert>}
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField label={t('entry.name')} name="name" autoComplete="name" placeholder={t('entry.namePlaceholder')} value={guest.name}
          onChange={(e) => setGuest((g) => ({ ...g, name: e.target.value }))} error={fieldError('name')} required maxLength={100} autoFocus={!guest.name} />
        <TextField label={t('entry.email')} name="email" type="email" autoComplete="email" value={guest.email}
          onChange={(e) => setGuest((g) => ({ ...g, email: e.target.value }))} error={fieldError('email')} hint={t('entry.emailHint')} optional />
        {needsPassword && (
          <TextField label={t('entry.password')} name="password" type="password" autoComplete="off" value={password}
            onChange={(e) => setPassword(e.target.value)} error={fieldError('password') ?? (code && PASSWORD_CODES.has(code) ? failureText : undefined)} required autoFocus={!!guest.name} />
        )}
        {needsToken && (
          <TextField label={t('entry.token')} name="token" autoComplete="off" spellCheck={false} value={token}
            onChange={(e) => setToken(e.target.value)} error={fieldError('token') ?? (code && TOKEN_CODES.has(code) ? failureText : undefined)} hint={t('entry.tokenHint')} required />
        )}
        {/* Every refusal is shown: under its field when there is one, otherwise here (never only in the console). */}
        {failureText && !shownAtField && <Alert>{failureText}</Alert>}
        <Button type="submit" variant="primary" block loading={busy === 'guest'}>
          {t('entry.submit')}
        </Button>
      </form>
    </>
  );
}
