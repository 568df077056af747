/**
 * Chat translation (ROOM-6) as a small interface. The real implementation speaks the
 * LibreTranslate HTTP API (self-hostable, so it fits a self-hosted product); without
 * TRANSLATE_URL there is no translator at all and the room says so, rather than
 * showing fake translations.
 */
export interface Translator {
  translate(text: string, targetLanguage: string): Promise<string>;
}

export class LibreTranslateTranslator implements Translator {
  constructor(private readonly url: string, private readonly apiKey: string | undefined, private readonly timeoutMs = 5000) {}

  async translate(text: string, targetLanguage: string): Promise<string> {
    const response = await fetch(`${this.url}/translate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q: text, source: 'auto', target: targetLanguage.slice(0, 2), format: 'text', ...(this.apiKey && { api_key: this.apiKey }) }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) throw new Error(`translation service answered ${response.status}`);
    const body = (await response.json()) as { translatedText?: unknown };
    if (typeof body.translatedText !== 'string') throw new Error('translation service gave no text');
    return body.translatedText;
  }
}
