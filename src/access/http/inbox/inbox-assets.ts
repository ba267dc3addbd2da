import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** One built file of the web inbox, held in memory with its gzip form. */
export interface InboxAsset {
  body: Uint8Array;
  /** The gzip form, or null when it would not be smaller. */
  gzip: Uint8Array | null;
  contentType: string;
  /** A strong validator (RFC 9110 §8.8.3) over the uncompressed bytes. */
  etag: string;
}

/** The page, by the name it is served under (`index.html`), and the hashed files it loads. */
export type InboxAssets = ReadonlyMap<string, InboxAsset>;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Where `npm run build` writes the inbox, relative to the package root. */
const BUILT_DIRECTORY = join('dist', 'inbox');

/**
 * The directory of the built inbox: found by walking up from this module to the package root, so
 * it is the same from `src/` (tests under tsx) and from `dist/` (the published package). Null when
 * the inbox was never built.
 */
export function findInboxDirectory(start: string = dirname(fileURLToPath(import.meta.url))): string | null {
  let directory = start;
  for (;;) {
    const candidate = join(directory, BUILT_DIRECTORY);
    if (isInboxBuilt(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return null;
    directory = parent;
  }
}

/** Whether `directory` holds a built inbox (its page). */
export function isInboxBuilt(directory: string): boolean {
  return existsSync(join(directory, 'index.html'));
}

/** Reads every servable file of `directory` into memory (the whole inbox is a few tens of KiB). */
export function loadInboxAssets(directory: string): InboxAssets {
  const assets = new Map<string, InboxAsset>();
  for (const name of readdirSync(directory)) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (contentType === undefined) continue;
    const body = new Uint8Array(readFileSync(join(directory, name)));
    const compressed = new Uint8Array(gzipSync(body, { level: 9 }));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    assets.set(name, { body, gzip: compressed.length < body.length ? compressed : null, contentType, etag });
  }
  return assets;
}
