import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import {
  cacheLanguage,
  FORMAT_LOCALE,
  HTML_LANG,
  initialLanguage,
  type Language,
} from './languages';
import { CATALOGUES } from './messages';

interface LanguageState {
  language: Language;
  /** Shows the screens in `language` and remembers it on this device. */
  setLanguage: (language: Language) => void;
}

const LanguageContext = createContext<LanguageState | null>(null);

export function useLanguage(): LanguageState {
  const state = useContext(LanguageContext);
  if (!state) throw new Error('useLanguage needs a LanguageProvider');
  return state;
}

/** The language of the screens: its messages, its date and number formats, and `<html lang>`. */
export function LanguageProvider({
  initial,
  children,
}: {
  initial?: Language;
  children: ReactNode;
}) {
  const [language, setCurrent] = useState<Language>(() => initial ?? initialLanguage());

  const setLanguage = useCallback((next: Language) => {
    cacheLanguage(next);
    setCurrent(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = HTML_LANG[language];
  }, [language]);

  const state = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);

  return (
    <LanguageContext.Provider value={state}>
      <IntlProvider
        locale={FORMAT_LOCALE[language]}
        defaultLocale="en-GB"
        messages={CATALOGUES[language]}
      >
        <DocumentTitle />
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
}

/** The tab's title in the language of the screens. */
function DocumentTitle() {
  const intl = useIntl();
  const title = intl.formatMessage({
    id: 'app.title',
    defaultMessage: 'Games accreditation · staff',
  });
  useEffect(() => {
    document.title = title;
  }, [title]);
  return null;
}
