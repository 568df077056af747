import { useEffect, useState, type FormEvent } from 'react';
import type { TokenOut } from '../../../shared/event-schemas.ts';
import { eventsApi } from '../api/endpoints.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { TextField } from '../components/field.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';

/** Personal access tokens of a token-protected event: generate them and hand out their links. */
export function TokenPanel({ eventId }: { eventId: number }) {
  const { t } = useT();
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
      const answer = await eventsApi.createTokens(eventId, { count: n, singleUse, ...(label.trim() && { label: label.trim() }) });
      setTokens((list) => [...answer.tokens, ...(list ?? [])]);
      setLabel('');
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="token-panel">
      <p className="muted small">{t('tokens.intro')}</p>
      <form className="token-form" onSubmit={(e) => void generate(e)} noValidate>
        <TextField className="token-count" label={t('tokens.count')} type="number" inputMode="numeric" min={1} max={1000} value={count} onChange={(e) => setCount(e.target.value)} error={countInvalid ? t('validation.tokenCount') : undefined} />
        <TextField className="token-label" label={t('tokens.label')} placeholder={t('tokens.labelPlaceholder')} value={label} onChange={(e) => setLabel(e.target.value)} optional maxLength={200} />
        <label className="checkbox">
          <input type="checkbox" checked={singleUse} onChange={(e) => setSingleUse(e.target.checked)} />
          {t('tokens.singleUse')}
        </label>
        <Button type="submit" variant="primary" size="sm" loading={busy}>{t('tokens.generate')}</Button>
      </form>
      {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
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
              <li key={token.id} className="token-item">
                <code className="token-code">{token.token}</code>
                {token.label && <span className="token-label-text">{token.label}</span>}
                <span className={`badge ${token.usedAt && token.singleUse ? 'badge-muted' : ''}`}>
                  {!token.singleUse ? t('tokens.reusable') : token.usedAt ? t('tokens.used') : t('tokens.unused')}
                </span>
                <CopyButton text={token.joinUrl} label={t('tokens.copyLink')} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
