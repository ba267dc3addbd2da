import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManageSieveServer } from '../../src/access/managesieve/index.js';
import { generateDevCertificate } from '../../src/receiver/dev-tls.js';
import { createScriptStore } from '../../src/rules/scripts/index.js';
import { memoryStore } from '../../src/store/index.js';
import { fakeEngine } from '../rules/scripts/fake-engine.js';
import { rawClient } from './client.js';

const plain = (user: string, password: string) => Buffer.from(`\u0000${user}\u0000${password}`).toString('base64');

async function startServer(options: { allowInsecureAuth?: boolean; tls?: boolean; maxScriptBytes?: number } = {}) {
  const store = memoryStore();
  await store.open();
  const scripts = createScriptStore({ records: store.records, engine: fakeEngine(), limits: { maxScriptBytes: options.maxScriptBytes ?? 1000 } });
  const server = new ManageSieveServer({
    scripts,
    extensions: ['fileinto', 'vacation'],
    authenticate: async (user, password) => (user === 'alice@example.com' && password === 'secret' ? user : null),
    port: 0,
    allowInsecureAuth: options.allowInsecureAuth ?? true,
    ...(options.tls ? { tls: await generateDevCertificate('localhost') } : {}),
  });
  const { port } = await server.listen();
  return { scripts, port, async close() { await server.close(); await store.close(); } };
}

test('greeting, CAPABILITY, NOOP with tag, commands before AUTHENTICATE refused, LOGOUT', async () => {
  const server = await startServer();
  const client = await rawClient(server.port);
  try {
    assert.equal(client.greeting, '"IMPLEMENTATION" "posthouse"\r\n"SASL" "PLAIN"\r\n"SIEVE" "fileinto vacation"\r\n"VERSION" "1.0"\r\nOK "posthouse ManageSieve ready"\r\n');
    assert.equal(await client.send('CAPABILITY'), client.greeting);
    assert.equal(await client.send('NOOP "x1"'), 'OK (TAG "x1") "Done"\r\n');
    assert.equal(await client.send('LISTSCRIPTS'), 'NO "Authenticate first"\r\n');
    assert.equal(await client.send('FROB'), 'NO "Unknown command FROB"\r\n');
    assert.equal(await client.send(`AUTHENTICATE "PLAIN" "${plain('alice@example.com', 'wrong')}"`), 'NO "Authentication failed"\r\n');
    assert.equal(await client.send('LOGOUT'), 'OK "Logout completed"\r\n');
  } finally {
    client.close();
    await server.close();
  }
});

test('the script commands with literals {n+} and {n}, exact replies', async () => {
  const server = await startServer();
  const client = await rawClient(server.port);
  try {
    assert.equal(await client.send('AUTHENTICATE "PLAIN"'), '""\r\n');
    assert.equal(await client.send(`"${plain('alice@example.com', 'secret')}"`), 'OK "Logged in"\r\n');
    assert.equal(await client.send('HAVESPACE "main" 500'), 'OK "Putscript would succeed"\r\n');
    assert.equal(await client.send('HAVESPACE "main" 5000'), 'NO (QUOTA) "Script too large, or too many scripts"\r\n');
    assert.equal(await client.send('PUTSCRIPT "main" {5+}\r\nkeep;'), 'OK "Script stored"\r\n');
    assert.equal(await client.send('PUTSCRIPT "other" {8}\r\ndiscard;'), 'OK "Script stored"\r\n');
    assert.equal(await client.send('PUTSCRIPT "broken" {10+}\r\nkeep;\r\nbad'), 'NO "Script \\"broken\\" does not compile: line 2:1: unknown command \\"bad\\""\r\n');
    assert.equal(await client.send('SETACTIVE "main"'), 'OK "Script activated"\r\n');
    assert.equal(await client.send('LISTSCRIPTS'), '"main" ACTIVE\r\n"other"\r\nOK "Listscripts completed"\r\n');
    assert.equal(await client.send('GETSCRIPT "other"'), '{8}\r\ndiscard;\r\nOK "Getscript completed"\r\n');
    assert.equal(await client.send('DELETESCRIPT "main"'), 'NO (ACTIVE) "Script \\"main\\" is active; deactivate it first"\r\n');
    assert.equal(await client.send('RENAMESCRIPT "other" "main"'), 'NO (ALREADYEXISTS) "A script named \\"main\\" already exists"\r\n');
    assert.equal(await client.send('RENAMESCRIPT "other" "second"'), 'OK "Script renamed"\r\n');
    assert.equal(await client.send('GETSCRIPT "other"'), 'NO (NONEXISTENT) "There is no script named \\"other\\""\r\n');
    assert.equal(await client.send('CHECKSCRIPT {4+}\r\nbad;'), 'NO "line 1:1: unknown command \\"bad\\""\r\n');
    assert.equal(await client.send('CHECKSCRIPT "keep;"'), 'OK "Script is valid"\r\n');
    assert.equal(await client.send('SETACTIVE ""'), 'OK "No script is active"\r\n');
    assert.deepEqual((await server.scripts.list('alice@example.com')).map((script) => [script.name, script.active]), [['main', false], ['second', false]]);
  } finally {
    client.close();
    await server.close();
  }
});

test('literals and lines past their bounds are refused without buffering them; the session goes on', async () => {
  const server = await startServer({ maxScriptBytes: 10 });
  const client = await rawClient(server.port);
  try {
    await client.send(`AUTHENTICATE "PLAIN" "${plain('alice@example.com', 'secret')}"`);
    const big = 'x'.repeat(5000);
    assert.equal(await client.send(`PUTSCRIPT "big" {5000+}\r\n${big}`), 'NO (QUOTA/MAXSIZE) "Command or literal too large (literals up to 1034 octets)"\r\n');
    assert.equal(await client.send(`NOOP ${'y'.repeat(20_000)}`), 'NO (QUOTA/MAXSIZE) "Command or literal too large (literals up to 1034 octets)"\r\n');
    assert.equal(await client.send('PUTSCRIPT "big" {20+}\r\nkeep;keep;keep;keep;'), `NO (QUOTA) "Script of 20 octets is larger than the limit of 10"\r\n`);
    assert.equal(await client.send('NOOP'), 'OK "Done"\r\n');
  } finally {
    client.close();
    await server.close();
  }
});

test('without allowInsecureAuth, AUTHENTICATE needs STARTTLS; after it the capabilities are sent again', async () => {
  const server = await startServer({ allowInsecureAuth: false, tls: true });
  const client = await rawClient(server.port);
  try {
    assert.match(client.greeting, /"SASL" ""\r\n/);
    assert.match(client.greeting, /"STARTTLS"\r\n/);
    assert.equal(await client.send(`AUTHENTICATE "PLAIN" "${plain('alice@example.com', 'secret')}"`), 'NO (ENCRYPT-NEEDED) "Use STARTTLS first"\r\n');
    const capabilities = await client.startTls();
    assert.match(capabilities, /"SASL" "PLAIN"\r\n/);
    assert.doesNotMatch(capabilities, /STARTTLS/);
    assert.equal(await client.send(`AUTHENTICATE "PLAIN" "${plain('alice@example.com', 'secret')}"`), 'OK "Logged in"\r\n');
    assert.equal(await client.send('LISTSCRIPTS'), 'OK "Listscripts completed"\r\n');
  } finally {
    client.close();
    await server.close();
  }
});
