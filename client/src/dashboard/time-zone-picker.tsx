import { useId, useMemo, useState, type ChangeEvent } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { viewerTimeZone } from '../i18n/format.ts';
import { filterZones, zoneOptionsWithOffsets } from './time-zones.ts';

/**
 * A searchable time zone choice: type a city, a region or an offset ("+01") to narrow
 * the ~420 zones; each shows its current UTC offset, and the browser's own zone is first.
 * A native select underneath keeps keyboard and screen-reader use as usual.
 */
export function TimeZonePicker({ label, value, onChange, name = 'timeZone', error }: {
  label: string;
  value: string;
  onChange: (zone: string) => void;
  name?: string;
  error?: string | undefined;
}) {
  const { t } = useT();
  const id = useId();
  const [query, setQuery] = useState('');
  const all = useMemo(() => zoneOptionsWithOffsets(), []);
  const shown = useMemo(() => filterZones(all, query, value), [all, query, value]);
  const mine = viewerTimeZone();
  const onSearch = (e: ChangeEvent<HTMLInputElement>) => {
    setQuery(e.target.value);
    // Narrowed to one match (besides the current value): take it, so typing a city is enough.
    const matches = filterZones(all, e.target.value).filter((o) => o.zone !== value);
    if (e.target.value.trim() && matches.length === 1) onChange(matches[0]!.zone);
  };
  return (
    <div className={['field', 'zone-picker', error && 'has-error'].filter(Boolean).join(' ')}>
      <label htmlFor={`${id}-select`} className="field-label">{label}</label>
      <input id={`${id}-search`} type="search" className="input" placeholder={t('tz.search')} aria-label={t('tz.search')} value={query} onChange={onSearch} data-testid="zone-search" />
      <select id={`${id}-select`} name={name} className="input select" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined}>
        {shown.map((o) => <option key={o.zone} value={o.zone}>{o.zone === mine ? `${o.label} · ${t('tz.yours')}` : o.label}</option>)}
      </select>
      {query.trim() && filterZones(all, query).length === 0 && <p className="field-hint" role="status">{t('tz.noMatch', { query })}</p>}
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
