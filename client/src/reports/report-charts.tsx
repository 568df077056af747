import { useMemo } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import type { EventReportOut } from '../../../shared/report-schemas.ts';
import { useT } from '../i18n/i18n.tsx';
import { attendanceCurves } from './attendance-curve.ts';
import { SERIES_COLOURS, UChart, categoryBars } from './u-chart.tsx';

function timeSeries(x: number[], series: { label: string; values: number[] }[]): { options: Omit<Options, 'width' | 'height'>; data: AlignedData } {
  const stepped = uPlot.paths.stepped!({ align: 1 });
  return {
    options: {
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [{}, { values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? String(t) : '')) }],
      series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: SERIES_COLOURS[i % SERIES_COLOURS.length], width: 2, paths: stepped, points: { show: false }, fill: i === 0 && series.length === 1 ? `${SERIES_COLOURS[0]}22` : undefined }))],
    },
    data: [x, ...series.map((s) => s.values)],
  };
}

/** Attendees in the room over time, joins and leaves per step, ratings, and each poll question's results. */
export function ReportCharts({ report }: { report: EventReportOut }) {
  const { t } = useT();
  const curves = useMemo(() => {
    const from = Date.parse(report.event.startedAt ?? report.event.startsAt);
    const to = report.event.endedAt ? Date.parse(report.event.endedAt) : Date.now();
    return attendanceCurves(report.attendees, from, to);
  }, [report]);
  const attendees = useMemo(() => timeSeries(curves.x, [{ label: t('report.chart.inRoom'), values: curves.inRoom }]), [curves, t]);
  const flow = useMemo(() => timeSeries(curves.x, [{ label: t('report.chart.joins'), values: curves.joins }, { label: t('report.chart.leaves'), values: curves.leaves }]), [curves, t]);
  const totalJoins = curves.joins.at(-1) ?? 0;
  const totalLeaves = curves.leaves.at(-1) ?? 0;
  const ratings = useMemo(() => categoryBars(['1', '2', '3', '4', '5'], [{ label: t('report.chart.ratings'), values: report.ratingCounts }]), [report.ratingCounts, t]);
  const hasPoints = totalJoins > 0;
  return (
    <div className="chart-grid">
      <figure className="card chart-card">
        <figcaption className="card-title">{t('report.chart.attendeesOverTime')}</figcaption>
        {hasPoints
          ? <UChart {...attendees} testId="chart-attendees" summary={t('report.chart.attendeesSummary', { peak: report.summary.peakConcurrent, average: report.summary.averageConcurrent })} />
          : <p className="muted">{t('report.chart.noAttendance')}</p>}
      </figure>
      <figure className="card chart-card">
        <figcaption className="card-title">{t('report.chart.joinsAndLeaves')}</figcaption>
        {hasPoints
          ? <UChart {...flow} testId="chart-joins" summary={t('report.chart.joinsSummary', { joins: totalJoins, leaves: totalLeaves })} />
          : <p className="muted">{t('report.chart.noAttendance')}</p>}
      </figure>
      <figure className="card chart-card">
        <figcaption className="card-title">{t('report.chart.ratings')}</figcaption>
        {report.summary.ratings > 0
          ? <UChart {...ratings} testId="chart-ratings" summary={t('report.chart.ratingsSummary', { count: report.summary.ratings, average: report.summary.averageRating ?? 0 })} />
          : <p className="muted">{t('report.chart.noRatings')}</p>}
      </figure>
      {report.polls.flatMap((poll) => poll.questions.map((q, i) => (q.choices.length > 0 ? <PollChart key={`${poll.id}-${i}`} title={`${poll.title}: ${q.text}`} choices={q.choices} /> : null)))}
    </div>
  );
}

function PollChart({ title, choices }: { title: string; choices: { text: string; votes: number }[] }) {
  const { t } = useT();
  const chart = useMemo(() => categoryBars(choices.map((c) => c.text), [{ label: t('report.chart.votes'), values: choices.map((c) => c.votes) }]), [choices, t]);
  return (
    <figure className="card chart-card">
      <figcaption className="card-title">{title}</figcaption>
      <UChart {...chart} testId="chart-poll" summary={choices.map((c) => `${c.text}: ${c.votes}`).join(', ')} />
    </figure>
  );
}
