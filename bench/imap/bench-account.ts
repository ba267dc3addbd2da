import type { MessageKind } from './bench-messages.js';

/** The one account both servers hold the benchmark mail in. */
export const BENCH_ACCOUNT = 'bench@bench.test';
/** Its password (plain in Dovecot's passwd-file, scrypt in posthouse's directory). */
export const BENCH_PASSWORD = 'bench-password';
/** The mailbox each kind of message is filed in; INBOX stays small for the idle connections. */
export const MAILBOX_OF: Record<MessageKind, string> = { small: 'Big', large: 'Bodies' };
