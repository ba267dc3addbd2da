import { writev, writevSync } from 'node:fs';

/**
 * Writes `pieces` at `position` of the file `descriptor` with one gathering write (`pwritev`):
 * the kernel takes them all in one system call, and nothing is copied into one buffer first.
 * A short write (rare for a regular file, not impossible) is finished with the rest.
 */
export async function writeGathered(descriptor: number, pieces: readonly Buffer[], position: number): Promise<void> {
  let pending = pieces;
  for (let at = position; pending.length > 0; ) {
    const written = await new Promise<number>((resolve, reject) => writev(descriptor, pending as Buffer[], at, (error, bytes) => (error ? reject(error) : resolve(bytes))));
    at += written;
    pending = after(pending, written);
  }
}

/** {@link writeGathered} on the calling thread. */
export function writeGatheredSync(descriptor: number, pieces: readonly Buffer[], position: number): void {
  let pending = pieces;
  for (let at = position; pending.length > 0; ) {
    const written = writevSync(descriptor, pending as Buffer[], at);
    at += written;
    pending = after(pending, written);
  }
}

/** What is left of `pieces` once their first `skip` octets are written. */
function after(pieces: readonly Buffer[], skip: number): readonly Buffer[] {
  let left = skip;
  let index = 0;
  while (index < pieces.length && left >= pieces[index]!.length) left -= pieces[index++]!.length;
  if (index === pieces.length) return [];
  return left === 0 ? pieces.slice(index) : [pieces[index]!.subarray(left), ...pieces.slice(index + 1)];
}
