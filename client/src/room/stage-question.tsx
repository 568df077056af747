import { Button } from '../components/button.tsx';
import { useT } from '../i18n/i18n.tsx';
import type { StageQuestionView } from './live-view.ts';

/** The question a presenter put in the main window (ROOM-7), as a lower third; presenters can take it down. */
export function StageQuestion({ question, onTakeDown }: { question: StageQuestionView; onTakeDown: (() => void) | undefined }) {
  const { t } = useT();
  return (
    <figure className="stage-question" data-testid="stage-question" aria-label={t('qa.published')}>
      <figcaption className="stage-question-author">{t('qa.questionFrom', { name: question.authorName })}</figcaption>
      <blockquote className="stage-question-text">{question.text}</blockquote>
      {onTakeDown && <Button size="sm" variant="ghost" className="stage-question-action" onClick={onTakeDown}>{t('qa.takeDown')}</Button>}
    </figure>
  );
}
