import { useState, type FormEvent } from 'react';
import { eventsApi } from '../api/endpoints.ts';
import { Button } from '../components/button.tsx';
import { TextField } from '../components/field.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { navigate } from '../router.tsx';

/**
 * Reads what people type or paste: a bare event id ("482913") or a whole room link,
 * whose fragment (#token=…, #presenter=…) must survive the trip to the join page.
 */
export function parseEventInput(input: string): { id: number; hash: string } | null {
  const text = input.trim();
  if (/^\d{1,12}$/.test(text)) return { id: Number(text), hash: '' };
  const match = /\/room\/(\d{1,12})\/?(#.*)?$/.exec(text);
  return match ? { id: Number(match[1]), hash: match[2] ?? '' } : null;
}

/** The "type the event id" form of the start page and of /join. */
export function JoinByIdForm({ autoFocus = false }: { autoFocus?: boolean }) {
  const { t } = useT();
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseEventInput(value);
    setInvalid(!parsed);
    setFailure(undefined);
    if (!parsed) return;
    setBusy(true);
    try {
      // Asking first lets a typo be answered here, next to the field.
      await eventsApi.entry(parsed.id);
      navigate(`/room/${parsed.id}${parsed.hash}`);
    } catch (err) {
      setFailure(err);
      setBusy(false);
    }
  };

  return (
    <form className="join-by-id" onSubmit={(e) => void submit(e)} noValidate>
      <TextField
        label={t('joinById.eventId')}
        name="eventId"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('joinById.placeholder')}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={invalid ? t('joinById.invalid') : failure !== undefined ? errorText(t, failure, { notFound: 'error.event-not-found' }) : undefined}
        autoFocus={autoFocus}
        required
      />
      <Button type="submit" variant="primary" loading={busy}>{t('joinById.submit')}</Button>
    </form>
  );
}
