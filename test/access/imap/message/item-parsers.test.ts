import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ImapError } from '../../../../src/access/imap/imap-error.js';
import { DEFAULT_IMAP_LIMITS } from '../../../../src/access/imap/limits.js';
import { decodeTransferEncoding } from '../../../../src/mime/transfer-encoding.js';
import { itemsNeedBytes, itemsSetSeen, parseFetchItems } from '../../../../src/access/imap/message/fetch-items.js';
import { parseSearchCriteria } from '../../../../src/access/imap/message/search-criteria.js';
import type { ImapToken, SelectedMailboxView } from '../../../../src/access/imap/types.js';
import { parseCommand } from '../../../../src/access/imap/wire/command-parser.js';

/** The argument tokens of `line`, as the wire parser reads them. */
const tokens = (line: string): ImapToken[] => parseCommand({ lines: [Buffer.from(`a NOOP ${line}`)], literals: [] }, DEFAULT_IMAP_LIMITS).args;

const view: SelectedMailboxView = {
  account: 'a@x.test',
  name: 'INBOX',
  readOnly: false,
  uidValidity: 1,
  uids: [3, 5, 9],
  condstore: false,
  firstUnseenUid: null,
  sequenceNumber: (uid) => [3, 5, 9].indexOf(uid) + 1 || null,
};
const search = (line: string) => parseSearchCriteria(tokens(line), view);
const badRequest = (run: () => unknown) => assert.throws(run, (error: unknown) => error instanceof ImapError && error.status === 'BAD');

describe('SEARCH criteria parser (RFC 9051 §6.4.4)', () => {
  it('reads one key alone and several as AND', () => {
    assert.deepEqual(search('SEEN'), { type: 'flag', flag: '\\Seen', present: true });
    assert.deepEqual(search('UNSEEN LARGER 100'), { type: 'and', keys: [{ type: 'flag', flag: '\\Seen', present: false }, { type: 'size', larger: true, size: 100 }] });
  });

  it('reads OR, NOT and parenthesised groups', () => {
    assert.deepEqual(search('OR DELETED NOT FLAGGED'), {
      type: 'or',
      left: { type: 'flag', flag: '\\Deleted', present: true },
      right: { type: 'not', key: { type: 'flag', flag: '\\Flagged', present: true } },
    });
    assert.deepEqual(search('(SUBJECT "lunch" FROM bob)'), { type: 'and', keys: [{ type: 'header', field: 'subject', value: 'lunch' }, { type: 'header', field: 'from', value: 'bob' }] });
  });

  it('maps sequence sets to UIDs of the view and reads UID sets as they are', () => {
    assert.deepEqual(search('2:*'), { type: 'uids', ranges: [{ start: 5, end: 9 }] });
    assert.equal(search('UID 4:7').type, 'uids');
  });

  it('reads dates, HEADER, KEYWORD and MODSEQ', () => {
    assert.deepEqual(search('SENTSINCE 1-Feb-2024'), { type: 'date', sent: true, comparison: 'since', day: new Date(Date.UTC(2024, 1, 1)) });
    assert.deepEqual(search('HEADER X-Tag yes'), { type: 'header', field: 'x-tag', value: 'yes' });
    assert.deepEqual(search('KEYWORD $Work'), { type: 'flag', flag: '$Work', present: true });
    assert.deepEqual(search('MODSEQ 42'), { type: 'modseq', modseq: 42 });
  });

  it('refuses unknown keys, missing arguments and bad dates with BAD', () => {
    badRequest(() => search('FROBNICATE'));
    badRequest(() => search('SUBJECT'));
    badRequest(() => search('OR SEEN'));
    badRequest(() => search('BEFORE 31-Foo-2024'));
    badRequest(() => search('LARGER big'));
  });
});

describe('FETCH item parser (RFC 9051 §6.4.5)', () => {
  const items = (line: string) => parseFetchItems(tokens(line)[0]!);

  it('expands the macros', () => {
    assert.deepEqual(items('FAST').map((item) => item.kind === 'simple' && item.name), ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE']);
    assert.equal(items('ALL').length, 4);
    assert.equal(items('FULL').length, 5);
  });

  it('reads sections, PEEK and partials, and knows which items set \\Seen or need the bytes', () => {
    const [peek, body] = items('(BODY.PEEK[HEADER.FIELDS (SUBJECT)] BODY[1.TEXT]<0.100>)');
    assert.equal(peek?.kind === 'section' && peek.peek, true);
    assert.deepEqual(body?.kind === 'section' && body.partial, { offset: 0, length: 100 });
    assert.equal(itemsSetSeen(items('(BODY.PEEK[] UID)')), false);
    assert.equal(itemsSetSeen(items('RFC822.TEXT')), true);
    assert.equal(itemsNeedBytes(items('(FLAGS UID RFC822.SIZE)')), false);
    assert.equal(itemsNeedBytes(items('BODY[]')), true);
    assert.deepEqual(items('BINARY.SIZE[1]')[0]?.kind, 'binary-size');
  });

  it('refuses unknown items, BINARY of a TEXT section and empty lists with BAD', () => {
    badRequest(() => items('BOGUS'));
    badRequest(() => items('BINARY[1.TEXT]'));
    badRequest(() => items('()'));
    badRequest(() => items('BODY[]<0.0>'));
  });
});

describe('Content-Transfer-Encoding decoding (RFC 2045 §6)', () => {
  it('passes identity encodings through, whatever their case', () => {
    assert.deepEqual(decodeTransferEncoding(Buffer.from('a\r\nb'), '8BIT'), Buffer.from('a\r\nb'));
    assert.deepEqual(decodeTransferEncoding(Buffer.from('x'), null), Buffer.from('x'));
  });

  it('decodes base64 across line breaks and ignores stray characters', () => {
    assert.deepEqual(decodeTransferEncoding(Buffer.from('aGVs\r\nbG8A\r\n'), 'base64'), Buffer.from('hello\0'));
  });

  it('decodes quoted-printable escapes and soft breaks, keeping a broken escape', () => {
    assert.deepEqual(decodeTransferEncoding(Buffer.from('caf=C3=A9 =\r\nsuite =ZZ end=\n!'), 'quoted-printable'), Buffer.from('café suite =ZZ end!'));
  });

  it('answers null for an encoding it does not know (BINARY answers [UNKNOWN-CTE])', () => {
    assert.equal(decodeTransferEncoding(Buffer.from('x'), 'x-uuencode'), null);
  });
});
