import { SchedulingNav } from '../dashboard/scheduling-nav.tsx';

/** The after-the-event pages (statistics, webhooks, data protection) use the dashboard's one navigation row. */
export function ReportsNav(_props: { home?: boolean }) {
  return <SchedulingNav />;
}
