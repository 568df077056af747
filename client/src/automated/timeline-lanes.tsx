import { useRef, type DragEvent, type KeyboardEvent, type PointerEvent } from 'react';
import { FileText, Megaphone, MessageSquare, MessageSquareOff, Square, Video, Vote } from 'lucide-react';
import type { Timeline } from '../../../shared/automated-timeline.ts';
import { timelineEndMs } from '../../../shared/automated-timeline-state.ts';
import { useT } from '../i18n/i18n.tsx';
import { DRAG_TYPE, type Component } from './timeline-components.ts';
import { formatMmSs, KEY_STEP_MS, laneOf, snap, spanOf, type AnyItem, type Lane } from './timeline-edit.ts';

export const PX_PER_SECOND = 6;
const px = (ms: number) => (ms / 1000) * PX_PER_SECOND;

interface LanesProps {
  timeline: Timeline;
  names: Map<string, string>;
  selectedId: string | null;
  problems: Map<string, string>;
  positionMs: number;
  onSelect(id: string | null): void;
  /** A change while dragging (`final` false) is shown but only the drop enters the undo history. */
  onMove(id: string, startMs: number, final: boolean): void;
  onResize(id: string, durationMs: number, final: boolean): void;
  onRemove(id: string): void;
  onDropComponent(component: Component, lane: Lane, startMs: number): void;
  onBeginGesture(): void;
  onEndGesture(changed: boolean): void;
}

function ItemIcon({ item }: { item: AnyItem }) {
  const size = 14;
  switch (item.kind) {
    case 'video': case 'recording': return <Video size={size} aria-hidden="true" />;
    case 'slides': return <FileText size={size} aria-hidden="true" />;
    case 'blank': return <Square size={size} aria-hidden="true" />;
    case 'cta': return <Megaphone size={size} aria-hidden="true" />;
    case 'poll': return <Vote size={size} aria-hidden="true" />;
    case 'chat': return item.enabled ? <MessageSquare size={size} aria-hidden="true" /> : <MessageSquareOff size={size} aria-hidden="true" />;
  }
}

/** The two lanes: items placed by time, moved and resized with the mouse or the keyboard. */
export function TimelineLanes(props: LanesProps) {
  const { t } = useT();
  const { timeline } = props;
  const end = timelineEndMs(timeline);
  const widthMs = Math.max(end + 60_000, 180_000);
  const gesture = useRef<{ id: string; mode: 'move' | 'resize'; x: number; startMs: number; durationMs: number; changed: boolean } | null>(null);

  const pointerDown = (event: PointerEvent<HTMLElement>, item: AnyItem, mode: 'move' | 'resize') => {
    if (event.button !== 0) return;
    event.stopPropagation();
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    const span = spanOf(item, end);
    gesture.current = { id: item.id, mode, x: event.clientX, startMs: span.startMs, durationMs: span.durationMs, changed: false };
    props.onSelect(item.id);
    props.onBeginGesture();
  };
  const pointerMove = (event: PointerEvent<HTMLElement>) => {
    const g = gesture.current;
    if (!g) return;
    const delta = snap(((event.clientX - g.x) / PX_PER_SECOND) * 1000);
    if (delta === 0 && !g.changed) return;
    g.changed = true;
    if (g.mode === 'move') props.onMove(g.id, Math.max(0, g.startMs + delta), false);
    else props.onResize(g.id, Math.max(1_000, g.durationMs + delta), false);
  };
  const pointerUp = () => {
    const g = gesture.current;
    gesture.current = null;
    if (g) props.onEndGesture(g.changed);
  };

  const keyDown = (event: KeyboardEvent<HTMLElement>, item: AnyItem) => {
    const span = spanOf(item, end);
    const step = event.key === 'ArrowRight' ? KEY_STEP_MS : event.key === 'ArrowLeft' ? -KEY_STEP_MS : 0;
    if (step !== 0) {
      event.preventDefault();
      if (event.shiftKey) props.onResize(item.id, Math.max(1_000, span.durationMs + step), true);
      else props.onMove(item.id, Math.max(0, item.startMs + step), true);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      props.onRemove(item.id);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      props.onSelect(item.id);
    }
  };

  const drop = (event: DragEvent<HTMLDivElement>, lane: Lane) => {
    const data = event.dataTransfer.getData(DRAG_TYPE);
    if (!data) return;
    event.preventDefault();
    const component = JSON.parse(data) as Component;
    const box = event.currentTarget.getBoundingClientRect();
    props.onDropComponent(component, lane, snap(Math.max(0, ((event.clientX - box.left) / PX_PER_SECOND) * 1000)));
  };

  const lane = (name: Lane, label: string, items: AnyItem[]) => (
    <div className="tl-lane-row">
      <div className="tl-lane-label">{label}</div>
      <div
        className="tl-lane"
        data-testid={`lane-${name}`}
        role="listbox"
        aria-label={label}
        style={{ width: px(widthMs) }}
        onDragOver={(e) => { if (e.dataTransfer.types.includes(DRAG_TYPE)) e.preventDefault(); }}
        onDrop={(e) => drop(e, name)}
        onPointerDown={() => props.onSelect(null)}
      >
        {items.length === 0 && <span className="tl-lane-empty">{t('auto.laneEmpty')}</span>}
        {items.map((item) => {
          const span = spanOf(item, end);
          const problem = props.problems.get(item.id);
          const itemName = props.names.get(item.id) ?? item.id;
          const label = item.kind === 'chat'
            ? t('auto.itemPoint', { name: itemName, start: formatMmSs(item.startMs) })
            : t('auto.item', { name: itemName, start: formatMmSs(span.startMs), end: formatMmSs(span.startMs + span.durationMs) });
          return (
            <div
              key={item.id}
              role="option"
              tabIndex={0}
              aria-selected={props.selectedId === item.id}
              aria-label={problem ? `${label}. ${problem}` : label}
              aria-invalid={problem ? true : undefined}
              data-item-id={item.id}
              title={problem ?? label}
              className={['tl-item', `tl-${item.kind}`, item.kind === 'chat' && 'tl-point', props.selectedId === item.id && 'is-selected', problem && 'has-problem'].filter(Boolean).join(' ')}
              style={{ left: px(span.startMs), width: item.kind === 'chat' ? undefined : Math.max(8, px(span.durationMs)) }}
              onPointerDown={(e) => pointerDown(e, item, 'move')}
              onPointerMove={pointerMove}
              onPointerUp={pointerUp}
              onKeyDown={(e) => keyDown(e, item)}
              onFocus={() => props.onSelect(item.id)}
            >
              <ItemIcon item={item} />
              <span className="tl-item-name">{itemName}</span>
              {item.kind !== 'chat' && (
                <span className="tl-resize" aria-hidden="true" onPointerDown={(e) => pointerDown(e, item, 'resize')} onPointerMove={pointerMove} onPointerUp={pointerUp} />
              )}
            </div>
          );
        })}
        <div className="tl-playhead" style={{ left: px(props.positionMs) }} aria-hidden="true" />
      </div>
    </div>
  );

  const ticks = Array.from({ length: Math.floor(widthMs / 30_000) + 1 }, (_, i) => i * 30_000);
  return (
    <div className="tl-lanes" data-testid="timeline-lanes">
      <div className="tl-lane-row tl-ruler-row" aria-hidden="true">
        <div className="tl-lane-label" />
        <div className="tl-ruler" style={{ width: px(widthMs) }}>
          {ticks.map((ms) => <span key={ms} className="tl-tick" style={{ left: px(ms) }}>{formatMmSs(ms)}</span>)}
        </div>
      </div>
      {lane('main', t('auto.laneMain'), timeline.main.filter((i) => laneOf(i) === 'main'))}
      {lane('overlay', t('auto.laneOverlay'), timeline.overlay)}
    </div>
  );
}
