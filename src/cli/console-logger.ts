import type { Logger } from '../interfaces/logger.js';

/** The levels `--log-level` takes, quietest first. */
export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * A {@link Logger} that writes one line per entry, `posthouse [level] message {fields}`, for
 * entries at `level` or more severe. Lines go to `write` (stderr in the CLI, so stdout stays for
 * the listener lines scripts read).
 */
export function consoleLogger(level: LogLevel, write: (line: string) => void): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const entry =
    (entryLevel: Exclude<LogLevel, 'silent'>) =>
    (objectOrMessage: object | string, message?: string): void => {
      if (LOG_LEVELS.indexOf(entryLevel) > threshold) return;
      const text = typeof objectOrMessage === 'string' ? objectOrMessage : (message ?? '');
      const fields = typeof objectOrMessage === 'string' ? '' : ` ${safeJson(objectOrMessage)}`;
      write(`posthouse [${entryLevel}] ${text}${fields}\n`);
    };
  return { debug: entry('debug'), info: entry('info'), warn: entry('warn'), error: entry('error') };
}

/** JSON of a log object; errors show their message, circular objects do not throw. */
function safeJson(fields: object): string {
  try {
    return JSON.stringify(fields, (_key, value: unknown) => (value instanceof Error ? value.message : value));
  } catch {
    return '[unserialisable fields]';
  }
}
