import { authCommand } from './auth.js';
import { capaCommand } from './capa.js';
import { listCommand, statCommand, uidlCommand } from './listing.js';
import { deleCommand, noopCommand, rsetCommand } from './marks.js';
import { quitCommand } from './quit.js';
import { retrCommand, topCommand } from './retrieval.js';
import { stlsCommand } from './stls.js';
import type { Pop3Command } from './types.js';
import { passCommand, userCommand } from './user-pass.js';

/** Every command the server knows, by upper-case keyword. APOP is not offered: passwords are kept hashed. */
export const POP3_COMMANDS: ReadonlyMap<string, Pop3Command> = new Map(
  [capaCommand, userCommand, passCommand, authCommand, stlsCommand, statCommand, listCommand, uidlCommand, retrCommand, topCommand, deleCommand, rsetCommand, noopCommand, quitCommand].map(
    (command) => [command.name, command],
  ),
);

export type { Pop3Command, Pop3Context, Pop3State } from './types.js';
