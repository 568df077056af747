import { useState } from 'react';
import { Button } from '../components/button.tsx';
import { useT } from '../i18n/i18n.tsx';
import { MAX_CHOICES, newChoice, type ChoiceDraft, type DraftErrors, type QuestionDraft, type QuestionType } from './poll-draft.ts';

const TYPES: QuestionType[] = ['single', 'multiple', 'open'];

/**
 * One question of the poll editor: its text, its type and (for choice questions) the
 * choices, each with an optional picture and, in a test, a "right answer" box.
 */
export function QuestionEditor({ question, index, isTest, errors, onChange, onRemove }: {
  question: QuestionDraft;
  index: number;
  isTest: boolean;
  errors: DraftErrors;
  onChange: (next: QuestionDraft) => void;
  /** Absent for the last remaining question. */
  onRemove: (() => void) | undefined;
}) {
  const { t } = useT();
  // Picture fields stay folded away until wanted: most choices are text only.
  const [withImage, setWithImage] = useState<ReadonlySet<number>>(() => new Set(question.choices.filter((c) => c.imageUrl).map((c) => c.key)));
  const id = `pq-${question.key}`;
  const err = (path: string) => errors[`q${question.key}.${path}`];
  const setChoice = (key: number, patch: Partial<ChoiceDraft>) =>
    onChange({ ...question, choices: question.choices.map((c) => (c.key === key ? { ...c, ...patch } : c)) });

  return (
    <fieldset className="question-editor" data-testid="question-editor">
      <legend className="question-editor-legend">{t('pollEditor.questionN', { n: index + 1 })}</legend>
      <div className="question-editor-head">
        <div className="field question-text-field">
          <label className="field-label" htmlFor={`${id}-text`}>{t('pollEditor.questionText')}</label>
          <input id={`${id}-text`} className="input" value={question.text} maxLength={500}
            aria-invalid={err('text') ? true : undefined} aria-describedby={err('text') ? `${id}-text-error` : undefined}
            onChange={(e) => onChange({ ...question, text: e.target.value })} />
          {err('text') && <p id={`${id}-text-error`} className="field-error">{t(err('text')!)}</p>}
        </div>
        <div className="field question-type-field">
          <label className="field-label" htmlFor={`${id}-type`}>{t('pollEditor.questionType')}</label>
          <select id={`${id}-type`} className="input select" value={question.type}
            onChange={(e) => {
              const type = e.target.value as QuestionType;
              const choices = type !== 'open' && question.choices.length < 2 ? [newChoice(), newChoice()] : question.choices;
              onChange({ ...question, type, choices });
            }}>
            {TYPES.map((type) => <option key={type} value={type}>{t(`pollEditor.type.${type}`)}</option>)}
          </select>
        </div>
      </div>

      {question.type !== 'open' && (
        <div className="choice-editor-list" role="group" aria-label={t('pollEditor.choices')}>
          {question.choices.map((choice, ci) => {
            const imageError = err(`c${choice.key}.imageUrl`);
            return (
              <div key={choice.key} className="choice-editor">
                <div className="choice-editor-row">
                  <label className="visually-hidden" htmlFor={`${id}-c${choice.key}`}>{t('pollEditor.choiceN', { n: ci + 1 })}</label>
                  <input id={`${id}-c${choice.key}`} className="input" value={choice.text} maxLength={300}
                    placeholder={t('pollEditor.choiceN', { n: ci + 1 })} onChange={(e) => setChoice(choice.key, { text: e.target.value })} />
                  {isTest && (
                    <label className="checkbox choice-correct">
                      <input type="checkbox" checked={choice.correct} onChange={(e) => setChoice(choice.key, { correct: e.target.checked })} />
                      {t('pollEditor.correct')}
                    </label>
                  )}
                  {question.choices.length > 2 && (
                    <button type="button" className="icon-button" onClick={() => onChange({ ...question, choices: question.choices.filter((c) => c.key !== choice.key) })}
                      aria-label={t('pollEditor.removeChoice', { n: ci + 1 })} title={t('pollEditor.removeChoice', { n: ci + 1 })}>×</button>
                  )}
                </div>
                {withImage.has(choice.key) || imageError ? (
                  <div className="choice-image-row">
                    <label className="visually-hidden" htmlFor={`${id}-c${choice.key}-img`}>{t('pollEditor.imageUrlFor', { n: ci + 1 })}</label>
                    <input id={`${id}-c${choice.key}-img`} className="input input-sm" type="url" inputMode="url" value={choice.imageUrl} maxLength={2000}
                      placeholder={t('pollEditor.imageUrl')} aria-invalid={imageError ? true : undefined}
                      onChange={(e) => setChoice(choice.key, { imageUrl: e.target.value })} />
                    {imageError && <p className="field-error">{t(imageError)}</p>}
                  </div>
                ) : (
                  <button type="button" className="link-button choice-add-image" onClick={() => setWithImage(new Set(withImage).add(choice.key))}
                    aria-label={`${t('pollEditor.addImage')}: ${t('pollEditor.choiceN', { n: ci + 1 })}`}>
                    + {t('pollEditor.addImage')}
                  </button>
                )}
              </div>
            );
          })}
          {err('choices') && <p className="field-error" role="alert">{t(err('choices')!)}</p>}
        </div>
      )}

      <div className="question-editor-actions">
        {question.type !== 'open' && question.choices.length < MAX_CHOICES && (
          <Button size="sm" variant="ghost" onClick={() => onChange({ ...question, choices: [...question.choices, newChoice()] })}>+ {t('pollEditor.addChoice')}</Button>
        )}
        <span className="spacer" />
        {onRemove && <Button size="sm" variant="ghost" className="btn-danger-text" onClick={onRemove}>{t('pollEditor.removeQuestion')}</Button>}
      </div>
    </fieldset>
  );
}
