import { useState } from 'react';
import { History } from 'lucide-react';
import type { TokenOut } from '../../../shared/event-schemas.ts';
import type { LinkUseOut } from '../../../shared/personal-link-schemas.ts';
import { eventsApi } from '../api/endpoints.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { formatDateTimeWithZone } from '../i18n/format.ts';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import './token-uses.css';

/**
 * Where a personal link was used: the summary line, and on request its whole history,
 * fetched from the server a page at a time (a link handed around at a conference can
 * have hundreds of entries, more than the latest ten the list carries).
 */
export function TokenUses({ eventId, token }: { eventId: number; token: TokenOut }) {
  const { t, lang } = useT();
  const [open, setOpen] = useState(false);
  const [uses, setUses] = useState<LinkUseOut[]>([]);
  const [next, setNext] = useState<string | null | undefined>();
  const [total, setTotal] = useState(token.useCount);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  const load = async (cursor?: string) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const page = await eventsApi.tokenUses(eventId, token.id, cursor);
      setUses((list) => (cursor ? [...list, ...page.uses] : page.uses));
      setNext(page.nextCursor);
      setTotal(page.total);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const toggle = () => {
    setOpen(!open);
    if (!open) void load();
  };

  const latest = token.uses[0];
  return (
    <div className="token-uses">
      <span className="muted small" data-testid="token-uses">
        {!latest ? t('tokens.unused') : t('tokens.uses', {
          count: token.useCount,
          device: `${latest.device ?? t('tokens.unknownDevice')}, ${formatDateTimeWithZone(latest.at, lang)}`,
        })}
      </span>
      {token.useCount > 0 && (
        <Button variant="ghost" size="sm" aria-expanded={open} onClick={toggle} data-testid="token-history-toggle">
          <History size={14} aria-hidden /> {open ? t('tokens.historyHide') : t('tokens.historyShow', { count: token.useCount })}
        </Button>
      )}
      {open && (
        <div className="token-history" data-testid="token-history">
          {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
          <ol className="token-history-list">
            {uses.map((use, i) => (
              <li key={`${use.at}-${i}`} data-testid="token-history-item">
                <span>{formatDateTimeWithZone(use.at, lang)}</span> · <span>{use.device ?? t('tokens.unknownDevice')}</span>
                {use.address && <span className="muted"> · {use.address}</span>}
              </li>
            ))}
          </ol>
          <p className="muted small" role="status">{t('tokens.historyShown', { shown: uses.length, total })}</p>
          {next && <Button variant="ghost" size="sm" loading={busy} onClick={() => void load(next)}>{t('tokens.historyMore')}</Button>}
          {busy && !next && <p className="muted small">{t('common.loading')}</p>}
        </div>
      )}
    </div>
  );
}
