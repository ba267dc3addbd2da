/**
 * A LIST pattern (RFC 9051 §6.3.9) as a matcher: `*` matches anything, `%` anything but the
 * hierarchy delimiter `/`. The INBOX part of a name matches in any case.
 *
 * @example
 * listPatternMatcher('Archive/%')('Archive/2026') // true
 */
export function listPatternMatcher(pattern: string): (name: string) => boolean {
  const source = [...pattern].map((char) => (char === '*' ? '.*' : char === '%' ? '[^/]*' : char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  const exact = new RegExp(`^${source}$`, 'su');
  const inboxPattern = /^inbox(?=$|\/)/i.test(pattern) ? new RegExp(`^${source.replace(/^inbox/i, 'INBOX')}$`, 'su') : null;
  return (name) => exact.test(name) || (inboxPattern !== null && inboxPattern.test(name));
}
