import { useEffect, useState, type FormEvent } from 'react';
import type { ApiKeyOut, CreatedApiKeyOut } from '../../../shared/account-schemas.ts';
import { accountApi } from '../api/endpoints.ts';
import { API_DOCS_URL } from '../components/app-header.tsx';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { ConfirmInline } from '../components/confirm-inline.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { TextField } from '../components/field.tsx';
import { errorText } from '../i18n/error-text.ts';
import { formatDate } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';

/** API keys: create one (its secret is shown this once), see the list, revoke. */
export function ApiKeysSection() {
  const { t, lang } = useT();
  const [keys, setKeys] = useState<ApiKeyOut[] | undefined>();
  const [fresh, setFresh] = useState<CreatedApiKeyOut>();
  const [name, setName] = useState('');
  const [nameMissing, setNameMissing] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    accountApi.listApiKeys().then(
      (answer) => current && setKeys(answer.apiKeys),
      (err: unknown) => current && setFailure(err),
    );
    return () => {
      current = false;
    };
  }, []);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setNameMissing(!name.trim());
    if (!name.trim()) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const key = await accountApi.createApiKey(name.trim());
      setFresh(key);
      const { key: _secret, ...listed } = key;
      setKeys((list) => [listed, ...(list ?? [])]);
      setName('');
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (key: ApiKeyOut) => {
    try {
      await accountApi.revokeApiKey(key.id);
      setKeys((list) => list?.filter((k) => k.id !== key.id));
      if (fresh?.id === key.id) setFresh(undefined);
    } catch (err) {
      setFailure(err);
    }
  };

  return (
    <section className="card" aria-labelledby="api-keys-title">
      <div className="card-head">
        <h2 id="api-keys-title" className="card-title">{t('apiKeys.title')}</h2>
        <a href={API_DOCS_URL} target="_blank" rel="noreferrer" className="small">{t('nav.apiReference')} ↗</a>
      </div>
      <p className="muted small">{t('apiKeys.intro')}</p>

      {fresh && (
        <div className="secret-box" role="status">
          <p className="secret-title">{t('apiKeys.newKeyTitle', { name: fresh.name })}</p>
          <code className="secret-value" data-testid="new-api-key">{fresh.key}</code>
          <p className="small">{t('apiKeys.newKeyWarning')}</p>
          <div className="button-row">
            <CopyButton text={fresh.key} label={t('common.copy')} variant="primary" />
            <Button size="sm" variant="ghost" onClick={() => setFresh(undefined)}>{t('apiKeys.done')}</Button>
          </div>
        </div>
      )}

      <form className="inline-form" onSubmit={(e) => void create(e)} noValidate>
        <TextField label={t('apiKeys.name')} placeholder={t('apiKeys.namePlaceholder')} value={name} onChange={(e) => setName(e.target.value)} error={nameMissing ? t('validation.name') : undefined} maxLength={100} />
        <Button type="submit" loading={busy}>{t('apiKeys.create')}</Button>
      </form>
      {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}

      {keys?.length === 0 && <p className="muted small">{t('apiKeys.none')}</p>}
      {keys && keys.length > 0 && (
        <ul className="plain-list">
          {keys.map((key) => (
            <li key={key.id} className="list-row">
              <div className="list-row-main">
                <span className="list-row-title">{key.name}</span>
                <span className="muted small">
                  <code>{key.prefix}…</code> · {t('apiKeys.created', { date: formatDate(key.createdAt, lang) })} ·{' '}
                  {key.lastUsedAt ? t('apiKeys.lastUsed', { date: formatDate(key.lastUsedAt, lang) }) : t('apiKeys.neverUsed')}
                </span>
              </div>
              <ConfirmInline
                trigger={t('apiKeys.revoke')}
                question={t('apiKeys.confirmRevoke', { name: key.name })}
                confirmLabel={t('apiKeys.confirmRevokeYes')}
                onConfirm={() => revoke(key)}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
