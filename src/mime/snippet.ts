/** The longest snippet, in characters (code points). */
export const SNIPPET_LENGTH = 200;

/** The prefix folded first; most texts need no more. */
const FIRST_PREFIX = 1024;
/** Never more than this is examined, however blank the text. */
const MAX_EXAMINED = 64 * 1024;

/**
 * Folds every run of white space to one space and keeps the first {@link SNIPPET_LENGTH}
 * characters, never splitting a surrogate pair. Only a bounded prefix is examined, so a huge body
 * costs no more than a small one.
 *
 * @example
 * makeSnippet('Hello\r\n\r\n   world'); // 'Hello world'
 */
export function makeSnippet(text: string): string {
  // Folding a prefix gives a prefix of the folded whole, so a prefix whose folding is longer than
  // the part kept is enough; it grows only for mostly blank text. Folding all of a long body every
  // time was a tenth of the summary's cost.
  const examined = Math.min(text.length, MAX_EXAMINED);
  for (let length = Math.min(examined, FIRST_PREFIX); ; length = Math.min(examined, length * 4)) {
    const folded = text.slice(0, length).replace(/\s+/gu, ' ').trim();
    if (length === examined || folded.length > SNIPPET_LENGTH * 2 + 1) {
      return Array.from(folded.slice(0, SNIPPET_LENGTH * 2)).slice(0, SNIPPET_LENGTH).join('').trimEnd();
    }
  }
}
