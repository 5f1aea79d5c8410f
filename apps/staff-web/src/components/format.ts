import { useMemo } from 'react';
import { useIntl, type IntlShape } from 'react-intl';

/** An instant as the reader's language writes a date and time; '—' when there is none. */
function dateTimeIn(intl: IntlShape, iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : intl.formatDate(d, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A time of day alone, for what happened today (a scan, a test result). */
function timeIn(intl: IntlShape, iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : intl.formatTime(d, { timeStyle: 'short' });
}

/** A file size in the reader's number format: 812 B, 1.5 kB, 3,2 Mo. */
function bytesIn(intl: IntlShape, bytes: number): string {
  const [value, unit] =
    bytes < 1024
      ? [bytes, 'byte']
      : bytes < 1024 * 1024
        ? [bytes / 1024, 'kilobyte']
        : [bytes / (1024 * 1024), 'megabyte'];
  return intl.formatNumber(value, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  });
}

/** The formatters above, bound to the language of the screens. */
export type Format = ReturnType<typeof useFormat>;

export function useFormat() {
  const intl = useIntl();
  return useMemo(
    () => ({
      dateTime: (iso: string | null | undefined) => dateTimeIn(intl, iso),
      time: (iso: string | null | undefined) => timeIn(intl, iso),
      bytes: (bytes: number) => bytesIn(intl, bytes),
      number: (value: number) => intl.formatNumber(value),
      /** Names side by side, as a tag list (not a sentence's "A, B and C"): "A, B" / "A、B". */
      list: (items: readonly string[]) =>
        items.join(intl.formatMessage({ id: 'common.listSeparator', defaultMessage: ', ' })),
    }),
    [intl],
  );
}

/** `YYYY-MM-DDTHH:mm` in local time, for a datetime-local input. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(
    date.getHours(),
  )}:${pad(date.getMinutes())}`;
}

/** A datetime-local value as an ISO instant; '' when empty or invalid. */
export function fromLocalInput(value: string): string {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** Codes typed as `A, B; C` -> ['A', 'B', 'C']. */
export function splitCodes(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
