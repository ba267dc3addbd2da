import type { TestMessage } from './test-message.js';

/** A text condition: equal (case-insensitive for addresses) or matching a RegExp. */
export type TextMatcher = string | RegExp;

/** What to wait for: every given field must match, or a predicate over the whole message. */
export type MessageMatch =
  | {
      /** Matches any envelope recipient or any To/Cc address. */
      to?: TextMatcher;
      /** Matches the envelope sender or any From address. */
      from?: TextMatcher;
      subject?: TextMatcher;
    }
  | ((message: TestMessage) => boolean);

function matchesText(value: string, matcher: TextMatcher, caseInsensitive: boolean): boolean {
  if (matcher instanceof RegExp) return matcher.test(value);
  return caseInsensitive ? value.toLowerCase() === matcher.toLowerCase() : value === matcher;
}

function matchesAny(values: string[], matcher: TextMatcher): boolean {
  return values.some((value) => matchesText(value, matcher, true));
}

/** Whether `message` satisfies `match`. */
export function messageMatches(message: TestMessage, match: MessageMatch | undefined): boolean {
  if (match === undefined) return true;
  if (typeof match === 'function') return match(message);
  if (match.to !== undefined) {
    const recipients = [...message.envelope.to, ...message.to.map((entry) => entry.address), ...message.cc.map((entry) => entry.address)];
    if (!matchesAny(recipients, match.to)) return false;
  }
  if (match.from !== undefined) {
    const senders = [message.envelope.from, ...message.from.map((entry) => entry.address)];
    if (!matchesAny(senders, match.from)) return false;
  }
  if (match.subject !== undefined && !matchesText(message.subject, match.subject, false)) return false;
  return true;
}

/** A one-line description of a match, for error messages. */
export function describeMatch(match: MessageMatch | undefined): string {
  if (match === undefined) return 'any message';
  if (typeof match === 'function') return `a message satisfying ${match.name || 'the predicate'}`;
  const parts = Object.entries(match).map(([key, value]) => `${key} ${value instanceof RegExp ? String(value) : JSON.stringify(value)}`);
  return parts.length > 0 ? `a message with ${parts.join(', ')}` : 'any message';
}
