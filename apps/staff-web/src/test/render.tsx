import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { Provider, type Client } from 'urql';
import { ServicesContext, defaultServices, type Services } from '../services';

/** Renders a screen with a stub urql client and, optionally, stub services. */
export function renderWith(ui: ReactElement, client: Client, services: Partial<Services> = {}) {
  return render(
    <Provider value={client}>
      <ServicesContext.Provider value={{ ...defaultServices, ...services }}>
        {ui}
      </ServicesContext.Provider>
    </Provider>,
  );
}
