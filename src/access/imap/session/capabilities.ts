import type { CommandHandler, LiteralExtension } from '../types.js';

/** Always advertised (RFC 9051 §7.2.2, RFC 3501 §7.2.1 and the extensions the session itself implements). */
const BASE = ['IMAP4rev1', 'IMAP4rev2', 'SASL-IR', 'ID', 'ENABLE', 'IDLE'];

/** Advertised once authenticated, besides what handlers declare. */
const AUTHENTICATED = ['NAMESPACE', 'UNSELECT', 'UIDPLUS', 'CONDSTORE', 'QRESYNC', 'SPECIAL-USE', 'LIST-EXTENDED', 'LIST-STATUS', 'CHILDREN', 'UTF8=ACCEPT', 'STATUS=SIZE'];

/** What decides the capability list of a session at one moment. */
export interface CapabilityInputs {
  authenticated: boolean;
  canStartTls: boolean;
  plaintextAuthAllowed: boolean;
  appendLimit: number;
  /** The non-synchronising literal extension in force; the two are never advertised together (RFC 7888 §5). */
  literals: LiteralExtension;
  handlers: Iterable<CommandHandler>;
}

/**
 * The capability list (RFC 9051 §6.1.1): `STARTTLS` while it is possible, `LOGINDISABLED` and no
 * `AUTH=` mechanism while plaintext authentication is refused (RFC 9051 §6.2.3), the full list
 * once authenticated.
 */
export function capabilityList(inputs: CapabilityInputs): string[] {
  const list = [...BASE.slice(0, 2), inputs.literals, ...BASE.slice(2)];
  if (!inputs.authenticated) {
    if (inputs.canStartTls) list.push('STARTTLS');
    if (inputs.plaintextAuthAllowed) list.push('AUTH=PLAIN', 'AUTH=LOGIN');
    else list.push('LOGINDISABLED');
    return list;
  }
  list.push(...AUTHENTICATED, `APPENDLIMIT=${inputs.appendLimit}`);
  for (const handler of inputs.handlers) for (const capability of handler.capabilities ?? []) if (!list.includes(capability)) list.push(capability);
  return list;
}
