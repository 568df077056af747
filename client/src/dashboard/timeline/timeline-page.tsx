import { schedulingApi } from '../../api/scheduling-endpoints.ts';
import { Alert } from '../../components/alert.tsx';
import { errorText } from '../../i18n/error-text.ts';
import { useT } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { useRequireSession } from '../../scheduling/require-session.ts';
import { useLoad } from '../../scheduling/use-load.ts';
import '../../styles/scheduling.css';
import { EventTime } from '../event-time.tsx';
import { SchedulingNav } from '../scheduling-nav.tsx';

/** `/dashboard/timeline`: past events, newest first, with their figures (EV-10); times as everywhere in the dashboard (the event's zone named, the viewer's beside it). */
export function TimelinePage() {
  const { t } = useT();
  const signedIn = useRequireSession();
  const { data, failure } = useLoad(() => schedulingApi.timeline(), []);
  if (!signedIn) return <p className="page-loading">{t('common.loading')}</p>;
  return (
    <div className="stack">
      <SchedulingNav />
      <h1 className="page-title">{t('timeline.title')}</h1>
      {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
      {data?.events.length === 0 && <p className="muted">{t('timeline.empty')}</p>}
      {data?.events.map((e) => (
        <article key={e.id} className="card" data-testid="timeline-entry">
          <div className="card-head">
            <div>
              <h2 className="card-title"><Link to={`/dashboard/events/${e.id}`}>{e.name}</Link></h2>
              <p className="muted small"><EventTime iso={e.startsAt} zone={e.timeZone} /> · {t(`kind.${e.kind}` as 'kind.webinar')} · {t('event.duration', { count: e.durationMinutes })}</p>
            </div>
            <div className="figures">
              <div><div className="figure">{e.registered}</div><div className="muted small">{t('timeline.registered')}</div></div>
              <div><div className="figure">{e.invited}</div><div className="muted small">{t('timeline.invited')}</div></div>
              <div><div className="figure">{e.attended}</div><div className="muted small">{t('timeline.attended')}</div></div>
            </div>
          </div>
        </article>
      ))}
    </div>
  );
}
