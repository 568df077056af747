import { Button } from '../components/button.tsx';
import { useT } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';

/**
 * Shown when the same personal seat was taken on another device (close code 4408): one
 * link gives one seat, and the newest device keeps it. "Continue here" takes it back,
 * which in turn tells the other device.
 */
export function ReplacedPanel({ onTakeBack }: { onTakeBack: () => void }) {
  const { t } = useT();
  return (
    <div className="room-center">
      <section className="card center end-card" data-testid="replaced" role="status">
        <h2 className="card-title">{t('replaced.title')}</h2>
        <p className="muted">{t('replaced.text')}</p>
        <div className="button-row center-row">
          <Button variant="primary" onClick={onTakeBack}>{t('replaced.takeBack')}</Button>
          <Link to="/" className="btn btn-ghost">{t('common.backHome')}</Link>
        </div>
      </section>
    </div>
  );
}
