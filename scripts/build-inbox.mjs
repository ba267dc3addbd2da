// Builds the web inbox (web/inbox/) into dist/inbox/: one minified script and one stylesheet with
// content hashes in their names, and the page that loads them. Prints each file's size, raw and
// gzipped, so the bundle's weight is seen at every build. Run by `npm run build` and `prepare`.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'web', 'inbox');
const output = join(root, 'dist', 'inbox');

async function bundle(entry, loader) {
  const result = await build({
    entryPoints: [join(source, entry)],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    target: ['chrome110', 'firefox115', 'safari16'],
    charset: 'utf8',
    legalComments: 'none',
    ...(loader === 'css' ? { loader: { '.css': 'css' } } : {}),
    logLevel: 'error',
  });
  return result.outputFiles[0].contents;
}

function hashed(name, extension, contents) {
  return `${name}-${createHash('sha256').update(contents).digest('hex').slice(0, 10)}.${extension}`;
}

const script = await bundle('main.ts');
const style = await bundle('style.css', 'css');
const files = new Map([
  [hashed('inbox', 'js', script), script],
  [hashed('inbox', 'css', style), style],
]);
const [jsName, cssName] = [...files.keys()];
const page = readFileSync(join(source, 'index.html'), 'utf8').replace('{{js}}', jsName).replace('{{css}}', cssName);
files.set('index.html', new TextEncoder().encode(page));

rmSync(output, { recursive: true, force: true });
mkdirSync(output, { recursive: true });
let raw = 0;
let gzipped = 0;
for (const [name, contents] of files) {
  writeFileSync(join(output, name), contents);
  const compressed = gzipSync(contents, { level: 9 }).length;
  raw += contents.length;
  gzipped += compressed;
  console.log(`inbox: ${name.padEnd(28)} ${String(contents.length).padStart(7)} B  ${String(compressed).padStart(6)} B gzip`);
}
console.log(`inbox: total ${raw} B, ${gzipped} B gzip -> ${join('dist', 'inbox')}`);
