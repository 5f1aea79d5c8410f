import { useId } from 'react';
import { FormattedMessage } from 'react-intl';
import { useLanguage } from './LanguageProvider';
import { HTML_LANG, isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from './languages';

/**
 * The language of the screens. `onChosen` also tells the server when someone is
 * signed in, so the choice follows the user to another device.
 */
export function LanguageSwitcher({ onChosen }: { onChosen?: (language: Language) => void }) {
  const { language, setLanguage } = useLanguage();
  const id = useId();
  return (
    <span className="language-switcher">
      <label htmlFor={id}>
        <FormattedMessage id="language.label" defaultMessage="Language" />
      </label>{' '}
      <select
        id={id}
        value={language}
        onChange={(e) => {
          const next = e.target.value;
          if (!isLanguage(next)) return;
          setLanguage(next);
          onChosen?.(next);
        }}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={HTML_LANG[code]}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </span>
  );
}
