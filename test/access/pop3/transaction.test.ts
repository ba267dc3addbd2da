import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startPop3, type Pop3Fixture } from './fixture.js';
import { unstuff } from './pop3-client.js';

const FIRST = 'Subject: a\r\n\r\n.line\r\nbody\r\n';
const SECOND = 'Subject: b\r\nX: y\r\n\r\none\r\ntwo\r\nthree\r\n';

describe('pop3 TRANSACTION state', () => {
  let pop3: Pop3Fixture;
  let uids: number[];
  before(async () => {
    pop3 = await startPop3();
    uids = [await pop3.append(FIRST), await pop3.append(SECOND)];
  });
  after(() => pop3.close());

  it('answers STAT, LIST and UIDL with the sizes and ids as stored', async () => {
    const client = await pop3.login();
    const total = FIRST.length + SECOND.length;
    assert.equal(await client.command('STAT'), `+OK 2 ${total}`);
    assert.deepEqual(await client.multiline('LIST'), { status: '+OK 2 messages:', lines: [`1 ${FIRST.length}`, `2 ${SECOND.length}`] });
    assert.equal(await client.command('LIST 2'), `+OK 2 ${SECOND.length}`);
    const status = await pop3.store.mailboxStatus('alice@example.test', 'INBOX');
    assert.deepEqual(await client.multiline('UIDL'), { status: '+OK', lines: uids.map((uid, index) => `${index + 1} ${status!.uidValidity}.${uid}`) });
    assert.equal(await client.command('UIDL 1'), `+OK 1 ${status!.uidValidity}.${uids[0]}`);
    assert.equal(await client.command('QUIT'), '+OK Logging out.');
  });

  it('byte-stuffs RETR and says the size', async () => {
    const client = await pop3.login();
    assert.equal(await client.command('RETR 1'), `+OK ${FIRST.length} octets`);
    const body = await client.multilineBody();
    assert.equal(body.toString('latin1'), 'Subject: a\r\n\r\n..line\r\nbody\r\n.\r\n');
    assert.deepEqual(unstuff(body), Buffer.from(FIRST));
    await client.command('QUIT');
  });

  it('answers TOP with the header and the first lines of the body', async () => {
    const client = await pop3.login();
    assert.deepEqual(await client.multiline('TOP 2 0'), { status: '+OK', lines: ['Subject: b', 'X: y', ''] });
    assert.deepEqual(await client.multiline('TOP 2 2'), { status: '+OK', lines: ['Subject: b', 'X: y', '', 'one', 'two'] });
    assert.deepEqual(await client.multiline('TOP 2 99'), { status: '+OK', lines: ['Subject: b', 'X: y', '', 'one', 'two', 'three'] });
    assert.equal(await client.command('TOP 2'), '-ERR Not enough arguments.');
    assert.equal(await client.command('TOP 2 x'), '-ERR Invalid number of lines: x');
    await client.command('QUIT');
  });

  it('refuses bad message numbers precisely', async () => {
    const client = await pop3.login();
    assert.equal(await client.command('LIST 9'), "-ERR There's no message 9.");
    assert.equal(await client.command('LIST 0'), "-ERR There's no message 0.");
    assert.equal(await client.command('LIST x'), '-ERR Invalid message number: x');
    assert.equal(await client.command('RETR'), '-ERR Message number expected.');
    assert.equal(await client.command('RETR 1 2'), '-ERR Too many arguments.');
    assert.equal(await client.command('STAT 1'), '-ERR Too many arguments.');
    assert.equal(await client.command('USER x'), '-ERR USER is not valid in the TRANSACTION state.');
    assert.equal(await client.command('XYZZY'), '-ERR Unknown command.');
    await client.command('QUIT');
  });

  it('marks with DELE, hides marked messages, unmarks with RSET, and deletes nothing without QUIT', async () => {
    const client = await pop3.login();
    assert.equal(await client.command('DELE 1'), '+OK Marked to be deleted.');
    assert.equal(await client.command('DELE 1'), '-ERR Message is deleted.');
    assert.equal(await client.command('RETR 1'), '-ERR Message is deleted.');
    assert.equal(await client.command('STAT'), `+OK 1 ${SECOND.length}`);
    assert.deepEqual(await client.multiline('LIST'), { status: '+OK 1 messages:', lines: [`2 ${SECOND.length}`] });
    assert.equal(await client.command('RSET'), '+OK');
    assert.equal(await client.command('NOOP'), '+OK');
    assert.equal(await client.command('STAT'), `+OK 2 ${FIRST.length + SECOND.length}`);
    assert.equal(await client.command('DELE 2'), '+OK Marked to be deleted.');
    client.close();
    await client.waitClosed();
    const again = await retry(() => pop3.login());
    assert.equal(await again.command('STAT'), `+OK 2 ${FIRST.length + SECOND.length}`);
    await again.command('QUIT');
  });

  it('applies deletions at QUIT, in the UPDATE state, and closes', async () => {
    const client = await pop3.login();
    assert.equal(await client.command('DELE 1'), '+OK Marked to be deleted.');
    assert.equal(await client.command('QUIT'), '+OK Logging out, messages deleted.');
    await client.waitClosed();
    assert.deepEqual((await pop3.store.listMessages('alice@example.test', 'INBOX')).map((message) => message.uid), [uids[1]]);
    const again = await pop3.login();
    assert.equal(await again.command('STAT'), `+OK 1 ${SECOND.length}`);
    assert.equal(await again.command('LIST 1'), `+OK 1 ${SECOND.length}`);
    await again.command('QUIT');
  });
});

/** The lock of a session the client just dropped goes once the server saw the close. */
async function retry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 0; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (tries > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
