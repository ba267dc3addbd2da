import { Pop3Error } from '../pop3-error.js';

/**
 * The arguments of a command line (RFC 1939 §3: separated by single spaces), checked against
 * how many the command takes.
 */
export function commandArguments(argument: string, min: number, max: number): string[] {
  const parts = argument === '' ? [] : argument.split(' ');
  if (parts.length < min) throw new Pop3Error(min === 1 ? 'Message number expected.' : 'Not enough arguments.');
  if (parts.length > max) throw new Pop3Error('Too many arguments.');
  return parts;
}

/** A non-negative decimal count (the line count of TOP, RFC 1939 §7). */
export function lineCount(text: string): number {
  if (!/^\d{1,9}$/.test(text)) throw new Pop3Error(`Invalid number of lines: ${text.slice(0, 40)}`);
  return Number(text);
}
