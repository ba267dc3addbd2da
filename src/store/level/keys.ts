/**
 * The key layout of a level store: every key is a UTF-8 string `<area>!<parts>`; numbers are
 * fixed-width lower-case hex so keys sort as the numbers do.
 *
 * | key                                   | value                                        |
 * | ------------------------------------- | -------------------------------------------- |
 * | `meta!format`                         | layout version, `1`                          |
 * | `meta!uidvalidity`                    | highest UIDVALIDITY handed out (decimal)     |
 * | `mailbox!<uidvalidity:8>`             | JSON mailbox record (account, name, uidNext, highestModseq, ...) |
 * | `message!<uidvalidity:8>!<uid:8>`     | JSON message record (flags, modseq, size, blobId, summary, ...)  |
 * | `blobref!<sha256 hex>`                | JSON location of the message bytes in a blob segment file (`blobs/<n>.seg`) |
 * | `blob!<sha256 hex>`                   | the raw message bytes, as stores before blob segments kept them |
 * | `quota!<account>`                     | JSON quota                                   |
 * | `record!<namespace>\0<key>`           | JSON value of a {@link RecordStore} entry    |
 *
 * A mailbox is keyed by its UIDVALIDITY, which is unique per incarnation and survives a rename,
 * so renaming rewrites one record and no message. Blob reference counts are not stored: they
 * are counted from the message records when the store opens.
 */
export const FORMAT_KEY = 'meta!format';
export const FORMAT_VERSION = '1';
export const UID_VALIDITY_KEY = 'meta!uidvalidity';

export const MAILBOX_PREFIX = 'mailbox!';
export const MESSAGE_PREFIX = 'message!';
export const BLOB_PREFIX = 'blob!';
export const BLOB_REF_PREFIX = 'blobref!';
export const QUOTA_PREFIX = 'quota!';
export const RECORD_PREFIX = 'record!';

/** A key range for iteration: `gte <= key < lt`. */
export interface KeyRange {
  gte: string;
  lt: string;
}

const hex8 = (value: number): string => value.toString(16).padStart(8, '0');

export const mailboxKey = (uidValidity: number): string => `${MAILBOX_PREFIX}${hex8(uidValidity)}`;
export const messageKey = (uidValidity: number, uid: number): string => `${MESSAGE_PREFIX}${hex8(uidValidity)}!${hex8(uid)}`;
export const blobKey = (blobId: string): string => `${BLOB_PREFIX}${blobId}`;
export const quotaKey = (account: string): string => `${QUOTA_PREFIX}${account}`;
export const recordKey = (namespace: string, key: string): string => `${RECORD_PREFIX}${namespace}\0${key}`;

/** Every key that starts with `prefix` (the last character bumped by one ends the range). */
export function prefixRange(prefix: string): KeyRange {
  return { gte: prefix, lt: prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1) };
}

/** Every record of a namespace. */
export const recordRange = (namespace: string): KeyRange => prefixRange(`${RECORD_PREFIX}${namespace}\0`);

/** The UIDVALIDITY a `message!` key belongs to. */
export const uidValidityOfMessageKey = (key: string): number => Number.parseInt(key.slice(MESSAGE_PREFIX.length, MESSAGE_PREFIX.length + 8), 16);

/** The record key of a `record!` key, after the namespace and its NUL. */
export const recordKeyName = (key: string): string => key.slice(key.indexOf('\0') + 1);
