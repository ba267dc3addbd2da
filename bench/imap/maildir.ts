/**
 * Writes benchmark mail straight into a Maildir (Maildir++ layout, as Dovecot reads it): one
 * file per message in cur/, its size in the name (`S=`, and `W=` for the CRLF size, equal here as
 * the files already hold CRLF) so Dovecot need not read a file to learn it, and its internal date
 * as the file's mtime. Dovecot builds its index on the first SELECT.
 */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDate, benchMessage, type MessageKind } from './bench-messages.js';

function makeMaildir(path: string): void {
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(path, sub), { recursive: true });
}

/**
 * Fills folder `mailbox` (under the Maildir at `root`) with `count` messages of `kind`.
 *
 * @example
 * writeMaildirFolder('/tmp/x/Maildir', 'Big', 'small', 100_000);
 */
export function writeMaildirFolder(root: string, mailbox: string, kind: MessageKind, count: number): void {
  makeMaildir(root);
  const folder = join(root, `.${mailbox}`);
  makeMaildir(folder);
  writeFileSync(join(folder, 'maildirfolder'), '');
  const cur = join(folder, 'cur');
  for (let index = 0; index < count; index += 1) {
    const message = benchMessage(kind, index);
    const date = benchDate(index);
    const seconds = Math.floor(date.getTime() / 1000);
    const file = join(cur, `${seconds}.M${index}P1.bench,S=${message.length},W=${message.length}:2,`);
    writeFileSync(file, message);
    utimesSync(file, date, date);
  }
}
