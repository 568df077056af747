import { ApiError } from '../api/http.ts';
import { en } from './en.ts';
import type { I18n, TextKey } from './i18n.tsx';

/**
 * Turns a failure into a sentence in the visitor's language, by the stable problem
 * `code` the server sends. `notFound` lets a page say what was not found ("event not
 * found") instead of the generic text.
 */
export function errorText(t: I18n['t'], error: unknown, options: { notFound?: TextKey } = {}): string {
  const code = error instanceof ApiError ? error.code : typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown';
  if (code === 'not-found' && options.notFound) return t(options.notFound);
  if (code === 'validation') return t('validation.failed');
  const key = `error.${code}`;
  if (Object.hasOwn(en, key)) return t(key as TextKey);
  return t(error instanceof ApiError && error.status >= 500 ? 'error.internal' : 'error.unknown');
}

/** Which message to show under a field the server refused, by the field's name. */
const FIELD_MESSAGES: Record<string, TextKey> = {
  name: 'validation.name',
  email: 'validation.email',
  password: 'validation.passwordShort',
  startsAt: 'validation.startsAt',
  timeZone: 'validation.field',
  durationMinutes: 'validation.duration',
  count: 'validation.tokenCount',
  thankYouUrl: 'validation.url',
};

/**
 * The message keys for the fields a validation error names, keyed by field. Keys, not
 * text, so a language switch re-translates what is already on screen.
 */
export function fieldErrors(error: unknown, overrides: Record<string, TextKey> = {}): Record<string, TextKey> {
  if (!(error instanceof ApiError) || error.code !== 'validation') return {};
  const result: Record<string, TextKey> = {};
  for (const { field } of error.fields) {
    result[field] ??= overrides[field] ?? FIELD_MESSAGES[field] ?? 'validation.field';
  }
  return result;
}

/** The problem code of a failure, for pages that react to particular ones. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof ApiError ? error.code : undefined;
}
