import { readFile, stat } from 'node:fs/promises';
import type { ConfigFile } from './serve-settings.js';
import { UsageError } from './usage-error.js';

/** A config file larger than this is refused unread (1 MiB; real ones are a few lines). */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads a JSON config file: an object whose keys are `serve` settings in camelCase, e.g.
 * `{ "smtpPort": 2525, "data": "/var/lib/posthouse" }`. Checking the keys is the caller's.
 */
export async function readConfigFile(path: string): Promise<ConfigFile> {
  let text: string;
  try {
    const info = await stat(path);
    if (info.size > MAX_CONFIG_BYTES) throw new UsageError(`config file ${path} is larger than ${MAX_CONFIG_BYTES} bytes`, 'serve');
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, 'serve');
  }
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`config file ${path} is not valid JSON: ${(error as Error).message}`, 'serve');
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new UsageError(`config file ${path} must hold a JSON object`, 'serve');
  }
  return { path, values: values as Record<string, unknown> };
}
