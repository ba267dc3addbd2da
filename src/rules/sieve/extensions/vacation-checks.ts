import { parseAddressValues } from '../../../mime/addresses.js';
import type { RunContext } from '../../engine/run-context.js';

/** Senders that are programs, not people (RFC 5230 §4.6 and Pigeonhole's list). */
const AUTOMATED_SENDER = /^(mailer-daemon|listserv|majordomo|owner-.*|.*-request)$/i;
const LIST_HEADERS = ['list-id', 'list-post', 'list-help', 'list-subscribe', 'list-unsubscribe', 'list-owner', 'list-archive'];
/** RFC 5230 §4.5: the headers that say who the message was addressed to. */
const RECIPIENT_HEADERS = ['to', 'cc', 'bcc', 'resent-to', 'resent-cc', 'resent-bcc'];

/** The lookup form of an address for the "was I addressed" check: lower case, sub-address dropped. */
function baseOf(address: string): string {
  const lower = address.toLowerCase().replace(/^<|>$/g, '');
  const at = lower.lastIndexOf('@');
  if (at < 0) return lower;
  const local = lower.slice(0, at);
  const plus = local.indexOf('+');
  return `${plus > 0 ? local.slice(0, plus) : local}${lower.slice(at)}`;
}

/**
 * Why no vacation reply may go to this message's sender (RFC 5230 §4.5, §4.6, RFC 3834 §2), or
 * null when one may: null or automated senders, auto-submitted, mailing-list and bulk mail, and
 * mail that did not name the recipient in To/Cc/Bcc/Resent-*.
 */
export async function vacationSuppression(context: RunContext, extraAddresses: readonly string[]): Promise<string | null> {
  const sender = context.environment.mailFrom.replace(/^<|>$/g, '');
  if (sender === '') return 'null sender (a bounce)';
  const senderLocal = sender.slice(0, Math.max(0, sender.lastIndexOf('@'))) || sender;
  if (AUTOMATED_SENDER.test(senderLocal)) return `automated sender <${sender}>`;
  const message = context.message;
  const autoSubmitted = message.values('auto-submitted')[0];
  if (autoSubmitted !== undefined && autoSubmitted.trim().toLowerCase() !== 'no') return `auto-submitted message (${autoSubmitted.trim()})`;
  const listHeader = LIST_HEADERS.find((name) => message.rawValues(name).length > 0);
  if (listHeader !== undefined) return `mailing list message (${listHeader})`;
  const precedence = (message.values('precedence')[0] ?? '').trim().toLowerCase();
  if (precedence === 'list' || precedence === 'bulk' || precedence === 'junk') return `precedence ${precedence}`;

  const environment = context.environment;
  const own = new Set(
    [environment.rcptTo, environment.originalRecipient ?? '', ...(await context.services.addressesOf(environment.account)), ...extraAddresses]
      .filter((address) => address !== '')
      .map(baseOf),
  );
  const named = RECIPIENT_HEADERS.flatMap((name) => parseAddressValues(message.rawValues(name)).map((entry) => baseOf(entry.address)));
  if (!named.some((address) => own.has(address))) return 'recipient not addressed in To/Cc/Bcc';
  return null;
}
