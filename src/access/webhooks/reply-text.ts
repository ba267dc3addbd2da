/** "On Tue, 3 Mar 2026, Bob <bob@example.com> wrote:" and the like in a few languages, possibly wrapped over two lines. */
const ATTRIBUTION = /^(on\b.*|le\b.*|am\b.*|el\b.*|op\b.*)\b(wrote|a écrit|schrieb|escribió|schreef)\s*:\s*$/i;
const ATTRIBUTION_START = /^(on|le|am|el|op)\s/i;
/** Outlook's and forwarding clients' separators. */
const SEPARATOR = /^(-{2,}\s*(original message|ursprüngliche nachricht|message d'origine)\s*-{2,}|_{10,})\s*$/i;
const OUTLOOK_HEADER = /^from:\s.+$/i;

/**
 * The new text of a reply without the quoted history: everything before the first quoted
 * block (`>` lines), "On … wrote:" attribution, or "-----Original Message-----" separator, with
 * trailing blank lines trimmed. Quoted lines interleaved with answers (inline replies) keep the
 * answers above the first quote only, which is the conservative choice: the full text is in
 * `text`. A signature delimiter (`-- `) ends the reply too (RFC 3676 §4.3).
 *
 * @example
 * extractReplyText('Sounds good.\n\nOn Mon, Bob wrote:\n> Lunch?'); // 'Sounds good.'
 */
export function extractReplyText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    const trimmed = line.trim();
    if (line === '-- ' || line === '--') {
      end = index;
      break;
    }
    if (trimmed.startsWith('>') || SEPARATOR.test(trimmed)) {
      end = index;
      break;
    }
    if (ATTRIBUTION.test(trimmed)) {
      end = index;
      break;
    }
    const joined = `${trimmed} ${lines[index + 1]?.trim() ?? ''}`;
    if (ATTRIBUTION_START.test(trimmed) && ATTRIBUTION.test(joined)) {
      end = index;
      break;
    }
    if (OUTLOOK_HEADER.test(trimmed) && index > 0 && lines[index - 1]!.trim() === '' && /^(sent|date):\s/i.test(lines[index + 1]?.trim() ?? '')) {
      end = index;
      break;
    }
  }
  return lines.slice(0, end).join('\n').trim();
}
