import type { Logger } from '../interfaces/logger.js';
import type { MessageSummary } from '../interfaces/message.js';
import type { SpecialUse, StoreChange } from '../interfaces/store.js';

/** What a changing adapter method resolves: its value and the changes to publish once durable. */
export interface Outcome<T> {
  value: T;
  changes: StoreChange[];
}

/** One target of a delivery after validation: names canonical, flags normalised. */
export interface NormalisedTarget {
  account: string;
  mailbox: string;
  flags: string[];
  create: boolean;
}

/** A delivery after validation: the bytes read once and their content address computed. */
export interface NormalisedDelivery {
  bytes: Buffer;
  /** Hex SHA-256 of `bytes`. */
  blobId: string;
  internalDate: Date;
  summary: MessageSummary | null;
  targets: NormalisedTarget[];
}

/** A special-use mailbox that `ensureAccount` creates, name canonical. */
export interface AccountMailbox {
  name: string;
  specialUse: SpecialUse;
}

/** Options every adapter built on {@link AbstractStore} accepts. */
export interface AbstractStoreOptions {
  /** Where listener failures and storage trouble are reported. Default: silent. */
  logger?: Logger;
  /** The clock for internal dates and UIDVALIDITY. Default: the system clock. */
  now?: () => Date;
}
