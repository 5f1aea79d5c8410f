import { FormattedMessage, type MessageDescriptor } from 'react-intl';
import { defineMessages } from '../i18n/define';

/**
 * The Games' accreditation categories staff meet most, by their printed code. A
 * category is free text on the server (an organiser may add its own): an unknown
 * code is shown as it is.
 */
export const CATEGORY_NAMES: Readonly<Record<string, MessageDescriptor>> = defineMessages({
  Aa: { id: 'category.Aa', defaultMessage: 'Athlete' },
  Ab: { id: 'category.Ab', defaultMessage: 'Team official' },
  Ac: { id: 'category.Ac', defaultMessage: 'Additional team official' },
  Ao: { id: 'category.Ao', defaultMessage: 'NOC official' },
  E: { id: 'category.E', defaultMessage: 'Written press' },
  EP: { id: 'category.EP', defaultMessage: 'Press photographer' },
  ET: { id: 'category.ET', defaultMessage: 'Press technician' },
  RT: { id: 'category.RT', defaultMessage: 'Rights-holding broadcaster' },
  IF: { id: 'category.IF', defaultMessage: 'International federation' },
  TF: { id: 'category.TF', defaultMessage: 'Technical official' },
  O: { id: 'category.O', defaultMessage: 'Observer' },
  Ws: { id: 'category.Ws', defaultMessage: 'Games workforce' },
});

/** A category by its code, with its name where the code is one of the Games' own. */
export function CategoryName({ code }: { code: string }) {
  const name = Object.hasOwn(CATEGORY_NAMES, code) ? CATEGORY_NAMES[code] : undefined;
  if (!name) return <>{code}</>;
  return (
    <>
      {code} · <FormattedMessage {...name} />
    </>
  );
}
