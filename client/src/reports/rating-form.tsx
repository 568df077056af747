import { useState, type FormEvent } from 'react';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { TextAreaField } from '../components/field.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { useAction } from '../scheduling/use-action.ts';
import './reports.css';
import { reportsApi } from './reports-api.ts';

/**
 * The thank-you page's question (POST-1): a rating from 1 to 5 and an optional comment,
 * sent with the room ticket. `onEngage` tells the page someone is answering, so it does
 * not move on to the organizer's page under their hands.
 */
export function RatingForm({ eventId, ticket, onEngage }: { eventId: number; ticket: string; onEngage?: () => void }) {
  const { t } = useT();
  const [rating, setRating] = useState<number>();
  const [comment, setComment] = useState('');
  const [sent, setSent] = useState(false);
  const send = useAction();
  if (sent) return <Alert tone="success">{t('rating.thanks')}</Alert>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (rating === undefined) return;
    void send.run(async () => {
      await reportsApi.rate(eventId, { ticket, rating, comment });
      setSent(true);
    });
  };
  return (
    <form className="rating-form" onSubmit={submit} onFocus={onEngage} data-testid="rating-form">
      <fieldset className="rating-stars">
        <legend className="field-label">{t('rating.question')}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} title={t('rating.value', { n })}>
            <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} aria-label={t('rating.value', { n })} />
            <span aria-hidden="true">{n}</span>
          </label>
        ))}
      </fieldset>
      <TextAreaField label={t('rating.comment')} optional rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
      {send.failure !== undefined && <Alert>{errorText(t, send.failure)}</Alert>}
      <div><Button type="submit" variant="primary" loading={send.busy} disabled={rating === undefined}>{t('rating.send')}</Button></div>
    </form>
  );
}
