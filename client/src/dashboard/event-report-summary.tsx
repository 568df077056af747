import { useEffect, useState } from 'react';
import type { EventReportOut } from '../../../shared/report-schemas.ts';
import { request } from '../api/http.ts';
import { Alert } from '../components/alert.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { eventTimeText } from './time-zones.ts';

/**
 * An ended event's card shows this instead of "Enter room": when it ended and the
 * counts from the event report (GET /events/{id}/report), with the report's downloads.
 */
export function EventReportSummary({ eventId }: { eventId: number }) {
  const { t, lang } = useT();
  const [report, setReport] = useState<EventReportOut>();
  const [failure, setFailure] = useState<unknown>();

  useEffect(() => {
    let current = true;
    request<EventReportOut>('GET', `/events/${eventId}/report`).then(
      (answer) => current && setReport(answer),
      (error: unknown) => current && setFailure(error),
    );
    return () => {
      current = false;
    };
  }, [eventId]);

  if (failure !== undefined) return <Alert>{errorText(t, failure)}</Alert>;
  if (!report) return <p className="muted small" role="status">{t('report.loading')}</p>;
  const { summary } = report;
  return (
    <div className="report-summary" data-testid="report-summary">
      {report.event.endedAt && <p className="small">{t('report.endedAt', { time: eventTimeText(report.event.endedAt, lang, report.event.timeZone, t('tz.yourTime')) })}</p>}
      <dl className="entry-facts">
        <div><dt>{t('report.registered')}</dt><dd data-testid="report-registered">{summary.registered}</dd></div>
        <div><dt>{t('report.attended')}</dt><dd data-testid="report-attended">{summary.attended}</dd></div>
        <div><dt>{t('report.peak')}</dt><dd>{summary.peakConcurrent}</dd></div>
        <div><dt>{t('report.averageMinutes')}</dt><dd>{Math.round(summary.averageSeconds / 60)}</dd></div>
      </dl>
      <div className="button-row">
        <a className="btn btn-ghost btn-sm" href={`/api/v1/events/${eventId}/report.csv`} download>{t('report.csv')}</a>
        <a className="btn btn-ghost btn-sm" href={`/api/v1/events/${eventId}/report.json`} download>{t('report.json')}</a>
      </div>
    </div>
  );
}
