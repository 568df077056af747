import { useState, type FormEvent } from 'react';
import { OPEN_ANSWER_MAX, type PublicPoll } from '../../../shared/poll-schemas.ts';
import { Button } from '../components/button.tsx';
import { useT } from '../i18n/i18n.tsx';
import { ChoiceImage } from './choice-image.tsx';

export interface AnswerPayload {
  questionId: string;
  choiceIds?: string[];
  text?: string;
}

/**
 * The attendee's side of a running poll or test (ROOM-8): radio buttons for a single
 * choice, checkboxes for several, a text box for an open question. Choice questions
 * must be answered; an open one may be left empty. Questions already answered (before
 * a reconnect) are left out.
 */
export function PollAnswerForm({ poll, alreadyAnswered, busy, onSubmit }: {
  poll: PublicPoll;
  alreadyAnswered: ReadonlySet<string>;
  busy: boolean;
  onSubmit: (answers: AnswerPayload[]) => void;
}) {
  const { t } = useT();
  const [picked, setPicked] = useState<Record<string, string[]>>({});
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const open = poll.questions.filter((q) => !alreadyAnswered.has(q.id));

  const toggle = (questionId: string, choiceId: string, single: boolean) => {
    setPicked((current) => {
      const now = current[questionId] ?? [];
      const next = single ? [choiceId] : now.includes(choiceId) ? now.filter((id) => id !== choiceId) : [...now, choiceId];
      return { ...current, [questionId]: next };
    });
    setMissing((current) => {
      const next = new Set(current);
      next.delete(questionId);
      return next;
    });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const gaps = new Set(open.filter((q) => q.type !== 'open' && !(picked[q.id]?.length)).map((q) => q.id));
    setMissing(gaps);
    if (gaps.size) {
      document.getElementById(`poll-q-${[...gaps][0]}`)?.querySelector('input')?.focus();
      return;
    }
    const answers: AnswerPayload[] = [];
    for (const q of open) {
      if (q.type === 'open') {
        const text = texts[q.id]?.trim();
        if (text) answers.push({ questionId: q.id, text });
      } else {
        answers.push({ questionId: q.id, choiceIds: picked[q.id] ?? [] });
      }
    }
    if (answers.length === 0) {
      setMissing(new Set(open.map((q) => q.id)));
      return;
    }
    onSubmit(answers);
  };

  return (
    <form className="poll-answer-form" onSubmit={submit} noValidate data-testid="poll-answer-form">
      {open.map((q, index) => {
        const name = `poll-${poll.id}-${q.id}`;
        const error = missing.has(q.id) ? t(q.type === 'open' ? 'poll.writeAnswer' : 'poll.pickAnswer') : undefined;
        return (
          <fieldset key={q.id} id={`poll-q-${q.id}`} className="poll-question" aria-describedby={error ? `${name}-error` : undefined}>
            <legend className="poll-question-text">
              {open.length > 1 && <span className="poll-question-number">{index + 1}.</span>} {q.text}
              {q.type === 'multiple' && <span className="muted small poll-question-hint"> {t('poll.pickSeveral')}</span>}
              {q.type === 'open' && <span className="muted small poll-question-hint"> ({t('common.optional')})</span>}
            </legend>
            {q.type === 'open' ? (
              <>
                <label htmlFor={name} className="visually-hidden">{t('poll.yourAnswer')}</label>
                <textarea id={name} className="input textarea poll-open-input" rows={2} maxLength={OPEN_ANSWER_MAX} value={texts[q.id] ?? ''}
                  onChange={(e) => setTexts((current) => ({ ...current, [q.id]: e.target.value }))} placeholder={t('poll.yourAnswer')} />
              </>
            ) : (
              <div className={`poll-choices ${q.choices.some((c) => c.imageUrl) ? 'has-images' : ''}`}>
                {q.choices.map((c) => (
                  <label key={c.id} className="poll-choice">
                    <input type={q.type === 'single' ? 'radio' : 'checkbox'} name={name} value={c.id}
                      checked={picked[q.id]?.includes(c.id) ?? false} onChange={() => toggle(q.id, c.id, q.type === 'single')} />
                    <ChoiceImage url={c.imageUrl} alt={c.text} />
                    <span className="poll-choice-text">{c.text}</span>
                  </label>
                ))}
              </div>
            )}
            {error && <p id={`${name}-error`} className="field-error" role="alert">{error}</p>}
          </fieldset>
        );
      })}
      <div className="poll-form-actions">
        <Button type="submit" variant="primary" loading={busy} data-testid="poll-submit">{t('poll.submit')}</Button>
      </div>
    </form>
  );
}
