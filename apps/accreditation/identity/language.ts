import { registerEnumType } from '@nestjs/graphql';

/** The languages the staff screens are written in (the staff client's catalogues). */
export enum Language {
  EN = 'EN',
  FR = 'FR',
  ZH = 'ZH',
}

registerEnumType(Language, {
  name: 'Language',
  description: 'A language of the staff screens: English, French or Simplified Chinese.',
});
