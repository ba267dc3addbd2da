import assert from 'node:assert/strict';
import { connect, Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ImapServer } from '../../../src/access/imap/server/imap-server.js';
import { createDirectory } from '../../../src/directory/index.js';
import type { Store } from '../../../src/interfaces/store.js';
import { memoryStore } from '../../../src/store/index.js';

/**
 * A response written in several pieces (untagged lines, then the tagged OK) must not wait for the
 * client's delayed ACK (Nagle, ~40 ms per command on Linux loopback): the server turns Nagle off.
 */
describe('IMAP listener sockets', () => {
  let store: Store;
  let server: ImapServer;
  let port: number;
  const noDelaySockets: Socket[] = [];
  const original = Socket.prototype.setNoDelay;

  before(async () => {
    Socket.prototype.setNoDelay = function recordNoDelay(this: Socket, noDelay?: boolean) {
      if (noDelay !== false) noDelaySockets.push(this);
      return original.call(this, noDelay);
    };
    store = memoryStore();
    await store.open();
    server = new ImapServer({ store, directory: createDirectory({ records: store.records, store }), hostname: 'imap.test', imap: { port: 0 }, imaps: false });
    port = (await server.listen()).imap!.port;
  });
  after(async () => {
    Socket.prototype.setNoDelay = original;
    await server.close();
    await store.close();
  });

  it('turn Nagle off on each accepted connection', async () => {
    const client = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      client.once('data', () => resolve());
      client.once('error', reject);
    });
    const accepted = noDelaySockets.filter((socket) => socket !== client && socket.remotePort === client.localPort);
    client.destroy();
    assert.equal(accepted.length, 1);
  });
});
