import { useMemo, useState } from 'react';
import type { AttendeeRowOut } from '../../../shared/report-schemas.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { formatSeconds } from './report-format.ts';

type Column = 'name' | 'email' | 'totalSeconds' | 'stays' | 'firstJoinedAt' | 'device' | 'browser' | 'country' | 'rating' | 'chatLines';
const COLUMNS: { key: Column; label: TextKey; value: (a: AttendeeRowOut) => string | number }[] = [
  { key: 'name', label: 'report.col.name', value: (a) => a.name.toLocaleLowerCase() },
  { key: 'email', label: 'report.col.email', value: (a) => a.email ?? '' },
  { key: 'totalSeconds', label: 'report.col.time', value: (a) => a.totalSeconds },
  { key: 'stays', label: 'report.col.stays', value: (a) => a.stays.length },
  { key: 'firstJoinedAt', label: 'report.col.joined', value: (a) => a.firstJoinedAt ?? '' },
  { key: 'device', label: 'report.col.device', value: (a) => `${a.device ?? ''} ${a.os ?? ''}` },
  { key: 'browser', label: 'report.col.browser', value: (a) => a.browser ?? '' },
  { key: 'country', label: 'report.col.country', value: (a) => a.country ?? '' },
  { key: 'rating', label: 'report.col.rating', value: (a) => a.rating ?? 0 },
  { key: 'chatLines', label: 'report.col.activity', value: (a) => a.chatLines + a.questionsAsked + a.pollAnswers + a.ctaClicks },
];

/** The attendance: one row per attendee, searchable by name or e-mail, sortable by any column (header buttons). */
export function AttendanceTable({ attendees }: { attendees: AttendeeRowOut[] }) {
  const { t, lang } = useT();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: Column; descending: boolean }>({ key: 'name', descending: false });
  const rows = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    const column = COLUMNS.find((c) => c.key === sort.key)!;
    const found = q ? attendees.filter((a) => a.name.toLocaleLowerCase().includes(q) || (a.email ?? '').toLocaleLowerCase().includes(q)) : attendees;
    return [...found].sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), lang);
      return sort.descending ? -order : order;
    });
  }, [attendees, query, sort, lang]);

  return (
    <section className="card stack" aria-labelledby="attendance-title">
      <div className="card-head">
        <h2 id="attendance-title" className="card-title">{t('report.attendance')}</h2>
        <input type="search" className="input report-search" placeholder={t('report.search')} aria-label={t('report.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {attendees.length === 0 ? <p className="muted">{t('report.noAttendees')}</p> : (
        <div className="table-scroll">
          <table className="data-table" data-testid="attendance-table">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c.key} aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                    <button type="button" className="sort-button" onClick={() => setSort((s) => ({ key: c.key, descending: s.key === c.key ? !s.descending : false }))}>
                      {t(c.label)}{sort.key === c.key ? (sort.descending ? ' ↓' : ' ↑') : ''}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.participantId} data-testid="attendance-row">
                  <td>{a.name}</td>
                  <td>{a.email ?? '—'}</td>
                  <td>{formatSeconds(a.totalSeconds)}</td>
                  <td title={a.stays.map((s) => `${formatDateTime(s.joinedAt, lang)} – ${s.leftAt ? formatDateTime(s.leftAt, lang) : t('report.now')}`).join('\n')}>{a.stays.length}</td>
                  <td>{a.firstJoinedAt ? formatDateTime(a.firstJoinedAt, lang) : '—'}</td>
                  <td>{[a.device, a.os].filter(Boolean).join(', ') || '—'}</td>
                  <td>{a.browser ?? '—'}</td>
                  <td>{a.country ?? '—'}</td>
                  <td>{a.rating ?? '—'}</td>
                  <td className="small">{t('report.activity', { chat: a.chatLines, questions: a.questionsAsked, polls: a.pollAnswers, clicks: a.ctaClicks })}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 && <p className="muted">{t('report.noMatch')}</p>}
        </div>
      )}
    </section>
  );
}
