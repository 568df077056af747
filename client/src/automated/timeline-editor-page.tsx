import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import * as v from 'valibot';
import { Save, Undo2 } from 'lucide-react';
import { Timeline } from '../../../shared/automated-timeline.ts';
import { checkTimeline, type CatalogAsset } from '../../../shared/automated-timeline-check.ts';
import { eventsApi, pollsApi } from '../api/endpoints.ts';
import { ApiError } from '../api/http.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { useT } from '../i18n/i18n.tsx';
import { errorText } from '../i18n/error-text.ts';
import { Link } from '../router.tsx';
import { useRequireSession } from '../scheduling/require-session.ts';
import { useLoad } from '../scheduling/use-load.ts';
import '../styles/automated.css';
import { automatedApi } from './automated-api.ts';
import { SessionsPanel } from './sessions-panel.tsx';
import { componentsOf, itemFor, type Component } from './timeline-components.ts';
import { addItem, endOfLane, findItem, laneOf, moveTo, pushHistory, removeItem, resizeTo, updateItem, type Lane } from './timeline-edit.ts';
import { TimelineInspector } from './timeline-inspector.tsx';
import { TimelineLanes } from './timeline-lanes.tsx';
import { TimelinePalette } from './timeline-palette.tsx';
import { TimelinePreview } from './timeline-preview.tsx';

async function loadAll(eventId: number) {
  const [event, saved, files, polls] = await Promise.all([eventsApi.get(eventId), automatedApi.timeline(eventId), automatedApi.files(), pollsApi.list(eventId)]);
  return { event, saved, files: files.files, polls: polls.polls };
}

/** `/dashboard/events/:id/timeline`: the two-lane editor of an automated or on-demand webinar (AUTO-2). */
export function TimelineEditorPage({ eventId }: { eventId: number }) {
  const { t } = useT();
  const signedIn = useRequireSession();
  const { data, failure } = useLoad(() => loadAll(eventId), [eventId]);
  if (!signedIn || (!data && failure === undefined)) return <p className="page-loading">{t('common.loading')}</p>;
  if (failure !== undefined || !data) return <Alert>{errorText(t, failure, { notFound: 'error.event-not-found' })}</Alert>;
  return <Editor eventId={eventId} {...data} />;
}

type Loaded = Awaited<ReturnType<typeof loadAll>>;

function Editor({ eventId, event, saved, files, polls }: Loaded & { eventId: number }) {
  const { t } = useT();
  const [timeline, setTimeline] = useState<Timeline>(saved.timeline);
  const [history, setHistory] = useState<Timeline[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [positionMs, setPositionMs] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string }>();
  const [serverProblems, setServerProblems] = useState<Map<string, string>>(new Map());
  const gestureStart = useRef<Timeline | null>(null);

  /** Every change goes through here; `record` false: a drag in progress (its start is recorded once). */
  const edit = (next: Timeline, record = true) => {
    if (record && next !== timeline) setHistory((h) => pushHistory(h, timeline));
    setTimeline(next);
    setDirty(true);
    setNotice(undefined);
  };
  const undo = useCallback(() => {
    const previous = history[history.length - 1];
    if (!previous) return;
    setHistory(history.slice(0, -1));
    setTimeline(previous);
    setDirty(true);
  }, [history]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z') { e.preventDefault(); undo(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);

  const components = useMemo(() => componentsOf(files, polls), [files, polls]);
  const names = useMemo(() => {
    const fileNames = new Map(files.map((f) => [f.id, f.name]));
    const pollNames = new Map(polls.map((p) => [p.id, p.title]));
    const map = new Map<string, string>();
    for (const item of timeline.main) map.set(item.id, item.kind === 'blank' ? item.message || t('auto.blank') : fileNames.get(item.assetId) ?? item.id);
    for (const item of timeline.overlay) {
      map.set(item.id, item.kind === 'poll' ? pollNames.get(item.pollId) ?? item.id : item.kind === 'cta' ? item.message : t(item.enabled ? 'auto.chatOn' : 'auto.chatOff'));
    }
    return map;
  }, [timeline, files, polls, t]);
  const problems = useMemo(() => {
    const found = new Map<string, string>();
    const parsed = v.safeParse(Timeline, timeline);
    for (const issue of parsed.issues ?? []) {
      const [lane, index] = (v.getDotPath(issue) ?? '').split('.');
      const item = lane === 'main' ? timeline.main[Number(index)] : lane === 'overlay' ? timeline.overlay[Number(index)] : undefined;
      if (item && !found.has(item.id)) found.set(item.id, issue.message);
    }
    const assets = new Map<string, CatalogAsset>(files.filter((f) => f.status === 'ready').map((f) => [f.id, {
      kind: f.kind === 'video' ? 'video' : f.kind === 'audio' ? 'audio' : (f.kind === 'pdf' || f.kind === 'document') && f.pages ? 'presentation' : 'other',
      durationMs: f.durationMs, pages: f.pages, name: f.name,
    }]));
    for (const p of checkTimeline(timeline, { assets, pollIds: new Set(polls.map((p) => p.id)) })) if (!found.has(p.itemId)) found.set(p.itemId, p.message);
    for (const [id, message] of serverProblems) if (!found.has(id) && findItem(timeline, id)) found.set(id, message);
    return found;
  }, [timeline, files, polls, serverProblems]);

  const place = (component: Component, lane: Lane | null, startMs: number | null) => {
    const item = itemFor(component, timeline, 0, { message: t('auto.cta'), buttonLabel: t('auto.add') });
    const at = startMs ?? (laneOf(item) === 'main' ? endOfLane(timeline, 'main') : positionMs);
    // Dropped on the other lane: it goes where it belongs, at the time it was dropped.
    void lane;
    edit(addItem(timeline, { ...item, startMs: at }));
    setSelectedId(item.id);
  };
  const save = async () => {
    setSaving(true);
    try {
      const result = await automatedApi.saveTimeline(eventId, timeline);
      setTimeline(result.timeline);
      setServerProblems(new Map());
      setDirty(false);
      setNotice({ tone: 'success', text: t('auto.saved') });
    } catch (error) {
      if (error instanceof ApiError) setServerProblems(new Map(error.fields.map((f) => [f.field.split('.').slice(1).join('.'), f.message])));
      setNotice({ tone: 'error', text: errorText(t, error) });
    } finally {
      setSaving(false);
    }
  };

  const selected = selectedId ? findItem(timeline, selectedId) : undefined;
  return (
    <div className="stack tl-editor" data-testid="timeline-editor">
      <div className="page-head">
        <div>
          <p className="muted small"><Link to="/dashboard">{t('dashboard.title')}</Link> › <Link to={`/dashboard/events/${eventId}`}>{event.name}</Link></p>
          <h1 className="page-title">{t('auto.editorTitle')}</h1>
          <p className="muted">{t('auto.editorIntro')}</p>
        </div>
        <div className="button-row">
          {dirty && <span className="muted small" role="status">{t('auto.unsaved')}</span>}
          <Button onClick={undo} disabled={history.length === 0} aria-keyshortcuts="Control+Z"><Undo2 size={16} aria-hidden="true" /> {t('auto.undo')}</Button>
          <Button variant="primary" onClick={() => void save()} loading={saving} disabled={problems.size > 0}><Save size={16} aria-hidden="true" /> {t('auto.save')}</Button>
        </div>
      </div>
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      {problems.size > 0 && (
        <Alert tone="warning">
          {t('auto.problems')}
          <ul data-testid="timeline-problems">{[...problems].map(([id, message]) => <li key={id}><button type="button" className="link-button" onClick={() => setSelectedId(id)}>{names.get(id) ?? id}</button>: {message}</li>)}</ul>
        </Alert>
      )}
      <div className="tl-layout">
        <TimelinePalette components={components} onAdd={(c) => place(c, null, null)} />
        <div className="stack tl-main">
          <TimelinePreview timeline={timeline} positionMs={positionMs} onPosition={setPositionMs} names={names} />
          <label className="checkbox">
            <input type="checkbox" checked={timeline.chatEnabledAtStart} onChange={(e) => edit({ ...timeline, chatEnabledAtStart: e.target.checked })} />
            {t('auto.chatAtStart')}
          </label>
          <div className="tl-scroll">
            <TimelineLanes
              timeline={timeline} names={names} selectedId={selectedId} problems={problems} positionMs={positionMs}
              onSelect={setSelectedId}
              onMove={(id, ms, final) => edit(moveTo(timeline, id, ms), final)}
              onResize={(id, ms, final) => edit(resizeTo(timeline, id, ms), final)}
              onRemove={(id) => { edit(removeItem(timeline, id)); setSelectedId(null); }}
              onDropComponent={(component, lane, ms) => place(component, lane, ms)}
              onBeginGesture={() => { gestureStart.current = timeline; }}
              onEndGesture={(changed) => {
                const start = gestureStart.current;
                gestureStart.current = null;
                if (changed && start) setHistory((h) => pushHistory(h, start));
              }}
            />
          </div>
          {selected
            ? <TimelineInspector key={selected.id} item={selected} name={names.get(selected.id) ?? selected.id} problem={problems.get(selected.id)}
                onMove={(ms) => edit(moveTo(timeline, selected.id, ms))} onResize={(ms) => edit(resizeTo(timeline, selected.id, ms))}
                onPatch={(patch) => edit(updateItem(timeline, selected.id, patch))} onRemove={() => { edit(removeItem(timeline, selected.id)); setSelectedId(null); }} />
            : <p className="muted">{t('auto.selectHint')}</p>}
          {event.kind === 'automated' && <SessionsPanel eventId={eventId} timeZone={event.timeZone} />}
        </div>
      </div>
    </div>
  );
}
