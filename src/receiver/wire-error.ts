import type { SMTPServerError } from 'smtp-server';
import type { SmtpError } from '../errors/smtp-error.js';

/** An enhanced status code (RFC 3463 §2) at the start of a reply text. */
const LEADING_ENHANCED_CODE = /^([245])\.(\d{1,3})\.(\d{1,3}) /;

/** The error shape smtp-server's callbacks take, carrying an {@link SmtpError}'s reply. */
export interface WireError extends SMTPServerError {
  responseCode: number;
}

/**
 * The one place an {@link SmtpError} becomes smtp-server's error: `responseCode` is the reply code
 * and the text starts with the enhanced status code (RFC 2034 §4), which {@link ReceiverConnection}
 * then sends as it is instead of guessing one from the reply code.
 */
export function toWireError(error: SmtpError): WireError {
  const wire = new Error(`${error.enhancedCode} ${error.message}`) as WireError;
  wire.responseCode = error.responseCode;
  return wire;
}

/** The enhanced status code a reply text starts with, or null. */
export function leadingEnhancedCode(text: string): string | null {
  const match = LEADING_ENHANCED_CODE.exec(text);
  return match ? `${match[1]}.${match[2]}.${match[3]}` : null;
}

/** Splits a reply text that starts with an enhanced code into its code and its message. */
export function splitReplyText(text: string): { enhancedCode: string | null; message: string } {
  const enhancedCode = leadingEnhancedCode(text);
  return { enhancedCode, message: enhancedCode ? text.slice(enhancedCode.length + 1) : text };
}
