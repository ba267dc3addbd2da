import type { Comparator } from './comparators.js';

/** RFC 5231 §4 relational operators. */
export const RELATIONS = ['gt', 'ge', 'lt', 'le', 'eq', 'ne'] as const;
export type Relation = (typeof RELATIONS)[number];

/** Whether `order` (negative, zero, positive) satisfies `relation`. */
export function relationHolds(relation: Relation, order: number): boolean {
  switch (relation) {
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
    case 'eq':
      return order === 0;
    case 'ne':
      return order !== 0;
  }
}

/**
 * `:matches` (RFC 5228 §2.7.1): `*` any run, `?` one character, `\` escapes the next one.
 * Returns the texts matched by each wildcard (for RFC 5229 match variables) or null.
 * Iterative with backtracking to the last `*` only, so it is linear-ish and never recursive.
 */
export function globMatch(value: string, pattern: string, comparator: Comparator): string[] | null {
  const tokens: Array<{ kind: 'star' | 'one' | 'char'; char: string }> = [];
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '\\' && index + 1 < pattern.length) tokens.push({ kind: 'char', char: pattern[++index]! });
    else if (char === '*') tokens.push({ kind: 'star', char });
    else if (char === '?') tokens.push({ kind: 'one', char });
    else tokens.push({ kind: 'char', char });
  }
  const chars = Array.from(value);
  const same = (left: string, right: string): boolean => comparator.fold(left) === comparator.fold(right);
  // Greedy-from-the-left with the classic star backtrack; captures are rebuilt at the end.
  const starts: number[] = new Array(tokens.length).fill(-1);
  const ends: number[] = new Array(tokens.length).fill(-1);
  let token = 0;
  let position = 0;
  let lastStar = -1;
  let lastStarPosition = 0;
  while (position < chars.length || token < tokens.length) {
    const current = tokens[token];
    if (current !== undefined && current.kind === 'star') {
      lastStar = token;
      lastStarPosition = position;
      starts[token] = position;
      ends[token] = position;
      token++;
      continue;
    }
    if (current !== undefined && position < chars.length && (current.kind === 'one' || same(current.char, chars[position]!))) {
      starts[token] = position;
      ends[token] = position + 1;
      token++;
      position++;
      continue;
    }
    if (lastStar < 0 || lastStarPosition >= chars.length) return null;
    lastStarPosition++;
    ends[lastStar] = lastStarPosition;
    token = lastStar + 1;
    position = lastStarPosition;
  }
  const groups: string[] = [];
  tokens.forEach((entry, index) => {
    if (entry.kind !== 'char') groups.push(chars.slice(starts[index]!, ends[index]!).join(''));
  });
  return groups;
}
