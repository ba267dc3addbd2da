import assert from 'node:assert/strict';
import type { ErrorCode } from '../errors/codes.js';
import { StoreError } from '../errors/store-error.js';
import type { Store } from '../interfaces/store.js';

/**
 * How the compliance suite gets stores. `create()` returns a store on fresh, empty data (opened or
 * not); `reopen()`, for persistent adapters, closes the store `create()` returned last and
 * returns a new one on the same data; `dispose()` runs after each case (remove temp data).
 */
export interface StoreFactory {
  create(): Promise<Store>;
  reopen?(): Promise<Store>;
  dispose?(): Promise<void>;
}

/** One compliance case, runnable under any test framework. */
export interface StoreComplianceCase {
  name: string;
  run(factory: StoreFactory): Promise<void>;
}

/** The account most cases use. */
export const ALICE = 'alice@example.test';

/** A small message whose bytes say which one it is. */
export function sampleMessage(label: string | number): Buffer {
  return Buffer.from(`From: sender@example.test\r\nSubject: message ${label}\r\n\r\nBody of message ${label}.\r\n`, 'utf8');
}

/** Creates and opens a store with ALICE's INBOX, runs `body`, closes the store whatever happens. */
export async function withStore(factory: StoreFactory, body: (store: Store) => Promise<void>): Promise<void> {
  const store = await factory.create();
  try {
    await store.open();
    await store.ensureAccount(ALICE);
    await body(store);
  } finally {
    await store.close().catch(() => {});
  }
}

/** Asserts that a promise rejects with a {@link StoreError} carrying `code`. */
export async function rejectsWithCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof StoreError, `expected a StoreError, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  });
}

/**
 * How many blobs the store holds, when the adapter exposes `blobCount()` for this suite
 * (the built-in adapters do); undefined otherwise.
 */
export function blobCountOf(store: Store): number | undefined {
  const counter = (store as Store & { blobCount?: () => number }).blobCount;
  return typeof counter === 'function' ? counter.call(store) : undefined;
}

/** Appends `count` sample messages to a mailbox of ALICE; resolves their UIDs. */
export async function appendMany(store: Store, mailbox: string, count: number, flags: string[] = []): Promise<number[]> {
  const uids: number[] = [];
  for (let index = 1; index <= count; index++) {
    uids.push((await store.append({ account: ALICE, mailbox, flags }, sampleMessage(`${mailbox}-${index}`))).uid);
  }
  return uids;
}
