import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { Provider, type Client } from 'urql';
import { ServicesContext, defaultServices, type Services } from '../services';
import { LanguageProvider } from '../i18n/LanguageProvider';
import type { Language } from '../i18n/languages';

/** Renders a screen in English with a stub urql client and, optionally, stub services. */
export function renderWith(
  ui: ReactElement,
  client: Client,
  services: Partial<Services> = {},
  language: Language = 'en',
) {
  return render(
    <LanguageProvider initial={language}>
      <Provider value={client}>
        <ServicesContext.Provider value={{ ...defaultServices, ...services }}>
          {ui}
        </ServicesContext.Provider>
      </Provider>
    </LanguageProvider>,
  );
}

/** Renders a component in `language` (English unless said), without a client. */
export function renderIn(ui: ReactElement, language: Language = 'en') {
  return render(<LanguageProvider initial={language}>{ui}</LanguageProvider>);
}
