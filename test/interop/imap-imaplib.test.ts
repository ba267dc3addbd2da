import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../src/testing/test-server.js';
import { requireTool, runTool } from '../helpers/external-tool.js';

const script = fileURLToPath(new URL('./imap_imaplib_client.py', import.meta.url));

describe('python3 imaplib against the IMAP server', () => {
  let mail: TestServer;
  before(async () => {
    mail = await startTestServer();
  });
  after(() => mail.close());

  it('appends, lists, selects, fetches every item kind, searches, stores flags, copies, moves and expunges', async () => {
    await requireTool('python3', 'python3');
    const { user, pass } = await mail.login('py@example.test');
    const run = await runTool('python3', [script, mail.imap.host, String(mail.imap.port), user, pass]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        'CAPABILITY True False',
        'APPEND OK 1',
        "LIST OK ['Archive', 'Drafts', 'INBOX', 'Junk', 'Sent', 'Trash']",
        'SELECT OK 1',
        'FETCH OK True True True True True True',
        'BODY[] True True',
        'SEARCH OK 1',
        'UID SEARCH OK 1',
        'STORE OK 1 (FLAGS (\\Flagged \\Seen))',
        'CREATE OK',
        'COPY OK True',
        'MOVE OK',
        'STATUS "Kept" (MESSAGES 2)',
        "EXPUNGE OK [b'1']",
        'CLOSE OK',
        'LOGOUT BYE',
        '',
      ].join('\n'),
    );
  });
});
