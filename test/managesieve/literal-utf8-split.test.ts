import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { CommandReader } from '../../src/access/managesieve/command-reader.js';
import { ManageSieveServer } from '../../src/access/managesieve/index.js';
import { createScriptStore } from '../../src/rules/scripts/index.js';
import { memoryStore } from '../../src/store/index.js';
import { fakeEngine } from '../rules/scripts/fake-engine.js';

// A script of a few kilobytes arrives in several reads (TLS records, TCP segments); a read may
// end inside a UTF-8 character of the literal. Seen while testing uploads from sieve-connect; a
// split made on purpose makes it certain.
const script = Buffer.from('# Rechnungen für Müller ✓\r\nkeep;\r\n');
const wire = Buffer.concat([Buffer.from(`PUTSCRIPT "umlaut" {${script.length}+}\r\n`), script, Buffer.from('\r\n')]);
/** Inside the two octets of the first "ü". */
const cut = wire.indexOf(Buffer.from('ü')) + 1;

test('a literal split inside a UTF-8 character reads back whole (reader)', () => {
  const reader = new CommandReader({ maxLineBytes: 8192, maxLiteralBytes: 1000 });
  const results = [...reader.push(wire.subarray(0, cut)), ...reader.push(wire.subarray(cut))];
  assert.deepEqual(results, [{ kind: 'command', command: { name: 'PUTSCRIPT', verbatim: 'PUTSCRIPT', args: ['umlaut', script.toString('utf8')] } }]);
});

test('PUTSCRIPT sent in two writes split inside a UTF-8 character stores the exact octets (socket)', async () => {
  const store = memoryStore();
  await store.open();
  const scripts = createScriptStore({ records: store.records, engine: fakeEngine(), limits: { maxScriptBytes: 1000 } });
  const server = new ManageSieveServer({ scripts, extensions: [], authenticate: async (user) => user, port: 0, allowInsecureAuth: true });
  const { port } = await server.listen();
  const socket = connect({ port, host: '127.0.0.1', noDelay: true });
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
  const replies = (count: number): Promise<string> =>
    new Promise((resolve) => {
      const check = (): void => {
        if ((received.match(/^(?:OK|NO|BYE)\b.*\r\n/gm) ?? []).length >= count) {
          socket.off('data', check);
          resolve(received);
        }
      };
      socket.on('data', check);
      check();
    });
  try {
    await replies(1);
    socket.write(`AUTHENTICATE "PLAIN" "${Buffer.from('\u0000alice@example.com\u0000secret').toString('base64')}"\r\n`);
    await replies(2);
    socket.write(wire.subarray(0, cut));
    // Give the first half time to be read on its own (pacing only; nothing is timed).
    await delay(50);
    socket.write(wire.subarray(cut));
    assert.match(await replies(3), /OK "Script stored"\r\n$/);
    assert.deepEqual(Buffer.from(await scripts.get('alice@example.com', 'umlaut')), script);
  } finally {
    socket.destroy();
    await server.close();
    await store.close();
  }
});
