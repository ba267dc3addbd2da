import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shared MIME corpus: `../shared/corpus` from the repository root, where CI lays `shared/`
 * beside the clone.
 */
export const corpusRoot = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

/** One corpus message: its path relative to the corpus and its bytes as shipped. */
export interface CorpusMessage {
  name: string;
  bytes: Buffer;
}

const NOT_MESSAGES = new Set(['MANIFEST.tsv', 'LICENSES.md']);

/** Every message file of the corpus (every file under its folders), in a stable order. */
export async function readCorpus(): Promise<CorpusMessage[]> {
  const entries = await readdir(corpusRoot, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(corpusRoot, path.join(entry.parentPath, entry.name)))
    .filter((name) => !NOT_MESSAGES.has(name))
    .sort();
  return Promise.all(files.map(async (name) => ({ name, bytes: await readFile(path.join(corpusRoot, name)) })));
}

/** Every line ending (CRLF, bare LF, bare CR) as CRLF: what SMTP requires on the wire (RFC 5321 §2.3.8). */
export function toCrlf(bytes: Buffer): Buffer {
  return Buffer.from(bytes.toString('latin1').replace(/\r\n|\r|\n/g, '\r\n'), 'latin1');
}

/** Whether the bytes hold a CR or LF that is not part of a CRLF. */
export function hasBareLineEnding(bytes: Buffer): boolean {
  return /\r(?!\n)|(?<!\r)\n/.test(bytes.toString('latin1'));
}

/** What the store holds once a message was sent: ending in CRLF, as DATA always does. */
export function asStored(crlfBytes: Buffer): Buffer {
  const endsWithCrlf = crlfBytes.length >= 2 && crlfBytes.subarray(-2).equals(Buffer.from('\r\n'));
  return endsWithCrlf ? crlfBytes : Buffer.concat([crlfBytes, Buffer.from('\r\n')]);
}
