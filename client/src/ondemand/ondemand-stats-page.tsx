import { useMemo } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import type { StatsOut } from '../../../shared/ondemand-schemas.ts';
import { Alert } from '../components/alert.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { SERIES_COLOURS, UChart } from '../reports/u-chart.tsx';
import { useRequireSession } from '../scheduling/require-session.ts';
import { useLoad } from '../scheduling/use-load.ts';
import { mmss, ondemandApi } from './ondemand-api.ts';
import { OnDemandNav } from './ondemand-nav.tsx';
import './ondemand.css';

/** The drop-off curve: x in seconds of the timeline, the legend names what was on at the cursor. */
function dropoffChart(stats: StatsOut, viewersLabel: string): { options: Omit<Options, 'width' | 'height'>; data: AlignedData } {
  const x = stats.dropoff.map((p) => p.atMs / 1000);
  const labelAt = (seconds: number | null) => stats.dropoff.find((p) => p.atMs / 1000 === seconds)?.label ?? '';
  return {
    options: {
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [
        { values: (_u, ticks) => ticks.map((t) => mmss(t * 1000)) },
        { values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? String(t) : '')) },
      ],
      series: [
        { label: '', value: (_u, v) => (v === null ? '' : `${mmss(v * 1000)} · ${labelAt(v)}`) },
        { label: viewersLabel, stroke: SERIES_COLOURS[0], width: 2, fill: `${SERIES_COLOURS[0]}22`, paths: uPlot.paths.stepped!({ align: 1 }), points: { show: false } },
      ],
    },
    data: [x, stats.dropoff.map((p) => p.viewers)],
  };
}

/** Consecutive buckets with the same label, for the table under the chart. */
function segments(stats: StatsOut): { fromMs: number; toMs: number; label: string; viewers: number }[] {
  const out: { fromMs: number; toMs: number; label: string; viewers: number }[] = [];
  for (const p of stats.dropoff) {
    const last = out[out.length - 1];
    const toMs = Math.min(stats.durationMs, p.atMs + stats.bucketMs);
    if (last && last.label === p.label) last.toMs = toMs;
    else out.push({ fromMs: p.atMs, toMs, label: p.label, viewers: p.viewers });
  }
  return out;
}

/** `/dashboard/events/:id/on-demand/stats`: unique viewers, the drop-off curve labelled with what was on, per-viewer figures, CSV. */
export function OnDemandStatsPage({ eventId }: { eventId: number }) {
  const { t, lang } = useT();
  const signedIn = useRequireSession();
  const stats = useLoad(() => ondemandApi.stats(eventId), [eventId]);
  const viewersLabel = t('od.stats.viewers');
  const chart = useMemo(() => (stats.data ? dropoffChart(stats.data, viewersLabel) : undefined), [stats.data, viewersLabel]);
  if (!signedIn) return <p className="page-loading">{t('common.loading')}</p>;
  const s = stats.data;
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'pl' ? 'pl-PL' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
  const average = s && s.viewers.length ? s.viewers.reduce((sum, v) => sum + v.watchedMs, 0) / s.viewers.length : 0;
  return (
    <div className="stack">
      <OnDemandNav eventId={eventId} current="stats" />
      <h1 className="page-title">{t('od.stats.title')}</h1>
      {stats.failure !== undefined && <Alert>{errorText(t, stats.failure)}</Alert>}
      {!s && stats.failure === undefined && <p className="muted" role="status">{t('common.loading')}</p>}
      {s && (
        <>
          <div className="od-tiles">
            <div className="od-tile"><span className="muted">{t('od.stats.unique')}</span><strong data-testid="unique-viewers">{s.uniqueViewers}</strong></div>
            <div className="od-tile"><span className="muted">{t('od.stats.length')}</span><strong>{mmss(s.durationMs)}</strong></div>
            <div className="od-tile"><span className="muted">{t('od.stats.avgWatched')}</span><strong>{mmss(average)}</strong></div>
          </div>
          <figure className="card chart-card">
            <figcaption className="card-title">{t('od.stats.dropoff')}</figcaption>
            {s.uniqueViewers === 0 && <p className="muted" data-testid="dropoff-empty">{t('od.stats.dropoffEmpty')}</p>}
            {chart && s.uniqueViewers > 0 && <UChart {...chart} testId="chart-dropoff" summary={t('od.stats.dropoffSummary', { length: mmss(s.durationMs), first: s.dropoff[0]?.viewers ?? 0, last: s.dropoff[s.dropoff.length - 1]?.viewers ?? 0 })} />}
            <table className="od-table" data-testid="dropoff-labels">
              <caption className="muted small">{t('od.stats.whatWasOn')}</caption>
              <tbody>
                {segments(s).map((seg) => <tr key={seg.fromMs}><td>{mmss(seg.fromMs)}–{mmss(seg.toMs)}</td><td>{seg.label}</td></tr>)}
              </tbody>
            </table>
          </figure>
          <section className="stack">
            <div className="od-controls">
              <h2>{t('od.stats.viewers')}</h2>
              <a className="btn btn-secondary btn-sm" href={`/api/v1/events/${eventId}/ondemand/stats.csv`} download>{t('od.stats.csv')}</a>
            </div>
            {s.viewers.length === 0 ? <p className="muted">{t('od.stats.empty')}</p> : (
              <table className="od-table" data-testid="viewers-table">
                <thead>
                  <tr>
                    <th scope="col">{t('od.stats.name')}</th><th scope="col">{t('od.stats.email')}</th><th scope="col">{t('od.stats.watched')}</th>
                    <th scope="col">{t('od.stats.reached')}</th><th scope="col">{t('od.stats.clicks')}</th><th scope="col">{t('od.stats.answers')}</th>
                    <th scope="col">{t('od.stats.messages')}</th><th scope="col">{t('od.stats.lastSeen')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.viewers.map((v) => (
                    <tr key={v.id} data-testid="viewer-row">
                      <td>{v.name || t('od.stats.anonymous')}</td><td>{v.email ?? '–'}</td><td data-testid="watched">{mmss(v.watchedMs)}</td>
                      <td>{mmss(v.maxPosMs)} ({v.percent} %)</td><td>{v.ctaClicks}</td><td>{v.pollAnswers}</td><td>{v.messages}</td><td>{when(v.lastSeenAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </div>
  );
}
