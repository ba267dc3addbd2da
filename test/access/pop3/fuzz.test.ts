import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { startPop3, type Pop3Fixture } from './fixture.js';
import { Pop3Client } from './pop3-client.js';

const KEYWORDS = ['USER', 'PASS', 'AUTH', 'AUTH PLAIN', 'STLS', 'CAPA', 'STAT', 'LIST', 'UIDL', 'RETR', 'TOP', 'DELE', 'RSET', 'NOOP', 'APOP', 'list', 'Retr'];

/** Command lines a hostile or broken client might send; QUIT is left out so the store must stay intact. */
const hostileLine = fc.oneof(
  fc.tuple(fc.constantFrom(...KEYWORDS), fc.array(fc.oneof(fc.nat().map(String), fc.constantFrom('-1', '0', '99999999999', '1e3', '=', '*', ''), fc.string({ maxLength: 12 })), { maxLength: 4 })).map(
    ([keyword, args]) => [keyword, ...args].join(' '),
  ),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc.constantFrom('', ' ', '\0', '.', 'x'.repeat(5000), '\u00e9\u00e9', '\r', 'NOOP\rNOOP'),
);

describe('pop3 session fuzzing', () => {
  let pop3: Pop3Fixture;
  before(async () => {
    pop3 = await startPop3({ limits: { maxLineLength: 512 } });
    await pop3.append('Subject: one\r\n\r\n.dot\r\n');
    await pop3.append('Subject: two\r\n\r\nbody\r\n');
  });
  after(() => pop3.close());

  it('random command lines, before and after login, never crash a session nor change the store', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(hostileLine, { maxLength: 25 }), async (loggedIn, lines) => {
        const client = loggedIn ? await pop3.login() : (await Pop3Client.connect(pop3.port)).client;
        const input = lines.map((line) => `${line.replace(/QUIT/gi, 'QUI')}\r\n`).join('');
        client.send(Buffer.from(input, 'latin1'));
        // The session is still there and in step: NOOP (valid after login) or CAPA gets answered last.
        client.send('\r\n*\r\nCAPA\r\n');
        const received: string[] = [];
        while (received[received.length - 1] !== 'IMPLEMENTATION posthouse') received.push(await client.line());
        client.close();
        await client.waitClosed();
      }),
      { numRuns: 40 },
    );
    const client = await retryLogin(pop3);
    assert.equal(await client.command('STAT'), '+OK 2 44');
    assert.equal(await client.command('QUIT'), '+OK Logging out.');
  });
});

async function retryLogin(pop3: Pop3Fixture): Promise<Pop3Client> {
  for (let tries = 0; ; tries += 1) {
    try {
      return await pop3.login();
    } catch (error) {
      if (tries > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
