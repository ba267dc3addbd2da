import { ErrorCodes } from '../../errors/codes.js';
import { StoreError } from '../../errors/store-error.js';
import type { Quota } from '../../interfaces/store.js';
import type { MailboxRecord } from '../indexed/records.js';
import { StoreIndex } from '../indexed/store-index.js';
import type { LevelBackend } from './backend.js';
import { decodeMailbox, decodeMessage } from './codec.js';
import {
  FORMAT_KEY, FORMAT_VERSION, MAILBOX_PREFIX, MESSAGE_PREFIX, QUOTA_PREFIX, UID_VALIDITY_KEY, prefixRange, uidValidityOfMessageKey,
} from './keys.js';

/**
 * Reads every mailbox, message and quota into a fresh index, once, when the store opens; from
 * then on this process owns the directory and the index is the truth.
 */
export async function loadIndex(backend: LevelBackend): Promise<StoreIndex> {
  const format = await backend.get(FORMAT_KEY);
  if (format === undefined) {
    await backend.write([{ type: 'put', key: FORMAT_KEY, value: Buffer.from(FORMAT_VERSION) }], { sync: true });
  } else if (format.toString('utf8') !== FORMAT_VERSION) {
    throw new StoreError(ErrorCodes.STORE_IO, `The store at ${backend.location} has layout ${format.toString('utf8')}; this posthouse reads layout ${FORMAT_VERSION}`);
  }
  const mailboxes: MailboxRecord[] = [];
  for await (const [, value] of backend.entries(prefixRange(MAILBOX_PREFIX))) mailboxes.push(decodeMailbox(value));
  const quotas: Array<[string, Quota]> = [];
  for await (const [key, value] of backend.entries(prefixRange(QUOTA_PREFIX))) {
    quotas.push([key.slice(QUOTA_PREFIX.length), JSON.parse(value.toString('utf8')) as Quota]);
  }
  const lastUidValidity = Number((await backend.get(UID_VALIDITY_KEY))?.toString('utf8') ?? 0);
  const index = new StoreIndex();
  index.restore({ lastUidValidity, mailboxes, quotas });
  for await (const [key, value] of backend.entries(prefixRange(MESSAGE_PREFIX))) {
    index.restoreMessage(uidValidityOfMessageKey(key), decodeMessage(value));
  }
  return index;
}
