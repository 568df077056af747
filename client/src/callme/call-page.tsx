import type { DayHours } from '../../../shared/callme-hours.ts';
import { formatMinute } from '../../../shared/callme-hours.ts';
import { Alert } from '../components/alert.tsx';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { Conversation } from './conversation.tsx';
import { usePublicPackage } from './use-public-package.ts';
import { useVisitorRoom, type Consultants } from './use-visitor-room.ts';
import './callme.css';

const STATUS_KEY: Record<Consultants[number]['status'], TextKey> = { available: 'callme.available', busy: 'callme.busy', offline: 'callme.offline' };

/** A package's own call page (CALL-3), reachable without the widget: who answers, when, and the conversation. */
export function CallPage({ packageId }: { packageId: string }) {
  const { t } = useT();
  const pkg = usePublicPackage(packageId);
  const room = useVisitorRoom(packageId);
  if (pkg.error) return <main className="callme-page"><Alert>{pkg.error}</Alert></main>;
  if (!pkg.data) return <main className="callme-page"><p role="status">{t('common.loading')}</p></main>;
  const p = pkg.data;
  const consultants = room.consultants ?? p.consultants;
  const day = (d: DayHours) => (d.kind === 'closed' ? t('callme.closed') : d.kind === 'all-day' ? t('callme.allDay') : `${formatMinute(d.open)}–${formatMinute(d.close)}`);
  return (
    <main className="callme-page" id="main">
      <header className="callme-page-header">
        {p.logoUrl && <img className="callme-logo" src={p.logoUrl} alt={p.companyName} />}
        <div>
          <h1 className="callme-big">{p.page.bigHeader || p.companyName}</h1>
          {p.page.smallHeader && <p className="callme-small">{p.page.smallHeader}</p>}
          <p className="callme-muted"><a href={p.companyUrl} rel="noopener">{p.companyName}</a></p>
        </div>
      </header>
      <div className="callme-page-grid">
        <section className="callme-card" aria-labelledby="callme-consultants">
          <h2 id="callme-consultants" className="callme-h2">{t('callme.consultants')}</h2>
          {consultants.length === 0 ? <p className="callme-muted">{t('callme.noConsultants')}</p> : (
            <ul className="callme-people">
              {consultants.map((c) => (
                <li key={c.id} className="callme-person" data-status={c.status}>
                  {c.photoUrl ? <img className="callme-avatar" src={c.photoUrl} alt="" /> : <span className="callme-avatar callme-avatar-empty" aria-hidden="true">{c.firstName.slice(0, 1)}</span>}
                  <span>{c.firstName} {c.lastName}</span>
                  <span className={`callme-dot callme-dot-${c.status}`}>{t(STATUS_KEY[c.status])}</span>
                </li>
              ))}
            </ul>
          )}
          <h2 className="callme-h2">{t('callme.hours')}</h2>
          <dl className="callme-hours">
            <dt>{t('callme.weekdays')}</dt><dd>{day(p.hours.weekdays)}</dd>
            <dt>{t('callme.saturday')}</dt><dd>{day(p.hours.saturday)}</dd>
            <dt>{t('callme.sunday')}</dt><dd>{day(p.hours.sunday)}</dd>
          </dl>
          <p className="callme-muted">{p.timeZone}</p>
        </section>
        <section className="callme-card" aria-label={p.companyName}>
          <Conversation room={room} pkg={p} allowChat={p.page.showChat} />
        </section>
      </div>
    </main>
  );
}
