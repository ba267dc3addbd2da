import { htmlText } from '../../../mime/body-text.js';
import { matchValues } from '../../engine/matching.js';
import type { RunContext } from '../../engine/run-context.js';
import type { CompiledTest } from '../../model.js';
import { MATCH_TAGS, stringsArgument, type ExtensionSpec } from '../spec.js';

/** Whether a part's type is one of the `:content` types (RFC 5173 §5.2: `type` or `type/subtype`, `""` all). */
function typeMatches(contentType: string, wanted: readonly string[]): boolean {
  return wanted.some((entry) => {
    const lower = entry.toLowerCase();
    return lower === '' || lower === contentType || (!lower.includes('/') && contentType.startsWith(`${lower}/`));
  });
}

/** The texts the body test compares, after its transform (RFC 5173 §5). */
function bodyTexts(test: CompiledTest, context: RunContext): string[] {
  if (test.tags[':raw'] !== undefined) return [context.message.rawBody()];
  const parts = context.message.bodyParts();
  const content = test.tags[':content'];
  if (content !== undefined) {
    const wanted = stringsArgument(content).map((entry) => context.expand(entry));
    return parts.filter((part) => typeMatches(part.contentType, wanted)).map((part) => part.text);
  }
  // :text (the default): the text parts as a reader sees them, HTML without its markup.
  return parts.filter((part) => part.contentType.startsWith('text/')).map((part) => (part.contentType === 'text/html' ? htmlText(part.text) : part.text));
}

/** `body` (RFC 5173): the message body after MIME decoding, charsets converted. */
export const bodyExtension: ExtensionSpec = {
  capabilities: ['body'],
  commands: [],
  tests: [
    {
      kind: 'test',
      name: 'body',
      capability: 'body',
      tags: { ...MATCH_TAGS, ':raw': { group: 'transform' }, ':text': { group: 'transform' }, ':content': { group: 'transform', takes: 'strings' } },
      positional: ['strings'],
      evaluate: (test, context) => matchValues(context, test, 'body', bodyTexts(test, context), stringsArgument(test.args[0])),
    },
  ],
};
