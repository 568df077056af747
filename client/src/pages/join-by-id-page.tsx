import { useT } from '../i18n/i18n.tsx';
import { JoinByIdForm } from '../join/join-by-id-form.tsx';

export function JoinByIdPage() {
  const { t } = useT();
  return (
    <div className="narrow">
      <section className="card">
        <h1 className="card-title">{t('joinById.title')}</h1>
        <p className="muted">{t('landing.joinHint')}</p>
        <JoinByIdForm autoFocus />
      </section>
    </div>
  );
}
