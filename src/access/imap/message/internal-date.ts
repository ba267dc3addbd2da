const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * An INTERNALDATE as FETCH writes it (RFC 9051 §9 `date-time`), in UTC: `" 7-Feb-1994 21:52:25 +0000"`
 * with the quotes, the day padded with a space.
 *
 * @example
 * formatInternalDate(new Date(Date.UTC(1994, 1, 7, 21, 52, 25))); // '" 7-Feb-1994 21:52:25 +0000"'
 */
export function formatInternalDate(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, ' ');
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `"${day}-${MONTHS[date.getUTCMonth()]}-${date.getUTCFullYear()} ${time} +0000"`;
}

/**
 * Parses an IMAP `date` (RFC 9051 §9: `1-Feb-1994`) as SEARCH takes it, to midnight UTC of that
 * day; null when it is not one.
 *
 * @example
 * parseSearchDate('1-Feb-1994'); // 1994-02-01T00:00:00.000Z
 */
export function parseSearchDate(text: string): Date | null {
  const match = /^"?(\d{1,2})-([A-Za-z]{3})-(\d{4})"?$/.exec(text);
  if (match === null) return null;
  const month = MONTHS.findIndex((name) => name.toLowerCase() === match[2]!.toLowerCase());
  const day = Number(match[1]);
  if (month < 0 || day < 1 || day > 31) return null;
  return new Date(Date.UTC(Number(match[3]), month, day));
}
