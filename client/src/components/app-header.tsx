import { useT } from '../i18n/i18n.tsx';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';
import { guestLogo, useGuestPage } from '../branding/branding-context.ts';
import { Brand } from './brand.tsx';
import { LanguageSwitch } from './language-switch.tsx';

export const API_DOCS_URL = '/api/v1/docs';

/** The bar on every page but the room: brand, account links and the language switch. */
export function AppHeader() {
  const { t } = useT();
  const { session, logout } = useSession();
  const { path } = useLocation();
  // An event's public pages belong to the organizer: their logo, and no platform log-in or sign-up.
  const guest = useGuestPage();
  const logo = guestLogo(guest);

  const logOut = async () => {
    await logout();
    navigate('/');
  };

  return (
    <header className="app-header">
      <div className="app-header-inner">
        {logo ? <img className="brand-logo" src={logo} alt={t('branding.logoAlt')} data-testid="organizer-logo" /> : <Brand to={session ? '/dashboard' : '/'} />}
        <nav className="app-nav" aria-label={t('app.name')}>
          {session ? (
            <>
              {path !== '/dashboard' && <Link to="/dashboard" className="nav-link">{t('nav.dashboard')}</Link>}
              <a href={API_DOCS_URL} className="nav-link hide-sm" target="_blank" rel="noreferrer">{t('nav.apiReference')}</a>
              <span className="nav-user hide-sm" title={session.user.email}>{session.user.name}</span>
              <button type="button" className="nav-link nav-button" onClick={() => void logOut()}>{t('nav.logOut')}</button>
            </>
          ) : session === null && !guest ? (
            <>
              {path !== '/login' && <Link to="/login" className="nav-link">{t('nav.logIn')}</Link>}
              {path !== '/signup' && <Link to="/signup" className="btn btn-primary btn-sm">{t('nav.signUp')}</Link>}
            </>
          ) : null}
          <LanguageSwitch />
        </nav>
      </div>
    </header>
  );
}
