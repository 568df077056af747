import { useMemo } from 'react';
import type { AccountStatsOut } from '../../../shared/report-schemas.ts';
import { Alert } from '../components/alert.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { useRequireSession } from '../scheduling/require-session.ts';
import { useLoad } from '../scheduling/use-load.ts';
import '../styles/scheduling.css';
import './reports.css';
import { ReportsNav } from './reports-nav.tsx';
import { downloadUrl, reportsApi } from './reports-api.ts';
import { UChart, categoryBars } from './u-chart.tsx';

/** The ten biggest, the rest summed as "Other", so a chart stays readable. */
function top(counts: AccountStatsOut['countries'], other: string): AccountStatsOut['countries'] {
  if (counts.length <= 10) return counts;
  return [...counts.slice(0, 9), { name: other, count: counts.slice(9).reduce((s, c) => s + c.count, 0) }];
}

function CountChart({ title, counts, testId }: { title: string; counts: AccountStatsOut['countries']; testId: string }) {
  const { t } = useT();
  const shown = useMemo(() => top(counts, t('stats.other')), [counts, t]);
  const chart = useMemo(() => categoryBars(shown.map((c) => c.name), [{ label: t('stats.attendees'), values: shown.map((c) => c.count) }]), [shown, t]);
  return (
    <figure className="card chart-card">
      <figcaption className="card-title">{title}</figcaption>
      {counts.length === 0 ? <p className="muted">{t('stats.none')}</p> : <UChart {...chart} testId={testId} summary={shown.map((c) => `${c.name}: ${c.count}`).join(', ')} />}
    </figure>
  );
}

/** `/dashboard/statistics`: the account's statistics (POST-1) with charts and a CSV download. */
export function StatisticsPage() {
  const { t } = useT();
  const signedIn = useRequireSession();
  const { data, failure } = useLoad(() => reportsApi.statistics(), []);
  const months = useMemo(() => (data ? categoryBars(data.perMonth.map((m) => m.month), [
    { label: t('stats.events'), values: data.perMonth.map((m) => m.events) },
    { label: t('stats.attendees'), values: data.perMonth.map((m) => m.attendees) },
  ]) : undefined), [data, t]);
  if (!signedIn) return <p className="page-loading">{t('common.loading')}</p>;
  return (
    <div className="stack" data-testid="statistics-page">
      <ReportsNav />
      <div className="card-head">
        <h1 className="page-title">{t('stats.title')}</h1>
        <a className="btn btn-secondary btn-sm" href={downloadUrl.statisticsCsv()} download>{t('report.downloadCsv')}</a>
      </div>
      {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
      {!data && failure === undefined && <p className="page-loading" role="status">{t('common.loading')}</p>}
      {data && (
        <>
          <section className="card">
            <dl className="report-figures">
              <div><dt className="muted small">{t('stats.events')}</dt><dd className="figure">{data.events}</dd></div>
              <div><dt className="muted small">{t('stats.attendees')}</dt><dd className="figure">{data.attendees}</dd></div>
              <div><dt className="muted small">{t('stats.countries')}</dt><dd className="figure">{data.countries.length}</dd></div>
            </dl>
          </section>
          {data.events === 0 && <p className="muted">{t('stats.empty')}</p>}
          <div className="chart-grid">
            <figure className="card chart-card">
              <figcaption className="card-title">{t('stats.perMonth')}</figcaption>
              {months && data.perMonth.length > 0
                ? <UChart {...months} testId="chart-months" summary={data.perMonth.map((m) => `${m.month}: ${m.events} / ${m.attendees}`).join(', ')} />
                : <p className="muted">{t('stats.none')}</p>}
            </figure>
            <CountChart title={t('stats.countries')} counts={data.countries} testId="chart-countries" />
            <CountChart title={t('stats.devices')} counts={data.devices} testId="chart-devices" />
            <CountChart title={t('stats.browsers')} counts={data.browsers} testId="chart-browsers" />
            <CountChart title={t('stats.os')} counts={data.os} testId="chart-os" />
          </div>
        </>
      )}
    </div>
  );
}
