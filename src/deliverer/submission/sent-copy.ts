import type { Store } from '../../interfaces/store.js';

/**
 * Files `raw` as read (`\Seen`) into the account's Sent mailbox: the one marked `\Sent`
 * (RFC 6154), else a mailbox named `Sent`, created with that use when there is none. Durable
 * when it resolves.
 */
export async function saveToSent(store: Store, account: string, raw: Buffer, internalDate: Date): Promise<void> {
  const mailboxes = await store.listMailboxes(account);
  let sent = mailboxes.find((mailbox) => mailbox.specialUse === '\\Sent')?.name;
  if (sent === undefined) {
    sent = 'Sent';
    if (!mailboxes.some((mailbox) => mailbox.name === sent)) await store.createMailbox(account, sent, { specialUse: '\\Sent' });
  }
  await store.deliver({ source: raw, targets: [{ account, mailbox: sent, flags: ['\\Seen'] }], internalDate });
}
