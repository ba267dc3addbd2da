/** Longest `:regex` pattern accepted. */
const MAX_PATTERN_LENGTH = 1024;

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\r\\n\\v\\f',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
};

/**
 * Why a POSIX extended regular expression (the regex draft, draft-ietf-sieve-regex-01 §3) is
 * refused, or null when it is safe to run. The guard against catastrophic backtracking: a
 * quantified group may not itself hold a quantifier or an alternation (`(a+)+`, `(a|aa)*`),
 * back-references are refused, and patterns are at most 1024 characters. Inputs are cut to
 * `SieveLimits.maxRegexInput` characters before matching.
 */
export function regexProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `regular expression is longer than ${MAX_PATTERN_LENGTH} characters`;
  if (/\\[1-9]/.test(pattern)) return 'back-references are not supported in :regex';
  const stack: Array<{ risky: boolean }> = [];
  let lastGroupRisky = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '\\') {
      index++;
      lastGroupRisky = false;
    } else if (char === '[') {
      const close = pattern.indexOf(']', index + (pattern[index + 1] === ']' ? 2 : pattern[index + 1] === '^' && pattern[index + 2] === ']' ? 3 : 1));
      if (close < 0) return 'unbalanced [ in regular expression';
      index = close;
      lastGroupRisky = false;
    } else if (char === '(') {
      stack.push({ risky: false });
    } else if (char === ')') {
      const group = stack.pop();
      if (group === undefined) return 'unbalanced ) in regular expression';
      lastGroupRisky = group.risky;
      if (group.risky && stack.length > 0) stack[stack.length - 1]!.risky = true;
      continue;
    } else if (char === '*' || char === '+' || char === '?' || char === '{' || char === '|') {
      const repeats = char === '*' || char === '+' || (char === '{' && !/^\{\s*[01]?\s*\}/.test(pattern.slice(index)));
      if (repeats && lastGroupRisky) return 'nested quantifiers (a repeated group that itself repeats or alternates) are refused: they can backtrack catastrophically';
      if (stack.length > 0) stack[stack.length - 1]!.risky = true;
      if (char === '{') index = Math.max(index, pattern.indexOf('}', index));
    } else {
      lastGroupRisky = false;
    }
    if (char !== ')') lastGroupRisky = char === '*' || char === '+' || char === '?' || char === '{' || char === '|' ? false : lastGroupRisky;
  }
  if (stack.length > 0) return 'unbalanced ( in regular expression';
  return null;
}

/** Translates a POSIX extended regular expression to a JavaScript one; null when it does not compile. */
export function compileRegex(pattern: string, caseInsensitive: boolean): RegExp | null {
  const translated = pattern.replace(/\[:([a-z]+):\]/g, (whole, name: string) => POSIX_CLASSES[name] ?? whole);
  try {
    return new RegExp(translated, caseInsensitive ? 'is' : 's');
  } catch {
    return null;
  }
}
