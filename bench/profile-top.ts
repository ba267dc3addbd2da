/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): the top frames by self time, the files that
 * time falls in, and the project's own functions by inclusive time (what they and their callees
 * cost). Shares are of busy samples: idle time is left out.
 *
 *   node --import tsx bench/profile-top.ts <file.cpuprofile> [rows]
 */
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

const [file, rowsArgument] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-top.ts <file.cpuprofile> [rows]');
const rowCount = Number(rowsArgument ?? 25);
const { nodes } = JSON.parse(await readFile(file, 'utf8')) as { nodes: ProfileNode[] };
const byId = new Map(nodes.map((node) => [node.id, node]));

const shortUrl = (url: string): string => url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '~/').replace(/^.*\/work\/main\//, '');
const frameName = (node: ProfileNode): string =>
  `${node.callFrame.functionName || '(anonymous)'} ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
const isIdle = (node: ProfileNode): boolean => node.callFrame.functionName === '(idle)';

const busy = nodes.reduce((total, node) => total + (isIdle(node) ? 0 : (node.hitCount ?? 0)), 0);
const selfByFrame = new Map<string, number>();
const selfByFile = new Map<string, number>();
for (const node of nodes) {
  if (isIdle(node) || !node.hitCount) continue;
  selfByFrame.set(frameName(node), (selfByFrame.get(frameName(node)) ?? 0) + node.hitCount);
  const fileName = shortUrl(node.callFrame.url) || node.callFrame.functionName;
  selfByFile.set(fileName, (selfByFile.get(fileName) ?? 0) + node.hitCount);
}

/** Inclusive samples of project (src/) frames, counting each frame once per stack even when recursive. */
const inclusiveByFrame = new Map<string, number>();
function walk(node: ProfileNode, onStack: Set<string>): number {
  let total = isIdle(node) ? 0 : (node.hitCount ?? 0);
  const name = frameName(node);
  const counted = node.callFrame.url.includes('/src/') && !onStack.has(name);
  if (counted) onStack.add(name);
  for (const childId of node.children ?? []) total += walk(byId.get(childId)!, onStack);
  if (counted) {
    onStack.delete(name);
    inclusiveByFrame.set(name, (inclusiveByFrame.get(name) ?? 0) + total);
  }
  return total;
}
walk(nodes[0]!, new Set());

function print(title: string, counts: Map<string, number>): void {
  console.log(`\n${title}`);
  const top = [...counts].sort((left, right) => right[1] - left[1]).slice(0, rowCount);
  for (const [name, samples] of top) console.log(`${((samples * 100) / busy).toFixed(1).padStart(5)}%  ${name}`);
}

console.log(`${busy} busy samples`);
print('self time by frame', selfByFrame);
print('self time by file', selfByFile);
print('inclusive time of project functions (src/)', inclusiveByFrame);
