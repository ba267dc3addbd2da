/**
 * Decodes `${hex:…}` and `${unicode:…}` in a string (RFC 5228 §2.4.2.4, encoded-character).
 * A malformed sequence is left as written, as the RFC requires.
 */
export function decodeEncodedCharacters(text: string): string {
  if (!text.includes('${')) return text;
  return text
    .replace(/\$\{hex:\s*((?:[0-9A-Fa-f]{1,2}\s*)*)\}/gi, (whole, hex: string) => {
      const bytes = hex.trim() === '' ? [] : hex.trim().split(/\s+/).map((pair) => parseInt(pair, 16));
      return Buffer.from(bytes).toString('utf8');
    })
    .replace(/\$\{unicode:\s*((?:[0-9A-Fa-f]{1,6}\s*)*)\}/gi, (whole, hex: string) => {
      const points = hex.trim() === '' ? [] : hex.trim().split(/\s+/).map((point) => parseInt(point, 16));
      if (points.some((point) => point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff))) return whole;
      return String.fromCodePoint(...points);
    });
}
