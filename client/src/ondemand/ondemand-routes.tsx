import { PageShell } from '../components/page-shell.tsx';
import { matchPath } from '../router.tsx';
import { OnDemandInboxPage } from './ondemand-inbox-page.tsx';
import { OnDemandSettingsPage } from './ondemand-settings-page.tsx';
import { OnDemandStatsPage } from './ondemand-stats-page.tsx';
import { WatchPage } from './watch-page.tsx';

const isId = (id: string | undefined) => /^\d{1,12}$/.test(id ?? '');

/** The on-demand pages by path (one line in app.tsx), or null when the path is not one of them. */
export function OnDemandRoutes(path: string): React.JSX.Element | null {
  const watch = matchPath('/watch/:id', path);
  if (watch && isId(watch.id)) return <PageShell><WatchPage key={watch.id} eventId={Number(watch.id)} /></PageShell>;
  const settings = matchPath('/dashboard/events/:id/on-demand', path);
  if (settings && isId(settings.id)) return <PageShell><OnDemandSettingsPage key={settings.id} eventId={Number(settings.id)} /></PageShell>;
  const inbox = matchPath('/dashboard/events/:id/on-demand/inbox', path);
  if (inbox && isId(inbox.id)) return <PageShell><OnDemandInboxPage key={inbox.id} eventId={Number(inbox.id)} /></PageShell>;
  const stats = matchPath('/dashboard/events/:id/on-demand/stats', path);
  if (stats && isId(stats.id)) return <PageShell><OnDemandStatsPage key={stats.id} eventId={Number(stats.id)} /></PageShell>;
  return null;
}
