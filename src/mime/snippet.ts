/** The longest snippet, in characters (code points). */
export const SNIPPET_LENGTH = 200;

/**
 * Folds every run of white space to one space and keeps the first {@link SNIPPET_LENGTH}
 * characters, never splitting a surrogate pair. Only a bounded prefix is examined, so a huge body
 * costs no more than a small one.
 *
 * @example
 * makeSnippet('Hello\r\n\r\n   world'); // 'Hello world'
 */
export function makeSnippet(text: string): string {
  // Folding shrinks text, so a prefix a few times the snippet's length always suffices unless it is
  // mostly white space; 64 KiB bounds even that case.
  const folded = text.slice(0, 64 * 1024).replace(/\s+/gu, ' ').trim();
  const characters = Array.from(folded.slice(0, SNIPPET_LENGTH * 2));
  return characters.slice(0, SNIPPET_LENGTH).join('').trimEnd();
}
