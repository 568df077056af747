import { PageShell } from './components/page-shell.tsx';
import { DashboardPage } from './dashboard/dashboard-page.tsx';
import { I18nProvider } from './i18n/i18n.tsx';
import { EventPage } from './join/event-page.tsx';
import { JoinByIdPage } from './pages/join-by-id-page.tsx';
import { LandingPage } from './pages/landing-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { SignupPage } from './pages/signup-page.tsx';
import { matchPath, useLocation } from './router.tsx';
import { SessionProvider } from './session.tsx';

const PAGES: Record<string, () => React.JSX.Element> = {
  '/': LandingPage,
  '/login': LoginPage,
  '/signup': SignupPage,
  '/dashboard': DashboardPage,
  '/join': JoinByIdPage,
};

function Routes() {
  const { path } = useLocation();
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const room = matchPath('/room/:id', normalized);
  if (room && /^\d{1,12}$/.test(room.id ?? '')) {
    const eventId = Number(room.id);
    // The room draws its own full-screen frame; the join page before it uses the normal one.
    return <EventPage key={eventId} eventId={eventId} />;
  }
  const Page = PAGES[normalized] ?? NotFoundPage;
  return <PageShell><Page /></PageShell>;
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Routes />
      </SessionProvider>
    </I18nProvider>
  );
}
