import { closeSync, constants, fdatasync, openSync, read as readCallback, readSync } from 'node:fs';
import { mkdir, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BackendOperation, LevelBackend, WriteOptions } from './backend.js';
import { BLOB_PREFIX, BLOB_REF_PREFIX, prefixRange, type KeyRange } from './keys.js';
import { writeGathered } from './gathered-write.js';
import { syncPath } from './sync-path.js';

const readFd = promisify(readCallback);
const syncFd = promisify(fdatasync);

/** Where a blob's bytes are: segment file number, offset in it, length. */
interface BlobLocation {
  segment: number;
  offset: number;
  length: number;
}

/** The blobs directory inside the store's directory. */
export const SEGMENTS_DIRECTORY = 'blobs';
/** How much a write's batch carries of a sparse segment's blobs being compacted. */
const COMPACTION_BYTES_PER_WRITE = 256 * 1024;
const SEGMENT_NAME = /^([0-9a-f]{8})\.seg$/;
const segmentName = (segment: number): string => `${segment.toString(16).padStart(8, '0')}.seg`;

/**
 * A {@link LevelBackend} that keeps message bytes out of LevelDB: the value of a `blob!` put is
 * appended to the current segment file (`blobs/<n>.seg`, a new one every `segmentBytes`) and
 * LevelDB only gets a small pointer at `blobref!<id>`. LevelDB rewrote every message body again
 * and again as it compacted its levels; appends are written once.
 *
 * - A synced write first flushes the segments written since the last one, then syncs LevelDB:
 *   a pointer is never durable before its bytes.
 * - A segment none of whose blobs is referenced any longer is deleted after the next synced
 *   write, once the deletions of its pointers are durable. A segment less than half of whose
 *   bytes are referenced is compacted: each write moves some of its blobs to the current one.
 * - Blobs stored by an earlier version, as values of `blob!` keys, are still read and deleted.
 *
 * Bytes written for a blob that is then written again (the journal replaying a record after a
 * crash) stay in their segment unreferenced until the segment empties.
 */
export class SegmentedBlobBackend implements LevelBackend {
  readonly #inner: LevelBackend;
  readonly #directory: string;
  readonly #segmentBytes: number;
  readonly #locations = new Map<string, BlobLocation>();
  /** Referenced bytes per segment. */
  readonly #live = new Map<number, number>();
  /** Bytes written per segment (referenced or not). */
  readonly #sizes = new Map<number, number>();
  /** The blobs of the segment being compacted that are still to move, with where they were. */
  #moving: Array<[string, BlobLocation]> = [];
  readonly #descriptors = new Map<number, number>();
  /** Segments appended to since the last synced write. */
  readonly #unsynced = new Set<number>();
  /** Segments nothing references, to delete after the next synced write. */
  readonly #emptied = new Set<number>();
  /** A segment file was created since the last synced write: its directory entry needs a sync too. */
  #created = false;
  #current = 0;
  #currentSize = 0;
  /** Blobs appended to the current segment but not yet written to it, and where they start. */
  #appending: Buffer[] = [];
  #appendingFrom = 0;
  /** Runs of placed blobs to write before the batch that points at them goes on. */
  #unwritten: Array<{ descriptor: number; pieces: Buffer[]; position: number }> = [];
  /** The write in progress: writes run one at a time (see {@link write}). */
  #writes: Promise<void> = Promise.resolve();
  /** Blobs placed in a segment whose bytes are still being written there: reads take them from here. */
  readonly #inFlight = new Map<string, Buffer>();

  constructor(inner: LevelBackend, directory: string, segmentBytes: number) {
    this.#inner = inner;
    this.#directory = directory;
    this.#segmentBytes = segmentBytes;
  }

  get location(): string {
    return this.#inner.location;
  }

  async open(): Promise<void> {
    await this.#inner.open();
    this.#locations.clear();
    this.#live.clear();
    this.#unsynced.clear();
    this.#emptied.clear();
    this.#sizes.clear();
    this.#moving = [];
    this.#appending = [];
    this.#unwritten = [];
    this.#inFlight.clear();
    for await (const [key, value] of this.#inner.entries(prefixRange(BLOB_REF_PREFIX))) {
      const location = JSON.parse(value.toString('utf8')) as BlobLocation;
      this.#locations.set(BLOB_PREFIX + key.slice(BLOB_REF_PREFIX.length), location);
      this.#live.set(location.segment, (this.#live.get(location.segment) ?? 0) + location.length);
    }
    await mkdir(this.#directory, { recursive: true });
    const segments = (await readdir(this.#directory)).flatMap((name) => {
      const match = SEGMENT_NAME.exec(name);
      return match ? [Number.parseInt(match[1]!, 16)] : [];
    });
    this.#current = segments.reduce((highest, segment) => Math.max(highest, segment), 0) + 1;
    this.#currentSize = 0;
    // a segment nothing points to holds no durable blob: the pointers LevelDB kept are the truth
    for (const segment of segments) {
      const path = join(this.#directory, segmentName(segment));
      if (this.#live.has(segment)) this.#sizes.set(segment, (await stat(path)).size);
      else await unlink(path);
    }
  }

  async close(): Promise<void> {
    for (const descriptor of this.#descriptors.values()) closeSync(descriptor);
    this.#descriptors.clear();
    await this.#inner.close();
  }

  /**
   * Writes run one at a time, in call order: a synced write must not flush and sync the segments
   * while an earlier write's blobs are still being written to them, nor delete a segment whose
   * blobs an earlier write is still moving.
   */
  write(operations: BackendOperation[], options: WriteOptions): Promise<void> {
    const done = this.#writes.then(() => this.#write(operations, options));
    this.#writes = done.catch(() => {});
    return done;
  }

  async #write(operations: BackendOperation[], options: WriteOptions): Promise<void> {
    const translated: BackendOperation[] = [];
    for (const operation of operations) {
      if (!operation.key.startsWith(BLOB_PREFIX)) {
        translated.push(operation);
        continue;
      }
      const reference = BLOB_REF_PREFIX + operation.key.slice(BLOB_PREFIX.length);
      const previous = this.#locations.get(operation.key);
      if (previous !== undefined) this.#release(previous);
      if (operation.type === 'put') {
        const location = this.#append(operation.value);
        this.#locations.set(operation.key, location);
        this.#inFlight.set(operation.key, operation.value);
        translated.push({ type: 'put', key: reference, value: Buffer.from(JSON.stringify(location)) });
      } else {
        this.#locations.delete(operation.key);
        this.#inFlight.delete(operation.key);
        translated.push({ type: 'del', key: reference }, operation);
      }
    }
    // compaction only reads segments other than the current one, whose appends left at the rollover
    this.#compact(translated);
    this.#flushAppends();
    // the bytes go through the thread pool: a kernel copy of every message was main-thread time
    await this.#writeFlushed();
    // writes run one at a time: every blob still in flight is one this write placed
    this.#inFlight.clear();
    if (!options.sync) return this.#inner.write(translated, options);
    const emptied = [...this.#emptied];
    await Promise.all([...this.#unsynced].map((segment) => syncFd(this.#descriptorOf(segment, false))));
    this.#unsynced.clear();
    if (this.#created) {
      this.#created = false;
      await syncPath(this.#directory);
    }
    await this.#inner.write(translated, options);
    for (const segment of emptied) await this.#remove(segment);
  }

  async get(key: string): Promise<Buffer | undefined> {
    const writing = this.#inFlight.get(key);
    if (writing !== undefined) return writing;
    const location = this.#locations.get(key);
    if (location === undefined) return this.#inner.get(key);
    const bytes = Buffer.allocUnsafe(location.length);
    for (let done = 0; done < location.length; ) {
      const { bytesRead } = await readFd(this.#descriptorOf(location.segment, false), bytes, done, location.length - done, location.offset + done);
      if (bytesRead === 0) throw new Error(`blob segment ${segmentName(location.segment)} ends before ${key}`);
      done += bytesRead;
    }
    return bytes;
  }

  /** Key ranges as LevelDB holds them: `blob!` entries are only those of an earlier version. */
  entries(range: KeyRange): AsyncIterable<[string, Buffer]> {
    return this.#inner.entries(range);
  }

  /** Places `bytes` at the end of the current segment; {@link #flushAppends} writes them. */
  #append(bytes: Buffer): BlobLocation {
    if (this.#currentSize > 0 && this.#currentSize + bytes.length > this.#segmentBytes) {
      this.#flushAppends();
      if (!this.#live.has(this.#current)) this.#emptied.add(this.#current);
      this.#current += 1;
      this.#currentSize = 0;
    }
    if (this.#appending.length === 0) this.#appendingFrom = this.#currentSize;
    this.#appending.push(bytes);
    const location = { segment: this.#current, offset: this.#currentSize, length: bytes.length };
    this.#currentSize += bytes.length;
    this.#sizes.set(this.#current, this.#currentSize);
    this.#live.set(this.#current, (this.#live.get(this.#current) ?? 0) + bytes.length);
    this.#unsynced.add(this.#current);
    return location;
  }

  /**
   * Hands the blobs placed since the last call to {@link #writeFlushed} as one run, written with
   * one system call rather than one per blob. Into the page cache only: the synced write that
   * makes a pointer durable flushes the segment first.
   */
  #flushAppends(): void {
    if (this.#appending.length === 0) return;
    this.#unwritten.push({ descriptor: this.#descriptorOf(this.#current, true), pieces: this.#appending, position: this.#appendingFrom });
    this.#appending = [];
  }

  /** Writes the runs {@link #flushAppends} handed over; resolves once all of them are written. */
  async #writeFlushed(): Promise<void> {
    const runs = this.#unwritten;
    this.#unwritten = [];
    for (const { descriptor, pieces, position } of runs) await writeGathered(descriptor, pieces, position);
  }

  /**
   * Moves up to {@link COMPACTION_BYTES_PER_WRITE} of the blobs still referenced in a segment that
   * is mostly unreferenced to the current segment, adding their new pointers to `batch`: in the
   * batch that is being written anyway, so no pointer write can overtake a later delete. Once
   * the segment is empty it goes with the next synced write.
   */
  #compact(batch: BackendOperation[]): void {
    if (this.#moving.length === 0) {
      const sparse = [...this.#live].find(([segment, live]) => segment !== this.#current && live < (this.#sizes.get(segment) ?? 0) / 2);
      if (sparse === undefined) return;
      for (const entry of this.#locations) if (entry[1].segment === sparse[0]) this.#moving.push(entry);
    }
    let moved = 0;
    while (this.#moving.length > 0 && moved < COMPACTION_BYTES_PER_WRITE) {
      const [key, location] = this.#moving.pop()!;
      // deleted or written again since the segment was picked
      if (this.#locations.get(key) !== location) continue;
      const bytes = Buffer.allocUnsafe(location.length);
      for (let done = 0; done < location.length; ) {
        const read = readSync(this.#descriptorOf(location.segment, false), bytes, done, location.length - done, location.offset + done);
        if (read === 0) throw new Error(`blob segment ${segmentName(location.segment)} ends before ${key}`);
        done += read;
      }
      this.#release(location);
      const target = this.#append(bytes);
      this.#locations.set(key, target);
      this.#inFlight.set(key, bytes);
      batch.push({ type: 'put', key: BLOB_REF_PREFIX + key.slice(BLOB_PREFIX.length), value: Buffer.from(JSON.stringify(target)) });
      moved += location.length;
    }
  }

  #release(location: BlobLocation): void {
    const live = (this.#live.get(location.segment) ?? 0) - location.length;
    if (live > 0) {
      this.#live.set(location.segment, live);
      return;
    }
    this.#live.delete(location.segment);
    if (location.segment !== this.#current) this.#emptied.add(location.segment);
  }

  async #remove(segment: number): Promise<void> {
    // written again since it emptied (the current segment never is): keep it
    if (this.#live.has(segment) || segment === this.#current) return;
    this.#emptied.delete(segment);
    const descriptor = this.#descriptors.get(segment);
    if (descriptor !== undefined) closeSync(descriptor);
    this.#descriptors.delete(segment);
    this.#sizes.delete(segment);
    await unlink(join(this.#directory, segmentName(segment))).catch(() => {});
  }

  #descriptorOf(segment: number, create: boolean): number {
    let descriptor = this.#descriptors.get(segment);
    if (descriptor === undefined) {
      const path = join(this.#directory, segmentName(segment));
      descriptor = openSync(path, create ? constants.O_RDWR | constants.O_CREAT : constants.O_RDWR);
      this.#descriptors.set(segment, descriptor);
      this.#created ||= create;
    }
    return descriptor;
  }
}
