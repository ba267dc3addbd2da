import type { CommandHandler } from '../types.js';
import { expectArguments } from './arguments.js';

const ANY_STATE = ['not-authenticated', 'authenticated', 'selected'] as const;

/** CAPABILITY (RFC 9051 §6.1.1): the list depends on TLS and the state. */
export const capabilityCommand: CommandHandler = {
  name: 'CAPABILITY',
  states: ANY_STATE,
  async handle(context, command) {
    expectArguments(command, 0);
    context.untagged(`CAPABILITY ${context.session.capabilities().join(' ')}`);
    return { status: 'OK', text: 'CAPABILITY completed' };
  },
};

/** NOOP (RFC 9051 §6.1.2): nothing, but pending mailbox changes go out before the reply. */
export const noopCommand: CommandHandler = {
  name: 'NOOP',
  states: ANY_STATE,
  async handle(_context, command) {
    expectArguments(command, 0);
    return { status: 'OK', text: 'NOOP completed' };
  },
};

/** LOGOUT (RFC 9051 §6.1.3): `* BYE`, then the tagged OK, then the connection closes. */
export const logoutCommand: CommandHandler = {
  name: 'LOGOUT',
  states: ANY_STATE,
  async handle(context, command) {
    expectArguments(command, 0);
    context.untagged('BYE Logging out');
    context.session.logout();
    return { status: 'OK', text: 'LOGOUT completed' };
  },
};

/** STARTTLS (RFC 9051 §6.2.1): the handshake starts right after the tagged OK. */
export const startTlsCommand: CommandHandler = {
  name: 'STARTTLS',
  states: ['not-authenticated'],
  async handle(context, command) {
    expectArguments(command, 0);
    if (!context.session.canStartTls) return { status: 'BAD', text: context.secure ? 'TLS is already active' : 'STARTTLS is not available' };
    context.session.startTlsAfterReply();
    return { status: 'OK', text: 'Begin TLS negotiation now' };
  },
};
