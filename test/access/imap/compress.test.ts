import assert from 'node:assert/strict';
import { Duplex } from 'node:stream';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { constants as zlib, createDeflateRaw, createInflateRaw } from 'node:zlib';
import { ALICE, imapFixture, PASSWORD, ScriptedClient, type ImapFixture } from './helpers.js';

const MESSAGE = Buffer.from(`Subject: packed\r\n\r\n${'compressible line\r\n'.repeat(500)}`);

/** A client speaking through node's raw DEFLATE on both directions, as RFC 4978 asks once COMPRESS is OK. */
function compressedClient(raw: Duplex): { client: ScriptedClient; received: () => number } {
  const inflate = createInflateRaw();
  const deflate = createDeflateRaw({ flush: zlib.Z_SYNC_FLUSH });
  let received = 0;
  // The scripted client set latin1 decoding on `raw`; turn its strings back into the octets.
  raw.on('data', (chunk: string) => {
    received += chunk.length;
    inflate.write(Buffer.from(chunk, 'latin1'));
  });
  raw.on('end', () => inflate.end());
  deflate.pipe(raw);
  return { client: new ScriptedClient(Duplex.from({ readable: inflate, writable: deflate })), received: () => received };
}

describe('COMPRESS=DEFLATE (RFC 4978)', () => {
  let fixture: ImapFixture;
  beforeEach(async () => {
    fixture = await imapFixture();
    await fixture.store.append({ account: ALICE, mailbox: 'INBOX' }, MESSAGE);
  });
  afterEach(() => fixture.close());

  it('is advertised after login only, and not in the not-authenticated state', async () => {
    const { client, greeting } = await fixture.connect();
    assert.doesNotMatch(greeting, /COMPRESS/);
    assert.deepEqual(await client.command('COMPRESS DEFLATE', 'a'), ['a BAD COMPRESS is not valid in the not-authenticated state']);
    assert.match((await client.command(`LOGIN ${ALICE} ${PASSWORD}`)).at(-1)!, / COMPRESS=DEFLATE[ \]]/);
  });

  it('refuses other mechanisms with BAD', async () => {
    const client = await fixture.login();
    assert.deepEqual(await client.command('COMPRESS GZIP', 'a'), ['a BAD Unknown compression mechanism']);
    assert.deepEqual(await client.command('NOOP', 'b'), ['b OK NOOP completed']);
  });

  it('runs a session compressed both ways after the OK, and refuses a second COMPRESS', async () => {
    const plain = await fixture.login();
    assert.deepEqual(await plain.command('COMPRESS DEFLATE', 'a'), ['a OK DEFLATE active']);
    const { client, received } = compressedClient(plain.stream);
    assert.match((await client.command('SELECT INBOX', 'b')).at(-1)!, /^b OK \[READ-WRITE\]/);
    const before = received();
    const fetched = await client.command('FETCH 1 BODY.PEEK[]', 'c');
    assert.equal(fetched[0], `* 1 FETCH (BODY[] {${MESSAGE.length}}`);
    assert.equal(fetched.at(-1), 'c OK FETCH completed');
    // The 9.5 KB message crossed the wire deflated.
    assert.ok(received() - before < MESSAGE.length / 4, `${received() - before} octets on the wire`);
    assert.deepEqual(await client.command('COMPRESS DEFLATE', 'd'), ['d NO [COMPRESSIONACTIVE] DEFLATE is already active']);
    assert.deepEqual(await client.command('LOGOUT', 'e'), ['* BYE Logging out', 'e OK LOGOUT completed']);
    assert.equal(await client.closed(), true);
  });
});
