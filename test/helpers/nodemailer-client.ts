import nodemailer from 'nodemailer';

/** A nodemailer transport to a local test server: plain SMTP, no STARTTLS, no pooling. */
export function nodemailerTo(port: number) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, name: 'client.test' });
}

/** The fields of nodemailer's send error that tests assert on. */
export interface NodemailerSendError extends Error {
  responseCode?: number;
  response?: string;
  command?: string;
  rejected?: string[];
}
