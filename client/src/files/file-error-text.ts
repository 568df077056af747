import { ApiError } from '../api/http.ts';
import { errorText } from '../i18n/error-text.ts';
import type { I18n } from '../i18n/i18n.tsx';

/**
 * A file refusal in the visitor's language. The server's English sentence names the file
 * and the exact reason (which page, which tool, "export to PDF first"), so English
 * readers get it as it is; other languages get the translation of its stable code.
 */
export function fileErrorText(t: I18n['t'], lang: string, error: unknown): string {
  if (lang === 'en' && error instanceof ApiError && error.status > 0 && error.status < 500 && error.message) return error.message;
  return errorText(t, error);
}
