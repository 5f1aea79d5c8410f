import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FormattedMessage } from 'react-intl';
import { renderIn } from '../test/render';
import { LanguageSwitcher } from './LanguageSwitcher';
import { AccreditationStatusBadge, LoopStatusBadge } from '../components/StatusBadge';
import { CategoryName } from '../accreditation/categories';
import {
  browserLanguage,
  fromServerLanguage,
  initialLanguage,
  toServerLanguage,
} from './languages';

describe('the language of the screens', () => {
  it('follows the browser: French and Chinese in any region, else English', () => {
    expect(browserLanguage(['fr-CA', 'en'])).toBe('fr');
    expect(browserLanguage(['zh-TW'])).toBe('zh');
    expect(browserLanguage(['de-DE', 'zh-Hans-CN'])).toBe('zh');
    expect(browserLanguage(['de-DE', 'es'])).toBe('en');
    expect(browserLanguage([])).toBe('en');
    expect(browserLanguage(undefined)).toBe('en');
  });

  it('prefers the last choice on this device to the browser', () => {
    expect(initialLanguage()).toBe('en');
    window.localStorage.setItem('staff-web.language', 'zh');
    expect(initialLanguage()).toBe('zh');
    window.localStorage.setItem('staff-web.language', 'klingon');
    expect(initialLanguage()).toBe('en');
  });

  it('maps the server enum both ways and refuses what it does not know', () => {
    expect(toServerLanguage('fr')).toBe('FR');
    expect(fromServerLanguage('ZH')).toBe('zh');
    expect(fromServerLanguage('DE')).toBeNull();
    expect(fromServerLanguage(null)).toBeNull();
  });

  it('switches the messages, <html lang> and the remembered choice', async () => {
    const chosen: string[] = [];
    renderIn(
      <>
        <LanguageSwitcher onChosen={(l) => chosen.push(l)} />
        <p>
          <FormattedMessage id="shell.signOut" defaultMessage="Sign out" />
        </p>
      </>,
    );
    expect(screen.getByText('Sign out')).toBeDefined();
    expect(document.documentElement.lang).toBe('en');

    await userEvent.selectOptions(screen.getByLabelText('Language'), 'fr');
    expect(screen.getByText('Se déconnecter')).toBeDefined();
    expect(document.documentElement.lang).toBe('fr');

    await userEvent.selectOptions(screen.getByLabelText('Langue'), 'zh');
    expect(screen.getByText('退出登录')).toBeDefined();
    expect(document.documentElement.lang).toBe('zh-Hans');
    expect(document.title).toBe('赛会注册 · 工作人员');
    expect(window.localStorage.getItem('staff-web.language')).toBe('zh');
    expect(chosen).toEqual(['fr', 'zh']);
  });

  it('names statuses and categories in each language, and leaves an unknown category as its code', () => {
    const { unmount } = renderIn(
      <p>
        <AccreditationStatusBadge status="APPROVED" /> <LoopStatusBadge status="CLOSE_CONTACT" />{' '}
        <CategoryName code="Aa" /> <CategoryName code="Zz9" />
      </p>,
      'fr',
    );
    expect(screen.getByText(/APPROUVÉE · carte valide, pas encore arrivé/)).toBeDefined();
    expect(screen.getByText(/CONTACT ÉTROIT · contact étroit, testé plus souvent/)).toBeDefined();
    expect(screen.getByText(/Aa · Athlète/)).toBeDefined();
    expect(screen.getByText(/Zz9/)).toBeDefined();
    unmount();

    renderIn(
      <p>
        <AccreditationStatusBadge status="SUSPENDED" /> <LoopStatusBadge status="IN_LOOP" />{' '}
        <CategoryName code="TF" />
      </p>,
      'zh',
    );
    expect(screen.getByText(/已暂停 · 暂时不能进入任何地点/)).toBeDefined();
    expect(screen.getByText(/闭环内 · 在闭环内/)).toBeDefined();
    expect(screen.getByText(/TF · 技术官员/)).toBeDefined();
  });
});
