import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../src/testing/test-server.js';
import { requireTool, runTool } from '../helpers/external-tool.js';

const FIRST = 'From: amy@example.test\r\nSubject: hello curl\r\n\r\nfirst body\r\n';
const SECOND = 'From: bob@example.test\r\nSubject: other\r\n\r\nsecond body\r\n';

describe('curl imap:// against the IMAP server', () => {
  let mail: TestServer;
  let credentials: { user: string; pass: string };
  before(async () => {
    mail = await startTestServer();
    credentials = await mail.login('curl@example.test');
    for (const message of [FIRST, SECOND]) await mail.server.store.append({ account: credentials.user, mailbox: 'INBOX' }, Buffer.from(message));
  });
  after(() => mail.close());

  async function curl(path: string, extra: string[] = []): Promise<string> {
    await requireTool('curl', 'curl');
    const run = await runTool('curl', ['--silent', '--show-error', '--user', `${credentials.user}:${credentials.pass}`, ...extra, `imap://${mail.imap.host}:${mail.imap.port}${path}`]);
    assert.equal(run.code, 0, run.stderr);
    return run.stdout;
  }

  it('lists the mailboxes', async () => {
    const listing = await curl('/');
    for (const name of ['INBOX', 'Sent', 'Trash']) assert.match(listing, new RegExp(`^\\* LIST \\([^)]*\\) "/" "?${name}"?\\r$`, 'm'));
  });

  it('fetches a message by UID byte for byte', async () => {
    assert.equal(await curl('/INBOX;UID=1'), FIRST);
    assert.equal(await curl('/INBOX;UID=2'), SECOND);
  });

  it('fetches one section of a message', async () => {
    assert.equal(await curl('/INBOX;UID=2;SECTION=TEXT'), 'second body\r\n');
  });

  it('searches the mailbox', async () => {
    assert.equal(await curl('/INBOX?SUBJECT%20curl'), '* SEARCH 1\r\n');
    assert.equal(await curl('/INBOX?ALL'), '* SEARCH 1 2\r\n');
  });

  it('runs STORE as a custom request after selecting the mailbox, answered once (the fetches before set \\Seen)', async () => {
    assert.match(await curl('/INBOX', ['--request', 'STORE 2 +FLAGS (\\Flagged)']), /^\* 2 FETCH \(FLAGS \(\\Seen \\Flagged\)\)\r\n$/);
    assert.deepEqual((await mail.server.store.getMessage(credentials.user, 'INBOX', 2))?.flags, ['\\Seen', '\\Flagged']);
  });
});
