import { closeSync, constants, open as openCallback } from 'node:fs';
import { open, readFile, stat, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { writeGathered, writeGatheredSync } from './gathered-write.js';
import type { RecordPieces } from './journal-record.js';
import { syncPath } from './sync-path.js';

const openFile = promisify(openCallback);
const ZERO_CHUNK_BYTES = 1 << 20;

/**
 * The journal's file: a fixed-size file of zeros, created once, that records are written into
 * with O_DSYNC. Writing over blocks that already exist changes no file metadata, so each write
 * costs one data flush, and no filesystem-journal commit as an append that grows a file does
 * (the trick of PostgreSQL's pre-zeroed WAL segments): ~0.1 ms here against ~0.25 ms for an
 * append and fdatasync, and ~0.3 ms for a synced LevelDB batch.
 */
export class JournalFile {
  readonly path: string;
  readonly bytes: number;
  #fd: number | null = null;

  constructor(path: string, bytes: number) {
    this.path = path;
    this.bytes = bytes;
  }

  /** What the file holds now (empty when there is none yet), for recovery to replay. */
  async read(): Promise<Buffer> {
    return readFile(this.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return Buffer.alloc(0);
      throw error;
    });
  }

  /** Makes the file exactly `bytes` of zeros beyond what it holds, synced, and opens it for writing. */
  async prepare(): Promise<void> {
    const existing = await stat(this.path).catch(() => null);
    if (existing === null || existing.size < this.bytes) await this.#fill(existing?.size ?? 0);
    if (existing !== null && existing.size > this.bytes) {
      await truncate(this.path, this.bytes);
      await syncPath(this.path);
    }
    this.#fd = await openFile(this.path, constants.O_RDWR | constants.O_DSYNC);
  }

  /**
   * Writes a record's pieces at `position`, gathered in one write; resolves once it is on disk.
   * `blocking` writes on the calling thread: for a small record with nothing else to do, a round
   * trip through the thread pool costs more than the write.
   */
  write({ pieces }: RecordPieces, position: number, blocking: boolean): Promise<void> {
    const fd = this.#descriptor();
    if (!blocking) return writeGathered(fd, pieces, position);
    try {
      writeGatheredSync(fd, pieces, position);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  close(): void {
    if (this.#fd === null) return;
    closeSync(this.#fd);
    this.#fd = null;
  }

  #descriptor(): number {
    if (this.#fd === null) throw new Error(`the journal ${this.path} is not open`);
    return this.#fd;
  }

  async #fill(from: number): Promise<void> {
    const handle = await open(this.path, 'a');
    try {
      const zeros = Buffer.alloc(Math.min(ZERO_CHUNK_BYTES, this.bytes - from));
      for (let size = from; size < this.bytes; size += zeros.length) {
        await handle.write(zeros, 0, Math.min(zeros.length, this.bytes - size));
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    // the new file's directory entry must be durable too
    if (from === 0) await syncPath(dirname(this.path));
  }
}
