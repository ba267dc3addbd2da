import type { RuleAction } from '../interfaces/rules.js';
import { readHeaderSection } from '../mime/header-section.js';

/** RFC 5293 §5/§6: never changed, whatever the actions say. */
const PROTECTED = new Set(['received', 'auto-submitted']);

/**
 * Applies a run's addheader/deleteheader actions (RFC 5293) to a raw message, in order, giving
 * the copy to file: added fields at the top (or bottom with `last`), deleted ones by name and,
 * when given, their 1-based occurrence `index` (counted from the end with `last`). The body is
 * untouched; line endings are CRLF.
 *
 * @example
 * store.append(mailbox, applyHeaderEdits(raw, result.actions));
 */
export function applyHeaderEdits(raw: Buffer, actions: readonly RuleAction[]): Buffer {
  const edits = actions.filter((action) => action.type === 'addheader' || action.type === 'deleteheader');
  if (edits.length === 0) return raw;
  const section = readHeaderSection(raw);
  const lines = splitFieldLines(raw.subarray(0, section.headerLength).toString('utf8'));
  for (const edit of edits) {
    if (edit.type !== 'addheader' && edit.type !== 'deleteheader') continue;
    const name = edit.name.toLowerCase();
    if (PROTECTED.has(name)) continue;
    if (edit.type === 'addheader') {
      const line = `${edit.name}: ${edit.value ?? ''}\r\n`;
      if (edit.last) lines.push({ name, text: line });
      else lines.unshift({ name, text: line });
      continue;
    }
    const positions = lines.flatMap((line, position) => (line.name === name ? [position] : []));
    const doomed = edit.index === undefined ? positions : [positions[edit.last ? positions.length - edit.index : edit.index - 1]].filter((entry): entry is number => entry !== undefined);
    for (const position of doomed.reverse()) lines.splice(position, 1);
  }
  return Buffer.concat([Buffer.from(lines.map((line) => line.text).join('') + '\r\n', 'utf8'), raw.subarray(section.headerLength)]);
}

/** The header section as one entry per field (continuation lines kept with their field). */
function splitFieldLines(header: string): Array<{ name: string; text: string }> {
  const fields: Array<{ name: string; text: string }> = [];
  for (const line of header.split(/(?<=\n)/)) {
    if (line === '\r\n' || line === '\n') continue;
    const text = line.endsWith('\r\n') ? line : `${line.replace(/\n$/, '')}\r\n`;
    if ((line.startsWith(' ') || line.startsWith('\t')) && fields.length > 0) fields[fields.length - 1]!.text += text;
    else fields.push({ name: line.slice(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase(), text });
  }
  return fields;
}
