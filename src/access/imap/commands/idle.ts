import type { CommandHandler } from '../types.js';
import { expectArguments } from './arguments.js';

/**
 * IDLE (RFC 2177, RFC 9051 §6.3.13): mailbox changes go out as they happen until the client sends
 * `DONE`. The idle timeout is re-armed when IDLE starts, so a client re-issuing IDLE every
 * 29 minutes stays connected.
 */
export const idleCommand: CommandHandler = {
  name: 'IDLE',
  states: ['authenticated', 'selected'],
  async handle(context, command) {
    expectArguments(command, 0);
    context.continuation('idling');
    await context.flushUpdates({ expunges: true });
    context.session.setChangeListener(() => void context.flushUpdates({ expunges: true }));
    try {
      const line = await context.readLine();
      if (line === null) return { status: 'BAD', text: 'IDLE ended without DONE' };
      if (line.toString('latin1').toUpperCase() !== 'DONE') return { status: 'BAD', text: 'Expected DONE' };
      return { status: 'OK', text: 'IDLE terminated' };
    } finally {
      context.session.setChangeListener(null);
    }
  },
};
