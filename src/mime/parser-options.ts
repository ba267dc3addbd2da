import type { MailParserOptions } from 'mailparser';

/**
 * The options every mailparser run of posthouse uses: no HTML generated from text, no links
 * rewritten (nothing here renders), no attachment checksums, HTML converted to text only up to
 * 2 MiB. Copy it before use: the parser keeps a reference.
 */
export const parserOptions: MailParserOptions = {
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
  maxHtmlLengthToParse: 2 * 1024 * 1024,
  checksumAlgo: false,
};
