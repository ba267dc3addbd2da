import { closeSync, constants, fsync, open } from 'node:fs';
import { promisify } from 'node:util';

const openPath = promisify(open);
const fsyncDescriptor = promisify(fsync);

/** fsyncs a file or directory by its path: after creating a file, its directory, so the new entry is durable. */
export async function syncPath(path: string): Promise<void> {
  const descriptor = await openPath(path, constants.O_RDONLY);
  try {
    await fsyncDescriptor(descriptor);
  } finally {
    closeSync(descriptor);
  }
}
