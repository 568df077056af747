import { useEffect, useState } from 'react';
import type { CtaOn, PollOn } from '../../../shared/automated-timeline-state.ts';
import type { PollResults, PublicPoll } from '../../../shared/poll-schemas.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { ondemandApi } from './ondemand-api.ts';

/** The timeline's call to action; a click is counted, then the link opens in a new tab. */
export function WatchCta({ eventId, cta }: { eventId: number; cta: CtaOn }) {
  const { t } = useT();
  const click = () => {
    // Opened first, synchronously: a pop-up blocker lets a tab through only inside the click.
    window.open(cta.url, '_blank', 'noopener');
    void ondemandApi.ctaClick(eventId, cta.itemId).catch(() => undefined);
  };
  return (
    <section className="od-overlay stack" aria-label={t('od.watch.cta')} data-testid="od-cta">
      <p><strong>{cta.message}</strong></p>
      <div><Button variant="primary" onClick={click}>{cta.buttonLabel}</Button></div>
    </section>
  );
}

/**
 * A poll the timeline opens: answered once; its results appear when the timeline says
 * (after a heartbeat, so the server knows the viewer got that far).
 */
export function WatchPoll({ eventId, on, poll, beforeResults }: { eventId: number; on: PollOn; poll: PublicPoll | undefined; beforeResults: () => Promise<void> }) {
  const { t } = useT();
  const [picked, setPicked] = useState<Record<string, string[]>>({});
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [results, setResults] = useState<PollResults>();
  useEffect(() => {
    if (!on.resultsShown || results) return;
    let live = true;
    void beforeResults().then(() => ondemandApi.pollResults(eventId, on.pollId)).then((r) => live && setResults(r), () => undefined);
    return () => { live = false; };
  }, [on.resultsShown, on.pollId, eventId, results, beforeResults]);
  if (!poll) return null;
  const send = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await ondemandApi.answerPoll(eventId, poll.id, poll.questions.map((q) => (q.type === 'open' ? { questionId: q.id, text: texts[q.id] ?? '' } : { questionId: q.id, choiceIds: picked[q.id] ?? [] })));
      setDone(true);
    } catch (error) {
      if ((error as { code?: string }).code === 'already-answered') setDone(true);
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const toggle = (questionId: string, choiceId: string, single: boolean) => setPicked((p) => {
    const now = p[questionId] ?? [];
    return { ...p, [questionId]: single ? [choiceId] : now.includes(choiceId) ? now.filter((c) => c !== choiceId) : [...now, choiceId] };
  });
  return (
    <section className="od-overlay stack" aria-label={t('od.watch.poll')} data-testid="od-poll">
      <h2>{poll.title}</h2>
      {!done && (
        <form className="stack" onSubmit={(e) => { e.preventDefault(); void send(); }}>
          {poll.questions.map((q) => (
            <fieldset key={q.id} className="stack">
              <legend>{q.text}</legend>
              {q.type === 'open'
                ? <textarea aria-label={q.text} maxLength={1000} value={texts[q.id] ?? ''} onChange={(e) => setTexts({ ...texts, [q.id]: e.target.value })} />
                : q.choices.map((c) => (
                  <label key={c.id} className="od-check">
                    <input type={q.type === 'single' ? 'radio' : 'checkbox'} name={q.id} checked={(picked[q.id] ?? []).includes(c.id)} onChange={() => toggle(q.id, c.id, q.type === 'single')} />
                    {c.text}
                  </label>
                ))}
            </fieldset>
          ))}
          {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
          <div><Button type="submit" variant="primary" loading={busy}>{t('od.watch.vote')}</Button></div>
        </form>
      )}
      {done && <p role="status">{t('od.watch.voted')}</p>}
      {results && (
        <div className="stack" data-testid="od-poll-results">
          <h3>{t('od.watch.results')}</h3>
          {poll.questions.map((q) => {
            const r = results.questions.find((x) => x.questionId === q.id);
            const total = Math.max(1, Object.values(r?.choices ?? {}).reduce((a, b) => a + b, 0));
            return q.choices.map((c) => {
              const votes = r?.choices[c.id] ?? 0;
              return (
                <div key={c.id}>
                  <span>{c.text} — {t('od.watch.votes', { count: votes })}</span>
                  <div className="od-bar" style={{ width: `${(votes / total) * 100}%` }} />
                </div>
              );
            });
          })}
        </div>
      )}
    </section>
  );
}
