import { useEffect, useRef } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';

const HEIGHT = 220;

/**
 * One uPlot chart that follows its container's width. uPlot draws on a canvas, so the
 * figure carries a text description (`summary`) for screen readers and the data stays
 * readable in the tables and downloads beside it.
 */
export function UChart({ options, data, summary, testId }: { options: Omit<Options, 'width' | 'height'>; data: AlignedData; summary: string; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const chart = new uPlot({ ...options, width: Math.max(240, element.clientWidth), height: HEIGHT }, data, element);
    const observer = new ResizeObserver(() => chart.setSize({ width: Math.max(240, element.clientWidth), height: HEIGHT }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [options, data]);
  return <div ref={box} className="u-chart" role="img" aria-label={summary} data-testid={testId} />;
}

const ACCENT = '#4f46e5';
export const SERIES_COLOURS = [ACCENT, '#e5484d', '#12a594', '#f5a524', '#8e4ec6', '#0090ff'];

/**
 * Bars over named categories (poll choices, ratings, countries): x is the index, the
 * axis shows the names. A second series is drawn as a line with points over the bars.
 */
export function categoryBars(labels: string[], series: { label: string; values: number[] }[]): { options: Omit<Options, 'width' | 'height'>; data: AlignedData } {
  const bars = uPlot.paths.bars!({ size: [0.6, 60], gap: 2 });
  return {
    options: {
      scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [
        { values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? labels[t] ?? '' : '')), splits: () => labels.map((_, i) => i), gap: 6 },
        { values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? String(t) : '')) },
      ],
      series: [{}, ...series.map((s, i) => (i === 0
        ? { label: s.label, fill: `${SERIES_COLOURS[0]}cc`, stroke: SERIES_COLOURS[0], paths: bars, points: { show: false } }
        : { label: s.label, stroke: SERIES_COLOURS[i % SERIES_COLOURS.length], width: 2, points: { show: true, size: 6 } }))],
      legend: { show: series.length > 1 },
      cursor: { points: { show: false } },
    },
    data: [labels.map((_, i) => i), ...series.map((s) => s.values)],
  };
}
