import { useEffect } from 'react';
import { Alert } from '../components/alert.tsx';
import { errorText } from '../i18n/error-text.ts';
import { EventTime } from '../dashboard/event-time.tsx';
import { useT } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { useRequireSession } from '../scheduling/require-session.ts';
import { useLoad } from '../scheduling/use-load.ts';
import '../styles/scheduling.css';
import './reports.css';
import { AttendanceTable } from './attendance-table.tsx';
import { ReportCharts } from './report-charts.tsx';
import { formatSeconds, percent } from './report-format.ts';
import { ReportTranscripts } from './report-transcripts.tsx';
import { ReportsNav } from './reports-nav.tsx';
import { downloadUrl, reportsApi } from './reports-api.ts';

/** How often a live event's report refreshes itself. */
const LIVE_REFRESH_MS = 10_000;

/** `/dashboard/events/:id/report`: the event report (POST-1), after the event and live during it. */
export function ReportPage({ eventId }: { eventId: number }) {
  const { t } = useT();
  const signedIn = useRequireSession();
  const { data: report, failure, reload } = useLoad(() => reportsApi.report(eventId), [eventId]);
  const live = report?.event.status === 'live';
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => void reload(), LIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [live, reload]);

  if (!signedIn) return <p className="page-loading">{t('common.loading')}</p>;
  if (failure !== undefined && !report) return <div className="stack"><ReportsNav /><Alert>{errorText(t, failure, { notFound: 'report.notFound' })}</Alert></div>;
  if (!report) return <p className="page-loading" role="status">{t('report.loading')}</p>;
  const s = report.summary;
  const figures: [string, string][] = [
    [t('report.registered'), String(s.registered)],
    [t('report.attended'), String(s.attended)],
    [t('report.peak'), String(s.peakConcurrent)],
    [t('report.averageConcurrent'), String(s.averageConcurrent)],
    [t('report.averageTime'), formatSeconds(s.averageSeconds)],
    [t('report.averageRating'), s.averageRating === null ? '—' : `${s.averageRating} / 5`],
  ];
  const engagement: [string, number][] = [
    [t('report.chatted'), s.engagement.chatted], [t('report.asked'), s.engagement.asked], [t('report.voted'), s.engagement.voted], [t('report.clicked'), s.engagement.clicked],
  ];
  return (
    <div className="stack report-page" data-testid="report-page">
      <ReportsNav />
      <div className="card-head">
        <div>
          <h1 className="page-title">{t('report.title', { name: report.event.name })}</h1>
          <p className="muted small">
            <EventTime iso={report.event.startedAt ?? report.event.startsAt} zone={report.event.timeZone} /> · {live ? <span className="badge badge-live-soft">{t('report.live')}</span> : t(`report.status.${report.event.status}` as 'report.status.ended')}
            {' · '}<Link to={`/dashboard/events/${eventId}`}>{t('report.eventSetup')}</Link>
          </p>
        </div>
        <div className="button-row">
          <a className="btn btn-secondary btn-sm" href={downloadUrl.reportCsv(eventId)} download data-testid="download-csv">{t('report.downloadCsv')}</a>
          <a className="btn btn-ghost btn-sm" href={downloadUrl.reportJson(eventId)} download>{t('report.downloadJson')}</a>
        </div>
      </div>
      {failure !== undefined && <Alert tone="warning">{errorText(t, failure)}</Alert>}
      {live && <p className="muted small" role="status">{t('report.liveHint')}</p>}
      <section className="card" aria-label={t('report.summary')}>
        <dl className="report-figures">
          {figures.map(([label, value]) => <div key={label}><dt className="muted small">{label}</dt><dd className="figure">{value}</dd></div>)}
        </dl>
        <h2 className="small muted report-subhead">{t('report.engagement')}</h2>
        <dl className="report-figures">
          {engagement.map(([label, share]) => <div key={label}><dt className="muted small">{label}</dt><dd className="figure">{percent(share)}</dd></div>)}
        </dl>
      </section>
      <ReportCharts report={report} />
      <AttendanceTable attendees={report.attendees} />
      {report.comments.length > 0 && (
        <section className="card stack" aria-labelledby="comments-title">
          <h2 id="comments-title" className="card-title">{t('report.comments')}</h2>
          <ul className="transcript">{report.comments.map((c, i) => <li key={i}><strong>{c.name}</strong> <span className="badge badge-plain badge-xs">{c.rating} / 5</span> {c.comment}</li>)}</ul>
        </section>
      )}
      <ReportTranscripts report={report} />
    </div>
  );
}
