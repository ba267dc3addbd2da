import assert from 'node:assert/strict';
import { connect as connectTcp, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import { ImapServer } from '../../../src/access/imap/server/imap-server.js';
import { createDirectory } from '../../../src/directory/index.js';
import type { Store } from '../../../src/interfaces/store.js';
import { generateDevCertificate } from '../../../src/receiver/dev-tls.js';
import { memoryStore } from '../../../src/store/index.js';
import { ALICE, PASSWORD, ScriptedClient } from './helpers.js';

/** Opens a plain socket; resolves once connected. */
function tcp(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Starts TLS over `socket` (STARTTLS) or a fresh connection (implicit TLS); the dev certificate is self-signed. */
function tls(options: { port?: number; socket?: Socket }): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const secure = connectTls({ host: '127.0.0.1', servername: 'imap.test', rejectUnauthorized: false, ...options }, () => resolve(secure));
    secure.once('error', reject);
  });
}

describe('IMAP listeners: STARTTLS, implicit TLS and connection limits over sockets', () => {
  let store: Store;
  let server: ImapServer;
  let plainPort: number;
  let tlsPort: number;
  const clients: ScriptedClient[] = [];
  const track = (client: ScriptedClient): ScriptedClient => (clients.push(client), client);

  before(async () => {
    store = memoryStore();
    await store.open();
    const directory = createDirectory({ records: store.records, store });
    await directory.addAccount(ALICE, { password: PASSWORD, createDomain: true });
    await directory.addAccount('bob@example.test', { password: PASSWORD });
    const credentials = await generateDevCertificate('imap.test');
    server = new ImapServer({
      store,
      directory,
      hostname: 'imap.test',
      imap: { port: 0 },
      imaps: { port: 0 },
      tls: credentials,
      sleep: async () => {},
      limits: { maxConnectionsPerIp: 4, maxConnectionsPerAccount: 2 },
    });
    const addresses = await server.listen();
    plainPort = addresses.imap!.port;
    tlsPort = addresses.imaps!.port;
  });
  after(async () => {
    for (const client of clients) client.stream.destroy();
    await server.close();
    await store.close();
  });

  it('offers STARTTLS with LOGINDISABLED and no AUTH=PLAIN before it, then LOGIN works after the upgrade', async () => {
    const socket = await tcp(plainPort);
    const plain = new ScriptedClient(socket);
    const greeting = await plain.line();
    assert.match(greeting, /STARTTLS/);
    assert.match(greeting, /LOGINDISABLED/);
    assert.doesNotMatch(greeting, /AUTH=PLAIN/);
    assert.match((await plain.command(`LOGIN ${ALICE} ${PASSWORD}`, 'a1')).at(-1)!, /^a1 NO \[PRIVACYREQUIRED\]/);
    assert.match((await plain.command('AUTHENTICATE PLAIN AGFsaWNlQGV4YW1wbGUudGVzdABzZWNyZXQ=', 'a2')).at(-1)!, /^a2 NO/);
    assert.deepEqual(await plain.command('STARTTLS', 'a3'), ['a3 OK Begin TLS negotiation now']);
    socket.removeAllListeners('data');
    const secure = track(new ScriptedClient(await tls({ socket })));
    const capability = await secure.command('CAPABILITY', 'b1');
    assert.doesNotMatch(capability[0]!, /STARTTLS|LOGINDISABLED/);
    assert.match(capability[0]!, /AUTH=PLAIN/);
    assert.match((await secure.command(`LOGIN ${ALICE} ${PASSWORD}`, 'b2')).at(-1)!, /^b2 OK /);
    assert.equal((await secure.command('LOGOUT', 'b3')).at(-1), 'b3 OK LOGOUT completed');
  });

  it('speaks TLS from the first byte on the implicit-TLS listener, without STARTTLS', async () => {
    const client = track(new ScriptedClient(await tls({ port: tlsPort })));
    const greeting = await client.line();
    assert.match(greeting, /^\* OK \[CAPABILITY IMAP4rev1 .*AUTH=PLAIN/);
    assert.doesNotMatch(greeting, /STARTTLS|LOGINDISABLED/);
    assert.match((await client.command(`LOGIN ${ALICE} ${PASSWORD}`, 'c1')).at(-1)!, /^c1 OK /);
    assert.match((await client.command('STARTTLS', 'c2')).at(-1)!, /^c2 BAD /);
    await client.command('LOGOUT', 'c3');
  });

  it('refuses a third session of one account with [LIMIT] and frees the slot when one ends', async () => {
    const open = async (): Promise<ScriptedClient> => {
      const client = track(new ScriptedClient(await tls({ port: tlsPort })));
      await client.line();
      return client;
    };
    const first = await open();
    const second = await open();
    const third = await open();
    assert.match((await first.command(`LOGIN bob@example.test ${PASSWORD}`, 'd1')).at(-1)!, /^d1 OK /);
    assert.match((await second.command(`LOGIN bob@example.test ${PASSWORD}`, 'd2')).at(-1)!, /^d2 OK /);
    assert.equal((await third.command(`LOGIN bob@example.test ${PASSWORD}`, 'd3')).at(-1), 'd3 NO [LIMIT] Too many sessions for this account');
    await first.command('LOGOUT', 'd4');
    await first.closed();
    assert.match((await third.command(`LOGIN bob@example.test ${PASSWORD}`, 'd5')).at(-1)!, /^d5 OK /);
    for (const client of [second, third]) await client.command('LOGOUT', 'd6');
  });

  it('greets a connection over the per-IP limit with BYE [UNAVAILABLE] and closes it', async () => {
    const held: ScriptedClient[] = [];
    for (let count = 0; count < 4; count++) {
      const client = track(new ScriptedClient(await tcp(plainPort)));
      assert.match(await client.line(), /^\* OK /);
      held.push(client);
    }
    const refused = track(new ScriptedClient(await tcp(plainPort)));
    assert.equal(await refused.line(), '* BYE [UNAVAILABLE] Too many connections, try again later');
    assert.equal(await refused.closed(), true);
    await held[0]!.command('LOGOUT', 'e1');
    await held[0]!.closed();
    // The slot is given back when the session ends; the next connection is greeted.
    let again = track(new ScriptedClient(await tcp(plainPort)));
    let greeting = await again.line();
    for (let attempt = 0; greeting.startsWith('* BYE') && attempt < 20; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      again = track(new ScriptedClient(await tcp(plainPort)));
      greeting = await again.line();
    }
    assert.match(greeting, /^\* OK /);
    for (const client of [...held.slice(1), again]) await client.command('LOGOUT', 'e2');
  });
});
