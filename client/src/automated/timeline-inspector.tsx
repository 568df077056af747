import { useEffect, useState } from 'react';
import { Trash2 } from 'lucide-react';
import { Button } from '../components/button.tsx';
import { TextField } from '../components/field.tsx';
import { useT } from '../i18n/i18n.tsx';
import { formatMmSs, parseMmSs, type AnyItem } from './timeline-edit.ts';

interface InspectorProps {
  item: AnyItem;
  name: string;
  problem: string | undefined;
  onMove(startMs: number): void;
  onResize(durationMs: number): void;
  onPatch(patch: Partial<AnyItem>): void;
  onRemove(): void;
}

/** A time typed as mm:ss, applied on Enter or when the field is left; a bad value says so and changes nothing. */
function TimeField({ label, valueMs, onCommit, allowEmpty = false }: { label: string; valueMs: number | null; onCommit(ms: number | null): void; allowEmpty?: boolean }) {
  const { t } = useT();
  const shown = valueMs === null ? '' : formatMmSs(valueMs);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string>();
  useEffect(() => { setText(shown); setError(undefined); }, [shown]);
  const commit = () => {
    if (text === shown) return;
    if (allowEmpty && text.trim() === '') { setError(undefined); onCommit(null); return; }
    const ms = parseMmSs(text);
    if (ms === null) { setError(t('auto.badTime')); return; }
    setError(undefined);
    onCommit(ms);
  };
  return (
    <TextField label={label} value={text} inputMode="numeric" placeholder="00:00" error={error}
      onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); commit(); } }} />
  );
}

/** A text setting (CTA message, label, link; card text), applied when the field is left. */
function TextSetting({ label, value, onCommit }: { label: string; value: string; onCommit(value: string): void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return <TextField label={label} value={text} onChange={(e) => setText(e.target.value)} onBlur={() => { if (text !== value) onCommit(text); }} />;
}

/** The selected item's start, duration and own settings, typed. */
export function TimelineInspector({ item, name, problem, onMove, onResize, onPatch, onRemove }: InspectorProps) {
  const { t } = useT();
  const duration = item.kind === 'chat' ? null : item.durationMs;
  return (
    <div className="card tl-inspector" data-testid="timeline-inspector" aria-label={name}>
      <div className="card-head">
        <h2 className="card-title">{name}</h2>
        <Button size="sm" variant="ghost" onClick={onRemove}><Trash2 size={16} aria-hidden="true" /> {t('auto.remove')}</Button>
      </div>
      {problem && <p className="field-error" role="alert">{problem}</p>}
      <div className="form form-grid">
        <TimeField label={t('auto.start')} valueMs={item.startMs} onCommit={(ms) => ms !== null && onMove(ms)} />
        {item.kind !== 'chat' && (
          <TimeField label={item.kind === 'cta' && duration === null ? `${t('auto.duration')} — ${t('auto.untilEnd')}` : t('auto.duration')} valueMs={duration}
            allowEmpty={item.kind === 'cta'} onCommit={(ms) => (ms === null ? onPatch({ durationMs: null } as Partial<AnyItem>) : onResize(ms))} />
        )}
        {item.kind === 'slides' && (
          <TextSetting label={t('auto.secondsPerPage')} value={String(Math.round((item.pageAtMs[1] ?? item.durationMs) / 1000))}
            onCommit={(text) => {
              const seconds = Number(text);
              if (!Number.isInteger(seconds) || seconds < 1) return;
              const pages = item.pageAtMs.length;
              onPatch({ pageAtMs: Array.from({ length: pages }, (_, i) => i * seconds * 1000), durationMs: pages * seconds * 1000 } as Partial<AnyItem>);
            }} />
        )}
        {item.kind === 'poll' && (
          <TimeField label={t('auto.resultsAt')} valueMs={item.showResultsAtMs} allowEmpty onCommit={(ms) => onPatch({ showResultsAtMs: ms } as Partial<AnyItem>)} />
        )}
        {item.kind === 'cta' && (
          <>
            <TextSetting label={t('auto.message')} value={item.message} onCommit={(message) => onPatch({ message } as Partial<AnyItem>)} />
            <TextSetting label={t('auto.buttonLabel')} value={item.buttonLabel} onCommit={(buttonLabel) => onPatch({ buttonLabel } as Partial<AnyItem>)} />
            <TextSetting label={t('auto.url')} value={item.url} onCommit={(url) => onPatch({ url } as Partial<AnyItem>)} />
          </>
        )}
        {item.kind === 'blank' && <TextSetting label={t('auto.message')} value={item.message} onCommit={(message) => onPatch({ message } as Partial<AnyItem>)} />}
      </div>
    </div>
  );
}
