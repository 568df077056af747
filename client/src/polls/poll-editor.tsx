import { useState, type FormEvent } from 'react';
import type { PollInput } from '../../../shared/poll-schemas.ts';
import { Button } from '../components/button.tsx';
import { TextField } from '../components/field.tsx';
import { useT } from '../i18n/i18n.tsx';
import { MAX_POLL_QUESTIONS, newDraft, newQuestion, toPollInput, validateDraft, type DraftErrors, type PollDraft } from './poll-draft.ts';
import { QuestionEditor } from './question-editor.tsx';

/**
 * Writes a poll or a test (ROOM-8): a name, whether it is a test with right answers, and
 * its questions. Used in the dashboard (prepared before the event) and in the room
 * (created during it); the caller decides where the PollInput goes.
 */
export function PollEditor({ submitLabel, busy = false, onSubmit, onCancel, idPrefix }: {
  submitLabel: string;
  busy?: boolean;
  onSubmit: (input: PollInput) => void;
  onCancel: () => void;
  /** Keeps ids unique when two editors are on one page. */
  idPrefix: string;
}) {
  const { t } = useT();
  const [draft, setDraft] = useState<PollDraft>(newDraft);
  const [errors, setErrors] = useState<DraftErrors>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validateDraft(draft);
    setErrors(found);
    if (Object.keys(found).length) return;
    onSubmit(toPollInput(draft));
  };

  return (
    <form className="poll-editor" onSubmit={submit} noValidate data-testid="poll-editor">
      <TextField id={`${idPrefix}-title`} label={t('pollEditor.title')} value={draft.title} maxLength={200} autoFocus
        onChange={(e) => setDraft({ ...draft, title: e.target.value })} error={errors.title ? t(errors.title) : undefined} />
      <fieldset className="kind-picker">
        <legend className="field-label">{t('pollEditor.kind')}</legend>
        {(['poll', 'test'] as const).map((kind) => (
          <label key={kind} className="kind-option">
            <input type="radio" name={`${idPrefix}-kind`} value={kind} checked={draft.kind === kind} onChange={() => setDraft({ ...draft, kind })} />
            <span>
              <span className="kind-option-title">{t(`pollEditor.kind.${kind}`)}</span>
              <span className="muted small">{t(`pollEditor.kindHint.${kind}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {draft.questions.map((question, index) => (
        <QuestionEditor key={question.key} question={question} index={index} isTest={draft.kind === 'test'} errors={errors}
          onChange={(next) => setDraft({ ...draft, questions: draft.questions.map((q) => (q.key === next.key ? next : q)) })}
          onRemove={draft.questions.length > 1 ? () => setDraft({ ...draft, questions: draft.questions.filter((q) => q.key !== question.key) }) : undefined} />
      ))}
      {draft.questions.length < MAX_POLL_QUESTIONS && (
        <Button size="sm" variant="secondary" onClick={() => setDraft({ ...draft, questions: [...draft.questions, newQuestion()] })}>+ {t('pollEditor.addQuestion')}</Button>
      )}
      {Object.keys(errors).length > 0 && <p className="field-error" role="alert">{t('validation.failed')}</p>}
      <div className="form-actions">
        <Button variant="ghost" onClick={onCancel} disabled={busy}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" loading={busy} data-testid="poll-editor-submit">{submitLabel}</Button>
      </div>
    </form>
  );
}
