import { useT } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';

export function NotFoundPage() {
  const { t } = useT();
  return (
    <div className="narrow">
      <section className="card center">
        <h1 className="card-title">{t('common.notFoundTitle')}</h1>
        <p className="muted">{t('common.notFoundText')}</p>
        <Link to="/" className="btn btn-primary">{t('common.backHome')}</Link>
      </section>
    </div>
  );
}
