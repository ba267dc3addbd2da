import type { ImapMessageSummary } from '../interfaces/message.js';
import { renderBodyStructures } from './imap-bodystructure.js';
import { renderEnvelope } from './imap-envelope.js';
import { entityField, parseMimeTree, type MimeEntity } from './imap-mime-tree.js';

/** At most this many References kept: threading needs the chain, not a hostile header's thousands. */
const MAX_REFERENCES = 100;

function messageIds(value: string | null): string[] {
  return value === null ? [] : (value.match(/<[^<>\s]+>/g) ?? []);
}

/**
 * Renders what IMAP serves of a message without re-reading it: ENVELOPE, BODYSTRUCTURE, BODY
 * (RFC 9051 §7.5.2), and the References and In-Reply-To Message-IDs THREAD needs (RFC 5256 §4).
 * Never throws. `root` is the message's tree when the caller has already parsed it.
 *
 * @example
 * imapSummaryOf(Buffer.from('Subject: hi\r\n\r\nbody\r\n')).bodyStructure;
 * // '("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 6 1 NIL NIL NIL NIL)'
 */
export function imapSummaryOf(raw: Buffer, root: MimeEntity = parseMimeTree(raw)): ImapMessageSummary {
  return {
    envelope: renderEnvelope(raw, root.fields),
    ...renderBodyStructures(raw, root),
    references: messageIds(entityField(raw, root, 'references')).slice(-MAX_REFERENCES),
    inReplyTo: messageIds(entityField(raw, root, 'in-reply-to'))[0] ?? null,
  };
}
