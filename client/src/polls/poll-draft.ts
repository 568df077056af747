import { MAX_CHOICES, MAX_POLL_QUESTIONS, type PollInput, type QUESTION_TYPES } from '../../../shared/poll-schemas.ts';
import type { TextKey } from '../i18n/i18n.tsx';
import { isHttpUrl } from './choice-image.tsx';

/**
 * A poll or test being written, in the shape the editor needs (keys for React lists,
 * empty strings instead of missing values), and its conversion to the PollInput the
 * server takes (shared/poll-schemas.ts).
 */
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface ChoiceDraft { key: number; text: string; imageUrl: string; correct: boolean }
export interface QuestionDraft { key: number; text: string; type: QuestionType; choices: ChoiceDraft[] }
export interface PollDraft { kind: 'poll' | 'test'; title: string; questions: QuestionDraft[] }

export { MAX_CHOICES, MAX_POLL_QUESTIONS };

let lastKey = 0;
export const newKey = () => ++lastKey;

export const newChoice = (): ChoiceDraft => ({ key: newKey(), text: '', imageUrl: '', correct: false });
export const newQuestion = (): QuestionDraft => ({ key: newKey(), text: '', type: 'single', choices: [newChoice(), newChoice()] });
export const newDraft = (): PollDraft => ({ kind: 'poll', title: '', questions: [newQuestion()] });

/** Problems of a draft by field path ("title", "q3.text", "q3.choices", "q3.c7.imageUrl"), as message keys. */
export type DraftErrors = Record<string, TextKey>;

export function validateDraft(draft: PollDraft): DraftErrors {
  const errors: DraftErrors = {};
  if (!draft.title.trim()) errors.title = 'pollEditor.titleRequired';
  for (const q of draft.questions) {
    if (!q.text.trim()) errors[`q${q.key}.text`] = 'pollEditor.questionRequired';
    if (q.type === 'open') continue;
    const filled = q.choices.filter((c) => c.text.trim());
    if (filled.length < 2) errors[`q${q.key}.choices`] = 'pollEditor.twoChoices';
    for (const c of q.choices) {
      if (c.imageUrl.trim() && !isHttpUrl(c.imageUrl.trim())) errors[`q${q.key}.c${c.key}.imageUrl`] = 'validation.url';
    }
    if (draft.kind === 'test' && q.type === 'single' && q.choices.filter((c) => c.correct && c.text.trim()).length > 1) {
      errors[`q${q.key}.choices`] = 'pollEditor.oneCorrect';
    }
  }
  return errors;
}

/** The body for `poll-create` or `POST …/polls`; empty choices are dropped, open questions have none. */
export function toPollInput(draft: PollDraft): PollInput {
  return {
    kind: draft.kind,
    title: draft.title.trim(),
    questions: draft.questions.map((q) => ({
      text: q.text.trim(),
      type: q.type,
      choices: q.type === 'open' ? [] : q.choices.filter((c) => c.text.trim()).map((c) => ({
        text: c.text.trim(),
        imageUrl: c.imageUrl.trim() || null,
        correct: draft.kind === 'test' && c.correct,
      })),
    })),
  };
}
