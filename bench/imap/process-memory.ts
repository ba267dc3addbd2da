/**
 * Memory of a process tree from /proc (Linux). RSS counts shared pages (libraries, shared
 * mappings) once per process, so for a server of many processes (Dovecot: one `imap` per
 * connection) its sum overstates; PSS splits each shared page between the processes mapping it,
 * so the PSS sum is what the tree really costs. Both are given.
 */
import { readdir, readFile } from 'node:fs/promises';

/** Memory of a set of processes, in bytes. */
export interface TreeMemory {
  processes: number;
  rssBytes: number;
  pssBytes: number;
  /** Process count by name (`comm`), e.g. `{ imap: 1000, 'imap-login': 2, ... }`. */
  byName: Record<string, number>;
}

async function parentOf(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The name may hold spaces and parentheses; the fields after the last ')' do not.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

async function descendants(root: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = await parentOf(Number(entry));
    if (parent !== null) parents.set(Number(entry), parent);
  }
  const tree = [root];
  for (let index = 0; index < tree.length; index += 1) {
    for (const [pid, parent] of parents) if (parent === tree[index]) tree.push(pid);
  }
  return tree;
}

function kilobytes(text: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) * 1024 : 0;
}

/**
 * RSS and PSS summed over `root` and every process below it.
 *
 * @example
 * const { rssBytes, pssBytes } = await treeMemory(dovecotMasterPid);
 */
export async function treeMemory(root: number): Promise<TreeMemory> {
  const memory: TreeMemory = { processes: 0, rssBytes: 0, pssBytes: 0, byName: {} };
  for (const pid of await descendants(root)) {
    try {
      const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
      const name = (await readFile(`/proc/${pid}/comm`, 'utf8')).trim();
      memory.rssBytes += kilobytes(rollup, 'Rss');
      memory.pssBytes += kilobytes(rollup, 'Pss');
      memory.processes += 1;
      memory.byName[name] = (memory.byName[name] ?? 0) + 1;
    } catch {
      // The process exited between the listing and the read: it costs nothing any more.
    }
  }
  return memory;
}
