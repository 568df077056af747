import { useEffect, useState, type FormEvent } from 'react';
import type { TokenOut } from '../../../shared/event-schemas.ts';
import { eventsApi } from '../api/endpoints.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { TokenUses } from './token-uses.tsx';

/**
 * Personal links of an event: attendee tokens (token events) and personal presenter
 * links (every event), generated here and handed out; each shows where it was used and
 * can be revoked on its own.
 */
export function TokenPanel({ eventId }: { eventId: number }) {
  const { t } = useT();
  const [role, setRole] = useState<'attendee' | 'presenter'>('attendee');
  const [revoking, setRevoking] = useState<string>();
  const [tokens, setTokens] = useState<TokenOut[] | undefined>();
  const [count, setCount] = useState('1');
  const [singleUse, setSingleUse] = useState(true);
  const [label, setLabel] = useState('');
  const [failure, setFailure] = useState<unknown>();
  const [countInvalid, setCountInvalid] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    eventsApi.listTokens(eventId).then(
      (answer) => current && setTokens(answer.tokens),
      (err: unknown) => current && setFailure(err),
    );
    return () => {
      current = false;
    };
  }, [eventId]);

  const generate = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(count);
    const invalid = !Number.isInteger(n) || n < 1 || n > 1000;
    setCountInvalid(invalid);
    if (invalid) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const answer = await eventsApi.createTokens(eventId, { count: n, singleUse, role, ...(label.trim() && { label: label.trim() }) });
      setTokens((list) => [...answer.tokens, ...(list ?? [])]);
      setLabel('');
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const [switching, setSwitching] = useState<string>();
  const [notice, setNotice] = useState<string>();
  // Single-use ⇄ reusable after creation; a used link switched to single-use is closed at once, and the panel says so.
  const switchUse = async (token: TokenOut) => {
    setSwitching(token.id);
    setFailure(undefined);
    setNotice(undefined);
    try {
      const changed = await eventsApi.updateToken(eventId, token.id, { singleUse: !token.singleUse });
      setTokens((list) => list?.map((item) => (item.id === changed.id ? changed : item)));
      setNotice(changed.singleUse ? (changed.usedAt ? t('tokens.nowSingleUseClosed') : t('tokens.nowSingleUse')) : t('tokens.nowReusable'));
    } catch (err) {
      setFailure(err);
    } finally {
      setSwitching(undefined);
    }
  };

  const revoke = async (token: TokenOut) => {
    setRevoking(token.id);
    setFailure(undefined);
    try {
      const revoked = await eventsApi.revokeToken(eventId, token.id);
      setTokens((list) => list?.map((item) => (item.id === revoked.id ? revoked : item)));
    } catch (err) {
      setFailure(err);
    } finally {
      setRevoking(undefined);
    }
  };

  return (
    <div className="token-panel" data-testid="token-panel">
      <p className="muted small">{t('tokens.intro')}</p>
      <form className="token-form" onSubmit={(e) => void generate(e)} noValidate>
        <TextField className="token-count" label={t('tokens.count')} type="number" inputMode="numeric" min={1} max={1000} value={count} onChange={(e) => setCount(e.target.value)} error={countInvalid ? t('validation.tokenCount') : undefined} />
        <TextField className="token-label" label={t('tokens.label')} placeholder={t('tokens.labelPlaceholder')} value={label} onChange={(e) => setLabel(e.target.value)} optional maxLength={200} />
        <SelectField label={t('tokens.role')} value={role} onChange={(e) => setRole(e.target.value as 'attendee' | 'presenter')}>
          <option value="attendee">{t('tokens.attendee')}</option>
          <option value="presenter">{t('tokens.presenter')}</option>
        </SelectField>
        <label className="checkbox">
          <input type="checkbox" checked={singleUse} onChange={(e) => setSingleUse(e.target.checked)} />
          {t('tokens.singleUse')}
        </label>
        <Button type="submit" variant="primary" size="sm" loading={busy}>{t('tokens.generate')}</Button>
      </form>
      {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
      {notice && <Alert tone="success">{notice}</Alert>}
      {tokens === undefined && failure === undefined && <p className="muted small">{t('common.loading')}</p>}
      {tokens?.length === 0 && <p className="muted small">{t('tokens.none')}</p>}
      {tokens && tokens.length > 0 && (
        <>
          {tokens.length > 1 && (
            <div className="token-copy-all">
              <CopyButton text={tokens.map((token) => token.joinUrl).join('\n')} label={t('tokens.copyAll')} variant="ghost" />
            </div>
          )}
          <ul className="token-list">
            {tokens.map((token) => (
              <li key={token.id} className="token-item" data-testid="token-item" data-role={token.role}>
                <code className="token-code">{token.token}</code>
                {token.label && <span className="token-label-text">{token.label}</span>}
                {token.role === 'presenter' && <span className="badge">{t('tokens.presenter')}</span>}
                {token.revokedAt ? (
                  <span className="badge badge-muted">{t('tokens.revoked')}</span>
                ) : token.expiresAt && new Date(token.expiresAt).getTime() <= Date.now() ? (
                  <span className="badge badge-muted">{t('tokens.expired')}</span>
                ) : (
                  <span className={`badge ${token.usedAt && token.singleUse ? 'badge-muted' : ''}`}>
                    {!token.singleUse ? t('tokens.reusable') : token.usedAt ? t('tokens.used') : t('tokens.unused')}
                  </span>
                )}
                {/* Where the link was used, so a forwarded link shows up as a second device; the whole history on request. */}
                <TokenUses eventId={eventId} token={token} />
                {!token.revokedAt && <CopyButton text={token.joinUrl} label={t('tokens.copyLink')} />}
                {!token.revokedAt && (
                  <Button variant="ghost" size="sm" loading={switching === token.id} onClick={() => void switchUse(token)} data-testid="token-switch-use"
                    title={token.singleUse ? undefined : token.usedAt ? t('tokens.makeSingleUseClosesHint') : undefined}>
                    {token.singleUse ? t('tokens.makeReusable') : t('tokens.makeSingleUse')}
                  </Button>
                )}
                {!token.revokedAt && (
                  <Button variant="ghost" size="sm" loading={revoking === token.id} onClick={() => void revoke(token)}>{t('tokens.revoke')}</Button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
