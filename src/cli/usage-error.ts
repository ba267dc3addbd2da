/**
 * A command line the CLI cannot act on: an unknown command or flag, a missing argument, a bad
 * value. `main` prints it on one line with a pointer to the help and exits with code 2.
 */
export class UsageError extends Error {
  /** The command whose help explains the right form, e.g. `accounts add`; empty for the top level. */
  readonly command: string;

  constructor(message: string, command = '') {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}
