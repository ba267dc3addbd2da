/**
 * Undoes a Content-Transfer-Encoding (RFC 2045 §6): what FETCH BINARY returns (RFC 3516 §4.2) and
 * what SEARCH BODY and TEXT look through. Resolves null for an encoding it does not know, which
 * BINARY answers with `NO [UNKNOWN-CTE]`.
 *
 * @example
 * decodeTransferEncoding(Buffer.from('aGk='), 'base64'); // <Buffer 68 69>
 */
export function decodeTransferEncoding(bytes: Buffer, encoding: string | null): Buffer | null {
  switch ((encoding ?? '7bit').trim().toLowerCase()) {
    case '7bit':
    case '8bit':
    case 'binary':
    case '':
      return bytes;
    case 'base64':
      return Buffer.from(bytes.toString('latin1').replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
    case 'quoted-printable':
      return decodeQuotedPrintable(bytes);
    default:
      return null;
  }
}

/** RFC 2045 §6.7: `=XX` octets, soft line breaks removed, a broken escape kept as written. */
function decodeQuotedPrintable(bytes: Buffer): Buffer {
  const output = Buffer.allocUnsafe(bytes.length);
  let length = 0;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]!;
    if (byte !== 0x3d) {
      output[length++] = byte;
      continue;
    }
    const next = bytes.toString('latin1', index + 1, index + 3);
    if (/^[0-9A-Fa-f]{2}$/.test(next)) {
      output[length++] = parseInt(next, 16);
      index += 2;
    } else if (next.startsWith('\r\n')) index += 2;
    else if (next.startsWith('\n')) index += 1;
    else output[length++] = byte;
  }
  return output.subarray(0, length);
}
