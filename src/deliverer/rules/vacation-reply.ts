import { randomBytes } from 'node:crypto';
import type { VacationAction } from '../../interfaces/rules.js';
import { encodeIfNeeded } from '../../rules/header-edits.js';

/** What a vacation reply is built from. */
export interface VacationReplyInput {
  action: VacationAction;
  /** The envelope sender of the message answered: the reply goes there (RFC 5230 §4.5). */
  to: string;
  /** The recipient whose vacation it is: the default From. */
  recipient: string;
  /** The header fields of the message answered (names lower-case, values raw). */
  headers: ReadonlyArray<{ name: string; value: string }>;
  hostname: string;
  now: Date;
}

/**
 * Builds a vacation reply (RFC 5230 §5, RFC 3834 §3): `Auto-Submitted: auto-replied`, `In-Reply-To`
 * and `References` from the original Message-ID, Subject from `:subject` or `Auto: <subject>`,
 * From from `:from` or the recipient. It is sent with the null reverse-path `<>` so it never
 * causes bounces or further replies (RFC 3834 §3.3). With `:mime` the reason is a MIME entity.
 *
 * @example
 * const reply = buildVacationReply({ action, to: 'bob@example.org', recipient: 'alice@example.com', headers, hostname: 'mx.example.com', now: new Date() });
 */
export function buildVacationReply(input: VacationReplyInput): Buffer {
  const header = (name: string): string | undefined => input.headers.find((field) => field.name === name)?.value;
  const messageId = header('message-id');
  const references = [header('references'), messageId].filter((value): value is string => value !== undefined && value !== '').join(' ');
  const subject = input.action.subject ?? `Auto: ${header('subject') ?? ''}`.trimEnd();
  const lines = [
    `From: ${oneLine(input.action.from ?? input.recipient)}`,
    `To: <${oneLine(input.to)}>`,
    `Subject: ${encodeIfNeeded(oneLine(subject))}`,
    `Date: ${input.now.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${randomBytes(12).toString('hex')}@${input.hostname}>`,
    ...(messageId === undefined ? [] : [`In-Reply-To: ${oneLine(messageId)}`]),
    ...(references === '' ? [] : [`References: ${oneLine(references)}`]),
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
  ];
  const reason = input.action.reason.replace(/\r?\n/g, '\r\n');
  if (input.action.mime === true) return Buffer.from(`${lines.join('\r\n')}\r\n${reason.replace(/^(\r\n)+/, '')}`, 'utf8');
  lines.push('Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit');
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${reason}${reason.endsWith('\r\n') ? '' : '\r\n'}`, 'utf8');
}

/** Header values from a script never carry a line break into the reply (no header injection). */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}
