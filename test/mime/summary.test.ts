import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bufferSource } from '../../src/core/message-source.js';
import { summarize } from '../../src/mime/index.js';
import { headerOnlySummary, headerSummaryOf } from '../../src/mime/header-summary.js';
import { parseMimeTree } from '../../src/mime/imap-mime-tree.js';
import { readCorpus } from '../helpers/corpus.js';

const summaryOf = (text: string, encoding: BufferEncoding = 'utf8') => summarize(bufferSource(Buffer.from(text, encoding)));

describe('summarize', () => {
  it('reads subject, addresses, date and Message-ID', async () => {
    const summary = await summaryOf(
      'From: "Alice A." <alice@example.com>\r\nTo: bob@example.com, Team: c@example.com, d@example.com;\r\nCc: e@example.com\r\n' +
        'Subject: Hello\r\nDate: Tue, 2 Jan 2024 10:00:00 +0100\r\nMessage-ID: <id-1@example.com>\r\n\r\nBody text\r\n',
    );
    assert.equal(summary.subject, 'Hello');
    assert.deepEqual(summary.from, [{ name: 'Alice A.', address: 'alice@example.com' }]);
    assert.deepEqual(summary.to.map((entry) => entry.address), ['bob@example.com', 'c@example.com', 'd@example.com']);
    assert.deepEqual(summary.cc, [{ name: '', address: 'e@example.com' }]);
    assert.equal(summary.date?.toISOString(), '2024-01-02T09:00:00.000Z');
    assert.equal(summary.messageId, '<id-1@example.com>');
    assert.equal(summary.snippet, 'Body text');
    assert.equal(summary.hasAttachments, false);
  });
  it('decodes RFC 2047 encoded words in subject and names', async () => {
    const summary = await summaryOf('From: =?iso-8859-1?Q?Andr=E9?= <andre@example.com>\r\nSubject: =?utf-8?B?Y2Fmw6k=?= =?utf-8?Q?_noir?=\r\n\r\nx');
    assert.equal(summary.subject, 'café noir');
    assert.equal(summary.from[0]?.name, 'André');
  });
  it('decodes body charsets', async () => {
    const koi8 = Buffer.concat([Buffer.from('Content-Type: text/plain; charset=koi8-r\r\n\r\n'), Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4])]);
    assert.equal((await summarize(bufferSource(koi8))).snippet, 'Привет');
    const latin1 = await summaryOf('Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nd=E9j=E0 vu', 'latin1');
    assert.equal(latin1.snippet, 'déjà vu');
  });
  it('folds white space and cuts the snippet at 200 characters without splitting a pair', async () => {
    const summary = await summaryOf(`Subject: s\r\n\r\n  line one\r\n\r\n\tline   two ${'😀'.repeat(300)}`);
    assert.ok(summary.snippet.startsWith('line one line two 😀'));
    assert.equal(Array.from(summary.snippet).length, 200);
    assert.ok(!/[\uD800-\uDBFF]$/.test(summary.snippet));
  });
  it('makes the snippet from HTML when there is no text part', async () => {
    const html = 'Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n' +
      '<html><head><style>p{color:red}</style></head><body><p>Hello&nbsp;<b>world</b> &amp; all</p><script>x()</script></body></html>\r\n--b--\r\n';
    assert.equal((await summaryOf(html)).snippet, 'Hello world & all');
    assert.equal((await summaryOf('Content-Type: text/html\r\n\r\n<p>Just <i>HTML</i></p>')).snippet, 'Just HTML');
  });
  it('prefers the text part of multipart/alternative', async () => {
    const message = 'Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nplain version\r\n' +
      '--b\r\nContent-Type: text/html\r\n\r\n<p>html version</p>\r\n--b--\r\n';
    assert.equal((await summaryOf(message)).snippet, 'plain version');
  });
  it('sees attachments, but not inline images the HTML refers to', async () => {
    const withAttachment = 'Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee file\r\n' +
      '--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="a.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n--b--\r\n';
    const attached = await summaryOf(withAttachment);
    assert.equal(attached.hasAttachments, true);
    assert.equal(attached.snippet, 'see file');
    const related = 'Content-Type: multipart/related; boundary=r\r\n\r\n--r\r\nContent-Type: text/html\r\n\r\n<img src="cid:logo@x">hi\r\n' +
      '--r\r\nContent-Type: image/png\r\nContent-ID: <logo@x>\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--r--\r\n';
    assert.equal((await summaryOf(related)).hasAttachments, false);
  });
  it('gives null for a missing or unparseable date and Message-ID', async () => {
    const summary = await summaryOf('Date: not a date\r\nSubject: x\r\n\r\n');
    assert.equal(summary.date, null);
    assert.equal(summary.messageId, null);
  });
  it("renders IMAP's ENVELOPE and BODYSTRUCTURE unless told not to, and the rest is the same either way", async () => {
    const text = 'From: a@example.com\r\nSubject: both\r\nIn-Reply-To: <p@x>\r\n\r\nhello\r\n';
    const full = await summaryOf(text);
    assert.match(full.imap?.envelope ?? '', /"both"/);
    assert.equal(full.imap?.inReplyTo, '<p@x>');
    const withoutImap = await summarize(bufferSource(text), { imap: false });
    assert.equal('imap' in withoutImap, false);
    const { imap: _imap, ...rest } = full;
    assert.deepEqual(withoutImap, rest);
  });
  it('summarises a message with no header and no body as empty', async () => {
    const summary = await summaryOf('');
    assert.deepEqual(summary, { subject: '', from: [], to: [], cc: [], date: null, messageId: null, snippet: '', hasAttachments: false });
  });
});

describe('headerSummaryOf', () => {
  it('reads the same fields from a MIME tree as headerOnlySummary reads from the bytes, for every corpus message', async () => {
    const corpus = await readCorpus();
    assert.ok(corpus.length > 100);
    for (const { name, bytes } of corpus) {
      assert.deepEqual(headerSummaryOf(bytes, parseMimeTree(bytes).fields), headerOnlySummary(bytes), name);
    }
  });

  it('reads folded, repeated and encoded fields alike', () => {
    const raw = Buffer.from(
      'Subject: =?utf-8?Q?caf=C3=A9?=\r\n\tand more\r\nTo: a@example.com\r\nX: y\r\nTo: "B" <b@example.com>,\r\n c@example.com\r\n' +
        'Message-ID: x@y\r\nDate: garbage\r\n\r\nbody',
    );
    const summary = headerSummaryOf(raw, parseMimeTree(raw).fields);
    assert.deepEqual(summary, headerOnlySummary(raw));
    assert.equal(summary.subject, 'café and more');
    assert.deepEqual(summary.to.map((entry) => entry.address), ['a@example.com', 'b@example.com', 'c@example.com']);
    assert.equal(summary.messageId, '<x@y>');
  });
});
