import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/**
 * The arguments and tags a message takes: `count`, `<link>`. The kind of an argument may
 * differ (Chinese needs no plural where English has one), its name may not.
 */
function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    switch (e.type) {
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        into.add(e.value);
        break;
      case TYPE.plural:
      case TYPE.select:
        into.add(e.value);
        for (const option of Object.values(e.options)) placeholders(option.value, into);
        break;
      case TYPE.tag:
        into.add(`<${e.value}>`);
        placeholders(e.children, into);
        break;
      case TYPE.literal:
      case TYPE.pound:
        break;
    }
  }
  return into;
}

/**
 * What is wrong with a translation of an English message, or null: not ICU
 * MessageFormat, or an argument or tag of the English lost or invented.
 */
export function translationProblem(english: string, translated: string): string | null {
  if (translated.trim() === '') return 'empty';
  let elements: MessageFormatElement[];
  try {
    elements = parse(translated);
  } catch (error) {
    return `not ICU MessageFormat (${String(error)})`;
  }
  const expected = [...placeholders(parse(english))].sort();
  const actual = [...placeholders(elements)].sort();
  return expected.join() === actual.join()
    ? null
    : `${actual.join(' ') || 'nothing'} instead of ${expected.join(' ')}`;
}
