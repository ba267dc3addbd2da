import type { CommandHandler } from '../types.js';
import { appendCommand } from './append.js';
import { authenticateCommand } from './authenticate.js';
import { checkCommand } from './check.js';
import { compressCommand } from './compress.js';
import { capabilityCommand, logoutCommand, noopCommand, startTlsCommand } from './connection-commands.js';
import { enableCommand } from './enable.js';
import { idCommand } from './id.js';
import { idleCommand } from './idle.js';
import { listCommand, lsubCommand } from './list.js';
import { loginCommand } from './login.js';
import { createCommand, deleteCommand, renameCommand, subscribeCommand, unsubscribeCommand } from './mailbox-management.js';
import { namespaceCommand } from './namespace.js';
import { examineCommand, selectCommand } from './select.js';
import { fetchCommand } from './fetch.js';
import { storeCommand } from './store.js';
import { copyCommand } from './copy.js';
import { moveCommand } from './move.js';
import { searchCommand } from './search.js';
import { sortCommand } from './sort.js';
import { threadCommand } from './thread.js';
import { closeCommand, expungeCommand, unselectCommand } from './selected-state.js';
import { statusCommand } from './status.js';
import { getQuotaCommand, getQuotaRootCommand, setQuotaCommand } from './quota.js';

/**
 * Every command the server answers, one handler each. `UID FETCH` and friends reach the handler of
 * `FETCH` with `command.uid` set. To add a command: write `commands/<name>.ts` exporting a
 * {@link CommandHandler}, import it here and add it to the list (one line each).
 */
export const COMMAND_HANDLERS: readonly CommandHandler[] = [
  capabilityCommand,
  noopCommand,
  logoutCommand,
  startTlsCommand,
  authenticateCommand,
  loginCommand,
  enableCommand,
  idCommand,
  namespaceCommand,
  selectCommand,
  examineCommand,
  createCommand,
  deleteCommand,
  renameCommand,
  subscribeCommand,
  unsubscribeCommand,
  listCommand,
  lsubCommand,
  statusCommand,
  appendCommand,
  idleCommand,
  checkCommand,
  closeCommand,
  unselectCommand,
  expungeCommand,
  // Message data (FETCH, STORE, COPY, MOVE, SEARCH, SORT, THREAD) is added below.
  fetchCommand,
  storeCommand,
  copyCommand,
  moveCommand,
  searchCommand,
  sortCommand,
  threadCommand,
  getQuotaRootCommand,
  getQuotaCommand,
  setQuotaCommand,
  compressCommand,
];

/** The handlers by command name, as the session looks them up. */
export function commandRegistry(handlers: readonly CommandHandler[] = COMMAND_HANDLERS): ReadonlyMap<string, CommandHandler> {
  return new Map(handlers.map((handler) => [handler.name, handler]));
}
