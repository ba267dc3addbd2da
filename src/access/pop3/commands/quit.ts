import { Pop3Error, toPop3Error } from '../pop3-error.js';
import type { Pop3Command } from './types.js';

/**
 * RFC 1939 §6 QUIT. In AUTHORIZATION it only says goodbye; in TRANSACTION it enters UPDATE and
 * removes the messages marked deleted, then the session closes either way. When the removal
 * fails the reply is `-ERR [SYS/TEMP]` (§6: "some deleted messages not removed").
 */
export const quitCommand: Pop3Command = {
  name: 'QUIT',
  states: ['authorization', 'transaction'],
  async run(context) {
    if (context.state === 'authorization' || context.maildrop === null) {
      context.endSession();
      await context.reply('+OK Logging out');
      return;
    }
    context.enterUpdate();
    const maildrop = context.maildrop;
    if (!maildrop.hasDeletions) {
      await context.reply('+OK Logging out.');
      return;
    }
    try {
      await maildrop.commit();
    } catch (error) {
      const reason = toPop3Error(error).logReason ?? String(error);
      throw new Pop3Error('Some deleted messages were not removed.', { code: 'SYS/TEMP', logReason: reason, cause: error });
    }
    await context.reply('+OK Logging out, messages deleted.');
  },
};
