import { Megaphone, MessageSquare, MessageSquareOff, Vote } from 'lucide-react';
import type { Timeline } from '../../../shared/automated-timeline.ts';
import { mainPositionMs, stateAt, timelineEndMs } from '../../../shared/automated-timeline-state.ts';
import { useT } from '../i18n/i18n.tsx';
import { formatMmSs } from './timeline-edit.ts';

interface PreviewProps {
  timeline: Timeline;
  positionMs: number;
  onPosition(ms: number): void;
  /** Item id → what people call it (file name, poll title). */
  names: Map<string, string>;
}

/**
 * What the stage shows at the scrubber's position, from `stateAt`, the same function the
 * room plays the webinar with: so what is previewed here is what attendees get.
 */
export function TimelinePreview({ timeline, positionMs, onPosition, names }: PreviewProps) {
  const { t } = useT();
  const end = Math.max(timelineEndMs(timeline), 1_000);
  const state = stateAt(timeline, positionMs);
  const main = state.main;
  const name = (id: string) => names.get(id) ?? id;
  let stage;
  if (state.ended) stage = <p className="tl-stage-text">{t('auto.previewEnded')}</p>;
  else if (!main) stage = <p className="tl-stage-text muted">{t('auto.previewNothing')}</p>;
  else if (main.kind === 'slides') {
    stage = (
      <figure className="tl-stage-figure">
        <img src={`/api/v1/files/${encodeURIComponent(main.assetId)}/pages/${main.page + 1}`} alt="" />
        <figcaption>{t('auto.previewPage', { name: name(main.itemId), page: main.page + 1 })}</figcaption>
      </figure>
    );
  } else if (main.kind === 'blank') stage = <p className="tl-stage-text">{main.message || t('auto.blank')}</p>;
  else {
    stage = (
      <figure className="tl-stage-figure">
        <img src={`/api/v1/files/${encodeURIComponent(main.assetId)}/thumbnail`} alt="" />
        <figcaption>{t('auto.previewVideo', { name: name(main.itemId), position: formatMmSs(mainPositionMs(state, positionMs) ?? 0) })}</figcaption>
      </figure>
    );
  }
  return (
    <section className="card tl-preview" aria-label={t('auto.preview')} data-testid="timeline-preview">
      <div className="card-head">
        <h2 className="card-title">{t('auto.preview')}</h2>
        <span className="muted small">{t('auto.recordedLabel')}</span>
      </div>
      <div className="tl-stage" data-testid="preview-stage">
        {stage}
        {state.cta && (
          <div className="tl-stage-cta"><Megaphone size={16} aria-hidden="true" /> {state.cta.message} <span className="btn btn-primary btn-sm">{state.cta.buttonLabel}</span></div>
        )}
      </div>
      <ul className="tl-preview-facts">
        {state.poll && <li><Vote size={16} aria-hidden="true" /> {t('auto.previewPoll', { name: name(state.poll.itemId) })}{state.poll.resultsShown ? ` · ${t('auto.previewResults')}` : ''}</li>}
        <li>{state.chatEnabled ? <MessageSquare size={16} aria-hidden="true" /> : <MessageSquareOff size={16} aria-hidden="true" />} {t('auto.previewChat', { state: t(state.chatEnabled ? 'auto.on' : 'auto.off') })}</li>
      </ul>
      <label className="tl-scrubber">
        <span className="field-label">{t('auto.previewAt')} <output data-testid="preview-position">{formatMmSs(positionMs)}</output> / {formatMmSs(end)}</span>
        <input type="range" min={0} max={end} step={1000} value={Math.min(positionMs, end)} onChange={(e) => onPosition(Number(e.target.value))} aria-valuetext={formatMmSs(positionMs)} />
      </label>
    </section>
  );
}
