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
// Scheduling pages (registration, event setup, address book, e-mail, timeline).
import { BrandedFrame } from './branding/branded-frame.tsx';
import { AddressBookPage } from './dashboard/address-book/address-book-page.tsx';
import { EventSetupPage } from './dashboard/event-setup/event-setup-page.tsx';
import { OutboxPage } from './dashboard/outbox/outbox-page.tsx';
import { TimelinePage } from './dashboard/timeline/timeline-page.tsx';
import { RegistrationPage } from './registration/registration-page.tsx';
// Reports: event report, account statistics, webhooks, data protection.
import { PrivacyPage } from './reports/privacy-page.tsx';
import { ReportPage } from './reports/report-page.tsx';
import { StatisticsPage } from './reports/statistics-page.tsx';
import { WebhooksPage } from './reports/webhooks-page.tsx';
// Click-to-call: the widget frame, the call page and the consultant app draw their own frames.
import { CallPage } from './callme/call-page.tsx';
import { ConsultantApp } from './callme/consultant-app.tsx';
import { WidgetFramePage } from './callme/widget-frame-page.tsx';
import { PlanPage } from './billing/plan-page.tsx';
import { TicketsPage } from './billing/tickets-page.tsx';
import { SubAccountsPage } from './billing/sub-accounts-page.tsx';
import { PartnerPage } from './billing/partner-page.tsx';
import { OperatorPage } from './billing/operator-page.tsx';
// Recording: the recorder view and the recordings library.
import { RecorderView } from './recordings/recorder-view.tsx';
import { RecordingsPage } from './recordings/recordings-page.tsx';
import { SharedRecordingPage } from './recordings/shared-recording-page.tsx';
// Account security (ACC-4): password reset, e-mail confirmation.
import { ForgotPasswordPage } from './account-security/forgot-password-page.tsx';
import { ResetPasswordPage } from './account-security/reset-password-page.tsx';
import { VerifyEmailPage } from './account-security/verify-email-page.tsx';
import { CallmeAdminPage } from './callme/admin/callme-admin-page.tsx';
import { FilesPage } from './files/files-page.tsx';
import { TimelineEditorPage } from './automated/timeline-editor-page.tsx';
// On-demand webinars: the viewer page and the organizer's settings, inbox and statistics.
import { OnDemandRoutes } from './ondemand/ondemand-routes.tsx';

const PAGES: Record<string, () => React.JSX.Element> = {
  '/': LandingPage,
  '/login': LoginPage,
  '/signup': SignupPage,
  '/dashboard': DashboardPage,
  '/join': JoinByIdPage,
  // Scheduling.
  '/dashboard/address-book': AddressBookPage,
  '/dashboard/outbox': OutboxPage,
  '/dashboard/timeline': TimelinePage,
  // Reports.
  '/dashboard/statistics': StatisticsPage,
  '/dashboard/webhooks': WebhooksPage,
  '/dashboard/privacy': PrivacyPage,
  // Billing: plan, add-ons, card, invoices.
  '/dashboard/billing': PlanPage,
  '/dashboard/billing/tickets': TicketsPage,
  '/dashboard/billing/operator': OperatorPage,
  '/dashboard/sub-accounts': SubAccountsPage,
  '/dashboard/partner': PartnerPage,
  // Recording.
  '/dashboard/recordings': RecordingsPage,
  '/dashboard/files': FilesPage,
  // Account security.
  '/forgot-password': ForgotPasswordPage,
  '/reset-password': ResetPasswordPage,
  '/verify-email': VerifyEmailPage,
  // Click-to-call: packages and consultants.
  '/dashboard/callme': CallmeAdminPage,
};

function Routes() {
  const { path } = useLocation();
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const room = matchPath('/room/:id', normalized);
  if (room && /^\d{1,12}$/.test(room.id ?? '')) {
    const eventId = Number(room.id);
    // The room draws its own full-screen frame; the join page before it uses the normal one.
    // Scheduling: the join, waiting and thank-you pages wear the event's branding (EV-8).
    return <BrandedFrame eventId={eventId}><EventPage key={eventId} eventId={eventId} /></BrandedFrame>;
  }
  // Recording: a shared recording (the recorder's own view is served before the session, see App).
  const shared = matchPath('/recording/:token', normalized);
  if (shared) return <PageShell><SharedRecordingPage token={shared.token ?? ''} /></PageShell>;
  // Scheduling: the public registration page and the organizer's event setup.
  const register = matchPath('/register/:id', normalized);
  if (register && /^\d{1,12}$/.test(register.id ?? '')) return <RegistrationPage key={register.id} eventId={Number(register.id)} />;
  // Reports: the event report, after the event and live during it.
  const report = matchPath('/dashboard/events/:id/report', normalized);
  if (report && /^\d{1,12}$/.test(report.id ?? '')) return <PageShell><ReportPage key={report.id} eventId={Number(report.id)} /></PageShell>;
  const editor = matchPath('/dashboard/events/:id/timeline', normalized);
  if (editor && /^\d{1,12}$/.test(editor.id ?? '')) return <PageShell><TimelineEditorPage key={editor.id} eventId={Number(editor.id)} /></PageShell>;
  const onDemand = OnDemandRoutes(normalized);
  if (onDemand) return onDemand;
  const setup = matchPath('/dashboard/events/:id', normalized);
  if (setup && /^\d{1,12}$/.test(setup.id ?? '')) return <PageShell><EventSetupPage key={setup.id} eventId={Number(setup.id)} /></PageShell>;
  const callmeFrame = matchPath('/w/:id/frame', normalized);
  if (callmeFrame?.id) return <WidgetFramePage key={callmeFrame.id} packageId={callmeFrame.id} />;
  const callPage = matchPath('/call/:id', normalized);
  if (callPage?.id) return <CallPage key={callPage.id} packageId={callPage.id} />;
  if (normalized === '/consultant' || normalized.startsWith('/consultant/')) return <ConsultantApp />;
  const Page = PAGES[normalized] ?? NotFoundPage;
  return <PageShell><Page /></PageShell>;
}

/** The recorder's page (`/record/:id`, and `/record/:id/:ticket` for Egress): nobody is logged in there. */
const isRecorderPage = (path: string) => /^\/record\/\d{1,12}(\/[^/]+)?\/?$/.test(path);

export function App() {
  // Without the session check: the recorder has no session, and its `GET /auth/me` was a 401 in the recorder's log.
  if (isRecorderPage(window.location.pathname)) return <I18nProvider><RecorderView /></I18nProvider>;
  return (
    <I18nProvider>
      <SessionProvider>
        <Routes />
      </SessionProvider>
    </I18nProvider>
  );
}
