/** The HTML examined for a snippet: enough for 200 characters of text behind any sane head. */
const HTML_PREFIX = 256 * 1024;

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntity(entity: string, body: string): string {
  if (body.startsWith('#')) {
    const codePoint = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return Number.isInteger(codePoint) && codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff)
      ? String.fromCodePoint(codePoint)
      : entity;
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
}

/** Elements whose content is not text a reader sees. */
const HIDDEN_ELEMENTS = new Set(['head', 'script', 'style', 'title']);

/** Where the element opened by the tag ending at `tagEnd` closes, or the end of `html`. */
function skipHidden(html: string, name: string, tagEnd: number): number {
  const closing = new RegExp(`</${name}`, 'gi');
  closing.lastIndex = tagEnd;
  const found = closing.exec(html);
  if (found === null) return html.length;
  const gt = html.indexOf('>', found.index);
  return gt < 0 ? html.length : gt + 1;
}

/**
 * Rough text of an HTML body, for snippets only: head, scripts, styles and comments dropped, tags
 * turned into spaces, common entities decoded. One forward pass (every search starts where the
 * last one ended) over a bounded prefix of the HTML, so hostile markup costs no more than plain.
 *
 * @example
 * htmlSnippetText('<p>caf&#233; &amp; <b>tea</b></p>'); // ' café &  tea  '
 */
export function htmlSnippetText(input: string): string {
  const html = input.slice(0, HTML_PREFIX);
  const pieces: string[] = [];
  let position = 0;
  while (position < html.length) {
    const lt = html.indexOf('<', position);
    if (lt < 0) {
      pieces.push(html.slice(position));
      break;
    }
    pieces.push(html.slice(position, lt), ' ');
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      position = end < 0 ? html.length : end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt);
    if (gt < 0) break;
    const name = /^<([a-zA-Z]+)/.exec(html.slice(lt, lt + 10))?.[1]?.toLowerCase();
    position = name !== undefined && HIDDEN_ELEMENTS.has(name) ? skipHidden(html, name, gt + 1) : gt + 1;
  }
  return pieces.join('').replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, decodeEntity);
}
