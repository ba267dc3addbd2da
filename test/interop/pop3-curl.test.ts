import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { requireTool, runTool } from '../helpers/external-tool.js';
import { ALICE, startPop3, type Pop3Fixture } from '../access/pop3/fixture.js';

const FIRST = 'Subject: first\r\n\r\n.leading dot\r\n..two dots\r\nend\r\n';
const SECOND = 'Subject: second\r\n\r\nbody\r\n';

describe('curl pop3:// against the POP3 server', () => {
  let pop3: Pop3Fixture;
  before(async () => {
    pop3 = await startPop3();
    await pop3.append(FIRST);
    await pop3.append(SECOND);
  });
  after(() => pop3?.close());

  async function curl(path: string, extra: string[] = []): Promise<string> {
    await requireTool('curl', 'curl');
    const run = await runTool('curl', ['--silent', '--show-error', '--user', `${ALICE.address}:${ALICE.password}`, ...extra, `pop3://127.0.0.1:${pop3.port}${path}`]);
    assert.equal(run.code, 0, run.stderr);
    return run.stdout;
  }

  it('lists the maildrop (LIST) after AUTH PLAIN', async () => {
    assert.equal(await curl('/'), `1 ${FIRST.length}\r\n2 ${SECOND.length}\r\n`);
  });

  it('retrieves a message (RETR) byte for byte, unstuffed by curl', async () => {
    assert.equal(await curl('/1'), FIRST);
    assert.equal(await curl('/2'), SECOND);
  });

  it('runs UIDL as a custom request', async () => {
    const status = await pop3.store.mailboxStatus(ALICE.address, 'INBOX');
    const listing = await curl('/', ['--request', 'UIDL']);
    assert.match(listing, new RegExp(`^1 ${status!.uidValidity}\\.\\d+\\r\\n2 ${status!.uidValidity}\\.\\d+\\r\\n$`));
  });
});
