import { useT, type TextKey } from '../i18n/i18n.tsx';
import { JoinByIdForm } from '../join/join-by-id-form.tsx';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';

const FEATURES: [TextKey, TextKey][] = [
  ['landing.featureRoomTitle', 'landing.featureRoomText'],
  ['landing.featureAccessTitle', 'landing.featureAccessText'],
  ['landing.featureOwnTitle', 'landing.featureOwnText'],
];

/** The start page: guests join by event id, organizers find their way in. */
export function LandingPage() {
  const { t } = useT();
  const { session } = useSession();
  return (
    <div className="landing">
      <section className="hero">
        <h1 className="hero-title">{t('landing.title')}</h1>
        <p className="hero-subtitle">{t('landing.subtitle')}</p>
      </section>
      <div className="landing-grid">
        <section className="card" aria-labelledby="join-title">
          <h2 id="join-title" className="card-title">{t('landing.joinTitle')}</h2>
          <p className="muted">{t('landing.joinHint')}</p>
          <JoinByIdForm />
        </section>
        <section className="card card-accent" aria-labelledby="organizer-title">
          <h2 id="organizer-title" className="card-title">{t('landing.organizerTitle')}</h2>
          <p className="muted">{t('landing.organizerText')}</p>
          <div className="button-row">
            {session ? (
              <Link to="/dashboard" className="btn btn-primary">{t('landing.goToDashboard')}</Link>
            ) : (
              <>
                <Link to="/signup" className="btn btn-primary">{t('landing.signUpCta')}</Link>
                <Link to="/login" className="btn btn-secondary">{t('landing.logInCta')}</Link>
              </>
            )}
          </div>
        </section>
      </div>
      <ul className="features">
        {FEATURES.map(([title, text]) => (
          <li key={title} className="feature">
            <h3 className="feature-title">{t(title)}</h3>
            <p className="muted small">{t(text)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
