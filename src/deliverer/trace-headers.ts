/**
 * The Return-Path header the final delivery adds (RFC 5321 §4.4): the reverse-path, or `<>`
 * for the null sender.
 */
export function returnPathHeader(mailFrom: string): Buffer {
  return Buffer.from(`Return-Path: <${mailFrom}>\r\n`, 'utf8');
}
