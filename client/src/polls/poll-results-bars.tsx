import type { PollResults, PublicPoll } from '../../../shared/poll-schemas.ts';
import { useT } from '../i18n/i18n.tsx';
import { ChoiceImage } from './choice-image.tsx';

type Question = PublicPoll['questions'][number];

/**
 * A poll's tally as horizontal bars, one block per question: votes and share of those
 * who answered it. Right answers of a test are marked once they are known (after the
 * test ended, or always for presenters); the viewer's own choices are marked too.
 */
export function PollResultsBars({ questions, results, mine, correctKnown = true }: {
  questions: Question[];
  results: PollResults;
  /** questionId → the choices this viewer picked. */
  mine?: ReadonlyMap<string, string[]>;
  /** Mark right answers when the tally carries them. */
  correctKnown?: boolean;
}) {
  const { t, tp, lang } = useT();
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <div className="poll-results" data-testid="poll-results">
      {questions.map((question, index) => {
        const tally = results.questions.find((q) => q.questionId === question.id);
        const answered = tally?.answered ?? 0;
        const correct = correctKnown ? new Set(tally?.correctChoiceIds ?? []) : new Set<string>();
        const picked = new Set(mine?.get(question.id) ?? []);
        return (
          <section key={question.id} className="poll-result-question" aria-labelledby={`result-${question.id}`}>
            <h4 id={`result-${question.id}`} className="poll-question-text">
              {questions.length > 1 && <span className="poll-question-number">{index + 1}.</span>} {question.text}
            </h4>
            <p className="muted small">{tp('poll.answeredCount', answered)}</p>
            {question.type === 'open' ? (
              <p className="muted small">{t('poll.openResultsHint')}</p>
            ) : (
              <ul className="result-bars">
                {question.choices.map((choice) => {
                  const votes = tally?.choices[choice.id] ?? 0;
                  const share = answered ? votes / answered : 0;
                  const isCorrect = correct.has(choice.id);
                  return (
                    <li key={choice.id} className={`result-bar ${isCorrect ? 'is-correct' : ''} ${picked.has(choice.id) ? 'is-mine' : ''}`} data-testid="result-bar">
                      <div className="result-bar-label">
                        <ChoiceImage url={choice.imageUrl} alt={choice.text} small />
                        <span className="result-bar-text">{choice.text}</span>
                        {isCorrect && <span className="badge badge-xs badge-success">✓ {t('poll.correct')}</span>}
                        {picked.has(choice.id) && <span className="badge badge-xs badge-accent">{t('poll.yourChoice')}</span>}
                        <span className="result-bar-count">{votes} · {percent.format(share)}</span>
                      </div>
                      <div className="result-bar-track" aria-hidden="true">
                        <div className="result-bar-fill" style={{ width: `${Math.round(share * 100)}%` }} />
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
