import type { Pop3Command, Pop3Context } from './types.js';

/** Whether plaintext credentials may be sent on this connection (RFC 2595 §2.1). */
export function plaintextAuthAllowed(context: Pop3Context): boolean {
  return context.secure || context.options.allowInsecureAuth;
}

/**
 * The capabilities of RFC 2449 §6 this session has now: login capabilities (USER, SASL, STLS)
 * only in the AUTHORIZATION state, and the plaintext ones only when they may be used.
 */
export function capabilities(context: Pop3Context): string[] {
  const list = ['CAPA', 'TOP', 'UIDL', 'RESP-CODES', 'PIPELINING', 'AUTH-RESP-CODE'];
  if (context.state === 'authorization') {
    if (context.options.tls !== null && !context.secure) list.push('STLS');
    if (plaintextAuthAllowed(context)) list.push('USER', 'SASL PLAIN');
  }
  list.push('IMPLEMENTATION posthouse');
  return list;
}

/** RFC 2449 §5 CAPA: valid in every state. */
export const capaCommand: Pop3Command = {
  name: 'CAPA',
  states: ['authorization', 'transaction'],
  async run(context) {
    await context.replyLines('+OK Capability list follows', capabilities(context));
  },
};
