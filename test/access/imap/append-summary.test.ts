import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALICE, imapFixture, type ImapFixture } from './helpers.js';

describe('IMAP APPEND records the message summary', () => {
  let fixture: ImapFixture;
  before(async () => {
    fixture = await imapFixture();
  });
  after(() => fixture.close());

  it('stores subject, ENVELOPE and BODYSTRUCTURE with the appended message at once', async () => {
    const client = await fixture.login();
    const message = 'From: Bob <bob@example.test>\r\nSubject: appended\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhello\r\n';
    const reply = await client.command(`APPEND INBOX {${message.length}+}\r\n${message}`);
    assert.match(reply.at(-1)!, /OK \[APPENDUID \d+ 1\]/);
    const stored = await fixture.store.getMessage(ALICE, 'INBOX', 1);
    assert.equal(stored?.summary?.subject, 'appended');
    assert.match(stored?.summary?.imap?.envelope ?? '', /"appended"/);
    assert.match(stored?.summary?.imap?.bodyStructure ?? '', /^\("TEXT" "PLAIN"/i);
  });
});
