import { UsageError } from './usage-error.js';

/** Longest password line read from stdin; more is refused, not buffered. */
const MAX_PASSWORD_BYTES = 4096;

/**
 * The password a `--password` flag gives: the flag's value, or, for `--password -`, the first
 * line of stdin (without its line ending), so the password stays out of the process list and
 * the shell history.
 */
export async function passwordFrom(flag: string, stdin: NodeJS.ReadableStream, command: string): Promise<string> {
  if (flag !== '-') return flag;
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
    if (text.length > MAX_PASSWORD_BYTES) throw new UsageError(`the password on stdin is longer than ${MAX_PASSWORD_BYTES} bytes`, command);
  }
  const password = (text.split('\n', 1)[0] ?? '').replace(/\r$/, '');
  if (password === '') throw new UsageError('no password on stdin (--password - reads its first line)', command);
  return password;
}
