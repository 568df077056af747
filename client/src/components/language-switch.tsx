import { LANGUAGE_NAMES, LANGUAGES, useT, type Language } from '../i18n/i18n.tsx';

/** EN / PL toggle; the choice is remembered for the next visit. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useT();
  return (
    <div className="lang-switch" role="group" aria-label={t('nav.language')}>
      {(Object.keys(LANGUAGES) as Language[]).map((code) => (
        <button
          key={code}
          type="button"
          className="lang-option"
          aria-pressed={code === lang}
          lang={code}
          title={LANGUAGE_NAMES[code]}
          onClick={() => setLang(code)}
        >
          {code.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
