import { crc32 } from 'node:zlib';
import type { BackendOperation } from './backend.js';

/**
 * One journal record holds one synced batch:
 *
 * | bytes | field                                                        |
 * | ----- | ------------------------------------------------------------ |
 * | 4     | magic `PHJ1`                                                 |
 * | 8     | salt: random per journal incarnation, never written anywhere else in the record stream's data |
 * | 4     | sequence number (u32 LE), one more than the record before    |
 * | 4     | payload length (u32 LE)                                      |
 * | 4     | CRC-32 of the 20 bytes above and the payload                 |
 * | n     | payload: the batch's operations                              |
 *
 * The payload is a u32 operation count, then per operation a type byte (1 put, 2 delete), the
 * key (u32 length + UTF-8) and, for a put, the value (u32 length + bytes).
 *
 * A record only counts when every field matches what the reader expects: a torn write fails its
 * CRC, a record from an earlier lap of the ring or an earlier incarnation fails its sequence
 * number or salt, and message bytes that happen to look like a record cannot know the salt.
 */
export const RECORD_HEADER_BYTES = 24;
export const SALT_BYTES = 8;
const MAGIC = 0x314a4850; // 'PHJ1' read as a little-endian u32
const PUT = 1;
const DELETE = 2;

/** Values at least this long are written from where they are, not copied into the record's frame. */
const GATHERED_VALUE_BYTES = 1024;

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
  operations.forEach((operation, index) => {
    const key = keys[index]!;
    offset = frame.writeUInt8(operation.type === 'put' ? PUT : DELETE, offset);
    offset = frame.writeUInt32LE(key.length, offset);
    offset += key.copy(frame, offset);
    if (operation.type !== 'put') return;
    offset = frame.writeUInt32LE(operation.value.length, offset);
    if (gathered(operation)) {
      pieces.push(frame.subarray(sliceStart, offset), operation.value);
      sliceStart = offset;
    } else {
      offset += operation.value.copy(frame, offset);
    }
  });
  if (sliceStart < frame.length) pieces.push(frame.subarray(sliceStart));
  // The CRC covers the first 20 header octets, then the payload, piece by piece.
  let crc = crc32(frame.subarray(0, 20));
  pieces.forEach((piece, index) => {
    crc = crc32(index === 0 ? piece.subarray(RECORD_HEADER_BYTES) : piece, crc);
  });
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
  if (journal.readUInt32LE(offset) !== MAGIC) return null;
  if (!journal.subarray(offset + 4, offset + 4 + SALT_BYTES).equals(salt)) return null;
  if (journal.readUInt32LE(offset + 12) !== sequence >>> 0) return null;
  const payloadBytes = journal.readUInt32LE(offset + 16);
  const end = offset + RECORD_HEADER_BYTES + payloadBytes;
  if (end > journal.length) return null;
  const payload = journal.subarray(offset + RECORD_HEADER_BYTES, end);
  if (crc32(payload, crc32(journal.subarray(offset, offset + 20))) !== journal.readUInt32LE(offset + 20)) return null;
  return { operations: decodePayload(payload), end };
}

function decodePayload(payload: Buffer): BackendOperation[] {
  // The CRC matched, so the payload is what encodeRecord wrote; subarray views copy nothing.
  const operations: BackendOperation[] = [];
  const count = payload.readUInt32LE(0);
  let offset = 4;
  for (let index = 0; index < count; index += 1) {
    const type = payload.readUInt8(offset);
    const keyLength = payload.readUInt32LE(offset + 1);
    const key = payload.toString('utf8', offset + 5, offset + 5 + keyLength);
    offset += 5 + keyLength;
    if (type === PUT) {
      const valueLength = payload.readUInt32LE(offset);
      operations.push({ type: 'put', key, value: payload.subarray(offset + 4, offset + 4 + valueLength) });
      offset += 4 + valueLength;
    } else {
      operations.push({ type: 'del', key });
    }
  }
  return operations;
}
