import { useState, type FormEvent } from 'react';
import { CLIENT_MESSAGES, CTA_MESSAGE_MAX, type CtaStats } from '../../../shared/room-messages.ts';
import { Button } from '../components/button.tsx';
import { TextField } from '../components/field.tsx';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { isHttpUrl } from '../polls/choice-image.tsx';
import type { CtaView } from './live-view.ts';
import { formatCountdown, useNow } from './use-now.ts';

const LABEL_MAX = 40;

/**
 * The presenters' call-to-action tab (ROOM-9): what is showing now, its clicks and a
 * Close button, and the form for a new one (a short message, a button, a link, and how
 * long it stays).
 */
export function CtaPanel({ cta, stats, live, act }: { cta: CtaView | undefined; stats: CtaStats | undefined; live: boolean; act: (type: string, message?: unknown) => void }) {
  const { t, tp } = useT();
  const [message, setMessage] = useState('');
  const [label, setLabel] = useState('');
  const [url, setUrl] = useState('https://');
  const [timed, setTimed] = useState(false);
  const [seconds, setSeconds] = useState('60');
  const [errors, setErrors] = useState<Record<string, TextKey>>({});
  const now = useNow(Boolean(cta && cta.endsAt > 0));
  const clicks = cta && stats?.ctaId === cta.id ? stats : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, TextKey> = {};
    if (!message.trim()) found.message = 'cta.messageRequired';
    else if (message.trim().length > CTA_MESSAGE_MAX) found.message = 'cta.messageTooLong';
    if (!label.trim()) found.label = 'cta.labelRequired';
    if (!isHttpUrl(url.trim())) found.url = 'validation.url';
    const duration = Number(seconds);
    if (timed && (!Number.isInteger(duration) || duration < 5 || duration > 3600)) found.seconds = 'cta.durationRange';
    setErrors(found);
    if (Object.keys(found).length) return;
    act(CLIENT_MESSAGES.ctaShow, { message: message.trim(), buttonLabel: label.trim(), url: url.trim(), durationSeconds: timed ? duration : null });
    // What is showing is summarised above; the form is ready for the next one.
    setMessage('');
    setLabel('');
    setUrl('https://');
  };
  const err = (field: string) => (errors[field] ? t(errors[field]) : undefined);
  const left = CTA_MESSAGE_MAX - message.length;

  return (
    <>
      <div className="panel-head">
        <h2 className="panel-title">{t('cta.title')}</h2>
      </div>
      <div className="panel-scroll">
        <div className={`cta-now ${cta ? 'is-showing' : ''}`} data-testid="cta-now" role="status">
          {cta ? (
            <>
              <p className="cta-now-label">{t('cta.showingNow')}</p>
              <p className="cta-now-message">{cta.message}</p>
              <p className="muted small">{cta.buttonLabel} → <span className="cta-now-url">{cta.url}</span></p>
              <p className="cta-now-stats">
                <strong data-testid="cta-panel-clicks">{tp('cta.clicks', clicks?.clicks ?? 0)}</strong>
                {' · '}{tp('cta.clickers', clicks?.clickers ?? 0)}
                {' · '}{cta.endsAt > 0 ? t('cta.closesIn', { time: formatCountdown(cta.endsAt - now) }) : t('cta.untilClosed')}
              </p>
              <Button size="sm" variant="secondary" onClick={() => act(CLIENT_MESSAGES.ctaClose)} data-testid="cta-close">{t('cta.close')}</Button>
            </>
          ) : (
            <p className="muted small">{t('cta.nothingShowing')}</p>
          )}
        </div>

        <form className="form cta-form" onSubmit={submit} noValidate>
          <h3 className="subheading">{t(cta ? 'cta.replaceTitle' : 'cta.newTitle')}</h3>
          <TextField label={t('cta.message')} value={message} onChange={(e) => setMessage(e.target.value)} error={err('message')}
            hint={<span className={left < 0 ? 'is-over' : ''} aria-live="polite">{left >= 0 ? t('cta.charsLeft', { count: left, max: CTA_MESSAGE_MAX }) : tp('room.tooLong', -left)}</span>}
            data-testid="cta-message" />
          <TextField label={t('cta.buttonLabel')} value={label} maxLength={LABEL_MAX} onChange={(e) => setLabel(e.target.value)} error={err('label')} data-testid="cta-label" />
          <TextField label={t('cta.url')} type="url" inputMode="url" value={url} maxLength={2000} onChange={(e) => setUrl(e.target.value)} error={err('url')} data-testid="cta-url" />
          <fieldset className="cta-duration">
            <legend className="field-label">{t('cta.duration')}</legend>
            <label className="checkbox">
              <input type="radio" name="cta-duration" checked={!timed} onChange={() => setTimed(false)} />
              {t('cta.untilClosed')}
            </label>
            <div className="cta-timed">
              <label className="checkbox">
                <input type="radio" name="cta-duration" checked={timed} onChange={() => setTimed(true)} />
                {t('cta.forSeconds')}
              </label>
              <label htmlFor="cta-seconds" className="visually-hidden">{t('cta.seconds')}</label>
              <input id="cta-seconds" className="input input-sm cta-seconds" type="number" inputMode="numeric" min={5} max={3600} value={seconds}
                onChange={(e) => { setSeconds(e.target.value); setTimed(true); }} aria-invalid={errors.seconds ? true : undefined} />
              <span className="muted small">{t('cta.seconds')}</span>
            </div>
            {err('seconds') && <p className="field-error">{err('seconds')}</p>}
          </fieldset>
          <div className="form-actions">
            <Button type="submit" variant="primary" disabled={!live} title={live ? undefined : t('poll.startEventFirst')} data-testid="cta-show">{t(cta ? 'cta.replace' : 'cta.show')}</Button>
          </div>
        </form>
      </div>
    </>
  );
}
