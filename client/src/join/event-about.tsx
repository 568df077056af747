import type { EventEntryOut } from '../../../shared/event-schemas.ts';
import { Alert } from '../components/alert.tsx';
import { useT } from '../i18n/i18n.tsx';

/** The join page's description and agenda, and whether the event is live or over. */
export function EventAbout({ entry }: { entry: EventEntryOut }) {
  const { t } = useT();
  return (
    <>
      {entry.status === 'ended' && <Alert tone="info"><span data-testid="entry-ended">{t('entry.ended')}</span></Alert>}
      {entry.status === 'live' && <p className="badge badge-live" data-testid="entry-live">{t('entry.live')}</p>}
      {entry.description && (
        <section className="entry-about" aria-labelledby="entry-about-title">
          <h2 id="entry-about-title" className="subheading">{t('entry.about')}</h2>
          <p className="preserve-lines" data-testid="entry-description">{entry.description}</p>
        </section>
      )}
      {entry.agenda && (
        <section className="entry-about" aria-labelledby="entry-agenda-title">
          <h2 id="entry-agenda-title" className="subheading">{t('entry.agenda')}</h2>
          <p className="preserve-lines" data-testid="entry-agenda">{entry.agenda}</p>
        </section>
      )}
    </>
  );
}
