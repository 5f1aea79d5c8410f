import { defineMessages as defineTyped, type MessageDescriptor } from 'react-intl';

/**
 * react-intl's `defineMessages` (same name, so the extractor and FormatJS tools
 * read it), returning plain descriptors: react-intl 12 types each descriptor's
 * values as empty unless told, which refuses every placeholder.
 */
export function defineMessages<K extends string>(
  messages: Record<K, { id: string; defaultMessage: string; description?: string }>,
): Record<K, MessageDescriptor> {
  return defineTyped(messages);
}
