import type { CtaStats } from '../../../shared/room-messages.ts';
import { Button } from '../components/button.tsx';
import { useT } from '../i18n/i18n.tsx';
import { isHttpUrl } from '../polls/choice-image.tsx';
import type { CtaView } from './live-view.ts';
import { formatCountdown, useNow } from './use-now.ts';

/**
 * The call to action in the main window (ROOM-9). Attendees get the button, which opens
 * the link in a new tab and counts the click; presenters see the same card as a preview
 * with the clicks so far and can close it.
 */
export function CtaPopup({ cta, staff, stats, onClick, onClose }: {
  cta: CtaView;
  staff: boolean;
  stats: CtaStats | undefined;
  onClick: () => void;
  onClose: () => void;
}) {
  const { t, tp } = useT();
  const now = useNow(cta.endsAt > 0);
  const clicks = stats?.ctaId === cta.id ? stats : undefined;
  return (
    <aside className="cta-popup" aria-labelledby={`cta-${cta.id}`} data-testid="cta-popup">
      <div className="cta-popup-body">
        <p id={`cta-${cta.id}`} className="cta-message">{cta.message}</p>
        {cta.endsAt > 0 && (
          <p className="cta-countdown muted small" data-testid="cta-countdown">
            {t('cta.closesIn', { time: formatCountdown(cta.endsAt - now) })}
          </p>
        )}
      </div>
      <div className="cta-popup-actions">
        {isHttpUrl(cta.url) && (
          <a className="btn btn-primary cta-button" href={cta.url} target="_blank" rel="noopener noreferrer" onClick={staff ? undefined : onClick} data-testid="cta-button">
            {cta.buttonLabel}
            <span className="visually-hidden"> ({t('cta.opensNewTab')})</span>
          </a>
        )}
        {staff && (
          <>
            <span className="cta-clicks" data-testid="cta-clicks">{tp('cta.clicks', clicks?.clicks ?? 0)}</span>
            <Button size="sm" variant="ghost" onClick={onClose}>{t('cta.close')}</Button>
          </>
        )}
      </div>
    </aside>
  );
}
