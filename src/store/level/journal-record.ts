import { hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { BackendOperation } from './backend.js';
import { BLOB_PREFIX } from './keys.js';

/**
 * One journal record holds one synced batch:
 *
 * | bytes | field                                                        |
 * | ----- | ------------------------------------------------------------ |
 * | 4     | magic `PHJ2` (`PHJ1` in records of earlier versions)         |
 * | 8     | salt: random per journal incarnation, never written anywhere else in the record stream's data |
 * | 4     | sequence number (u32 LE), one more than the record before    |
 * | 4     | payload length (u32 LE)                                      |
 * | 4     | CRC-32 of the 20 bytes above and the payload, but for content-addressed values |
 * | n     | payload: the batch's operations                              |
 *
 * The payload is a u32 operation count, then per operation a type byte (1 put, 2 delete), the
 * key (u32 length + UTF-8) and, for a put, the value (u32 length + bytes).
 *
 * A message's bytes (the value of `blob!<sha256 hex>`, named by its own SHA-256) are checked
 * against that name when the record is read back, instead of by the CRC: the hash was computed
 * when the message was stored, so checking a record as it is written costs no pass over the
 * message (a CRC over every message octet was ~2.5% of the SMTP thread's time under load).
 * `PHJ1` records, whose CRC covers everything, are still read.
 *
 * A record only counts when every field matches what the reader expects: a torn write fails its
 * CRC or a message's hash, a record from an earlier lap of the ring or an earlier incarnation
 * fails its sequence number or salt, and message bytes that happen to look like a record cannot
 * know the salt.
 */
export const RECORD_HEADER_BYTES = 24;
export const SALT_BYTES = 8;
const MAGIC = 0x324a4850; // 'PHJ2' read as a little-endian u32
const MAGIC_FULL_CRC = 0x314a4850; // 'PHJ1'
const PUT = 1;
const DELETE = 2;

/** Values at least this long are written from where they are, not copied into the record's frame. */
const GATHERED_VALUE_BYTES = 1024;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Whether a put's value is checked by its key's hash rather than the CRC: a large value (written
 * from where it is) of a `blob!` key that is a SHA-256. Writer and reader must agree on it.
 */
function checkedByName(key: string, valueLength: number): boolean {
  return valueLength >= GATHERED_VALUE_BYTES && key.length === BLOB_PREFIX.length + 64 && key.startsWith(BLOB_PREFIX) && SHA256_HEX.test(key.slice(BLOB_PREFIX.length));
}

/**
 * One record as the buffers that make it up, in order: a frame holding the header, the keys and
 * the small values, with each large value (a message's bytes) between two of its slices. Written
 * with one gathering write (`writev`), so a message is not copied into the record.
 */
export interface RecordPieces {
  pieces: Buffer[];
  /** Octets of all the pieces together. */
  length: number;
}

/** Encodes one batch as a record. */
export function encodeRecord(operations: readonly BackendOperation[], salt: Buffer, sequence: number): RecordPieces {
  const keys = operations.map((operation) => Buffer.from(operation.key, 'utf8'));
  const gathered = (operation: BackendOperation): boolean => operation.type === 'put' && operation.value.length >= GATHERED_VALUE_BYTES;
  let payloadBytes = 4;
  let frameBytes = RECORD_HEADER_BYTES + 4;
  operations.forEach((operation, index) => {
    const meta = 1 + 4 + keys[index]!.length + (operation.type === 'put' ? 4 : 0);
    const value = operation.type === 'put' ? operation.value.length : 0;
    payloadBytes += meta + value;
    frameBytes += meta + (gathered(operation) ? 0 : value);
  });
  const frame = Buffer.allocUnsafe(frameBytes);
  frame.writeUInt32LE(MAGIC, 0);
  salt.copy(frame, 4, 0, SALT_BYTES);
  frame.writeUInt32LE(sequence >>> 0, 12);
  frame.writeUInt32LE(payloadBytes, 16);
  const pieces: Buffer[] = [];
  let sliceStart = 0;
  let offset = frame.writeUInt32LE(operations.length, RECORD_HEADER_BYTES);
  // The CRC covers the first 20 header octets, then the payload but for values checked by name.
  let crc = crc32(frame.subarray(0, 20));
  /** Ends a slice of the frame at `end`, counting its payload octets in the CRC. */
  const slice = (end?: number): Buffer => {
    const piece = frame.subarray(sliceStart, end);
    crc = crc32(sliceStart === 0 ? piece.subarray(RECORD_HEADER_BYTES) : piece, crc);
    return piece;
  };
  operations.forEach((operation, index) => {
    const key = keys[index]!;
    offset = frame.writeUInt8(operation.type === 'put' ? PUT : DELETE, offset);
    offset = frame.writeUInt32LE(key.length, offset);
    offset += key.copy(frame, offset);
    if (operation.type !== 'put') return;
    offset = frame.writeUInt32LE(operation.value.length, offset);
    if (gathered(operation)) {
      pieces.push(slice(offset), operation.value);
      if (!checkedByName(operation.key, operation.value.length)) crc = crc32(operation.value, crc);
      sliceStart = offset;
    } else {
      offset += operation.value.copy(frame, offset);
    }
  });
  if (sliceStart < frame.length) pieces.push(slice());
  frame.writeUInt32LE(crc, 20);
  return { pieces, length: RECORD_HEADER_BYTES + payloadBytes };
}

/** A record read back: its operations and where the next record starts. */
export interface DecodedRecord {
  operations: BackendOperation[];
  end: number;
}

/**
 * Reads the record at `offset` of `journal` if it is exactly the one expected (`salt`,
 * `sequence`, intact); null for anything else: zeros, a torn or stale record, garbage.
 */
export function decodeRecordAt(journal: Buffer, offset: number, salt: Buffer, sequence: number): DecodedRecord | null {
  if (offset + RECORD_HEADER_BYTES > journal.length) return null;
  const magic = journal.readUInt32LE(offset);
  if (magic !== MAGIC && magic !== MAGIC_FULL_CRC) return null;
  if (!journal.subarray(offset + 4, offset + 4 + SALT_BYTES).equals(salt)) return null;
  if (journal.readUInt32LE(offset + 12) !== sequence >>> 0) return null;
  const payloadBytes = journal.readUInt32LE(offset + 16);
  const end = offset + RECORD_HEADER_BYTES + payloadBytes;
  if (end > journal.length) return null;
  const payload = journal.subarray(offset + RECORD_HEADER_BYTES, end);
  const header = journal.subarray(offset, offset + 20);
  const storedCrc = journal.readUInt32LE(offset + 20);
  if (magic === MAGIC_FULL_CRC) {
    if (crc32(payload, crc32(header)) !== storedCrc) return null;
    const read = readPayload(payload);
    return read === null ? null : { operations: read.operations, end };
  }
  // Parsed before it is checked, so every length is bounded by the payload.
  const read = readPayload(payload);
  if (read === null) return null;
  let crc = crc32(header);
  let covered = 0;
  for (const { start, length } of read.byName) {
    crc = crc32(payload.subarray(covered, start), crc);
    covered = start + length;
  }
  if (crc32(payload.subarray(covered), crc) !== storedCrc) return null;
  for (const { key, start, length } of read.byName) {
    if (hash('sha256', payload.subarray(start, start + length), 'hex') !== key.slice(BLOB_PREFIX.length)) return null;
  }
  return { operations: read.operations, end };
}

/** A payload's operations, and where the values checked by name lie in it; null when it does not parse. */
function readPayload(payload: Buffer): { operations: BackendOperation[]; byName: Array<{ key: string; start: number; length: number }> } | null {
  if (payload.length < 4) return null;
  const operations: BackendOperation[] = [];
  const byName: Array<{ key: string; start: number; length: number }> = [];
  const count = payload.readUInt32LE(0);
  let offset = 4;
  for (let index = 0; index < count; index += 1) {
    if (offset + 5 > payload.length) return null;
    const type = payload.readUInt8(offset);
    const keyLength = payload.readUInt32LE(offset + 1);
    offset += 5;
    if ((type !== PUT && type !== DELETE) || offset + keyLength > payload.length) return null;
    const key = payload.toString('utf8', offset, offset + keyLength);
    offset += keyLength;
    if (type === DELETE) {
      operations.push({ type: 'del', key });
      continue;
    }
    if (offset + 4 > payload.length) return null;
    const valueLength = payload.readUInt32LE(offset);
    offset += 4;
    if (offset + valueLength > payload.length) return null;
    // subarray views copy nothing
    operations.push({ type: 'put', key, value: payload.subarray(offset, offset + valueLength) });
    if (checkedByName(key, valueLength)) byName.push({ key, start: offset, length: valueLength });
    offset += valueLength;
  }
  return offset === payload.length ? { operations, byName } : null;
}
