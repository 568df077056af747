import { useId, useMemo } from 'react';
import { useT } from '../i18n/i18n.tsx';

/** Languages offered for chat translation (codes the translation service understands). */
const TARGETS = ['en', 'pl', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'cs', 'uk', 'sv', 'tr', 'ja', 'zh'] as const;

/**
 * Chat translation (ROOM-6): the language new messages are translated into for this
 * person. When the server has no translator configured, it says so plainly instead of
 * offering a choice that would do nothing.
 */
export function TranslationPicker({ available, language, onChange }: {
  available: boolean;
  language: string | null;
  onChange: (language: string | null) => void;
}) {
  const { t, lang } = useT();
  const id = useId();
  const names = useMemo(() => {
    const display = new Intl.DisplayNames([lang], { type: 'language' });
    return TARGETS.map((code) => ({ code, name: display.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, lang));
  }, [lang]);

  if (!available) {
    return <span className="badge badge-muted translation-off" title={t('chat.noTranslationHint')} data-testid="no-translation">{t('chat.noTranslation')}</span>;
  }
  return (
    <div className="translation-picker">
      <label htmlFor={id} className="translation-label">{t('chat.translateTo')}</label>
      <select id={id} className="input select input-sm" value={language ?? ''} onChange={(e) => onChange(e.target.value || null)} data-testid="chat-language">
        <option value="">{t('chat.noTranslate')}</option>
        {names.map(({ code, name }) => <option key={code} value={code}>{name}</option>)}
      </select>
    </div>
  );
}
