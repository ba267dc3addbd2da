import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ErrorCodes } from '../../../errors/codes.js';
import { PosthouseError } from '../../../errors/posthouse-error.js';
import type { RecordStore } from '../../../interfaces/store.js';
import { formatScope, parseScope, type Scope } from './scope.js';

/** The record namespace API keys live in. */
const NAMESPACE = 'http-api-keys';
/** Every key starts so, which lets secret scanners (and people) recognise one. */
const KEY_PREFIX = 'ph_';
const KEY_SHAPE = /^ph_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** What is kept of a key: its id, scope and the SHA-256 of the secret, never the secret itself. */
export interface ApiKeyRecord {
  id: string;
  /** `server`, `domain:D` or `account:A`. */
  scope: string;
  label: string | null;
  /** Hex SHA-256 of the whole key. */
  hash: string;
  createdAt: string;
}

/** An API key as listed: everything but the hash. */
export type ApiKeyInfo = Omit<ApiKeyRecord, 'hash'>;

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * API keys, hashed at rest in the store's records. A key is `ph_<id>_<secret>`: the id finds the
 * record, the SHA-256 of the whole key must match it (compared in constant time). The secret has
 * 256 bits, so one unsalted hash is enough: there is nothing to guess.
 */
export class ApiKeys {
  readonly #records: RecordStore;
  readonly #now: () => Date;

  constructor(records: RecordStore, now: () => Date = () => new Date()) {
    this.#records = records;
    this.#now = now;
  }

  /** Creates a key; the returned `key` is the only time the secret is seen. */
  async create(scope: Scope, label: string | null = null): Promise<ApiKeyInfo & { key: string }> {
    const id = randomBytes(8).toString('hex');
    const key = `${KEY_PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
    const record: ApiKeyRecord = { id, scope: formatScope(scope), label, hash: sha256(key).toString('hex'), createdAt: this.#now().toISOString() };
    await this.#records.put(NAMESPACE, id, record);
    return { id, scope: record.scope, label, createdAt: record.createdAt, key };
  }

  /** The scope of a presented key, or null when it is not a key of ours. */
  async verify(key: string): Promise<{ id: string; scope: Scope } | null> {
    const match = KEY_SHAPE.exec(key);
    if (match === null) return null;
    const record = await this.#records.get<ApiKeyRecord>(NAMESPACE, match[1]!);
    if (record === undefined) return null;
    const expected = Buffer.from(record.hash, 'hex');
    const presented = sha256(key);
    if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) return null;
    return { id: record.id, scope: parseScope(record.scope) };
  }

  /** Every key, without hashes, oldest id order. */
  async list(): Promise<ApiKeyInfo[]> {
    const records = await this.#records.list<ApiKeyRecord>(NAMESPACE);
    return records.map(({ value: { hash: _hash, ...info } }) => info);
  }

  /** Revokes a key; `API_KEY_NOT_FOUND` when there is none with that id. */
  async revoke(id: string): Promise<void> {
    if ((await this.#records.get(NAMESPACE, id)) === undefined) throw new PosthouseError(ErrorCodes.API_KEY_NOT_FOUND, `no API key ${id}`);
    await this.#records.delete(NAMESPACE, id);
  }
}
