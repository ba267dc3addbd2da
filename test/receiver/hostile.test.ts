import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { ehlo, openTransaction, type RawClient, startReceiver } from './helpers.js';

/** The message as the agent got it, without the Received header the receiver put in front. */
function withoutReceived(bytes: Buffer): Buffer {
  // the Received header's continuation lines start with a tab; the message starts after them
  const lines = bytes.toString('latin1').split('\r\n');
  let headerLines = 1;
  while (lines[headerLines]?.startsWith('\t')) headerLines += 1;
  const offset = lines.slice(0, headerLines).reduce((total, line) => total + line.length + 2, 0);
  return bytes.subarray(offset);
}

/** V8's collector, so that RSS shows what is kept rather than garbage not yet collected. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

async function writeAll(client: RawClient, data: Buffer): Promise<void> {
  if (!client.socket.write(data)) await new Promise((resolve) => client.socket.once('drain', resolve));
}

describe('hostile input', () => {
  it('a 1 MiB header line gets 552 5.3.4 for the header section', async () => {
    const harness = await startReceiver();
    try {
      const { client } = await ehlo(harness.port);
      await openTransaction(client);
      await writeAll(client, Buffer.from(`X-Big: ${'a'.repeat(1024 * 1024)}\r\n\r\nbody\r\n.\r\n`));
      assert.equal(await client.line(), '552 5.3.4 Error: message header section exceeds 262144 bytes');
      assert.equal(harness.agent.messages.length, 0);
    } finally {
      await harness.close();
    }
  });

  it('20,000 header fields within the header limit reach the agent intact', async () => {
    const harness = await startReceiver();
    try {
      const { client } = await ehlo(harness.port);
      await openTransaction(client);
      const message = Buffer.from(`${'X-F: 1\r\n'.repeat(20_000)}\r\nbody\r\n`);
      await writeAll(client, Buffer.concat([message, Buffer.from('.\r\n')]));
      assert.match(await client.line(), /^250 /);
      assert.ok(withoutReceived(harness.agent.messages[0]!.bytes).equals(message));
    } finally {
      await harness.close();
    }
  });

  it('a 50 MB message against the 25 MiB limit gets 552 5.3.4 with memory bounded while it streams', async () => {
    const harness = await startReceiver();
    harness.agent.countOnly = true;
    try {
      const { client } = await ehlo(harness.port);
      await openTransaction(client);
      await writeAll(client, Buffer.from('Subject: huge\r\n\r\n'));
      const line = Buffer.from(`${'z'.repeat(1022)}\r\n`);
      const chunk = Buffer.concat(Array.from({ length: 1024 }, () => line)); // 1 MiB, sent 50 times
      collectGarbage();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      for (let sent = 0; sent < 50; sent += 1) {
        await writeAll(client, chunk);
        collectGarbage();
        peak = Math.max(peak, process.memoryUsage().rss);
      }
      await writeAll(client, Buffer.from('.\r\n'));
      assert.equal(await client.line(), '552 5.3.4 Error: message exceeds fixed maximum message size 26214400');
      peak = Math.max(peak, process.memoryUsage().rss);
      assert.equal(harness.agent.countedBytes, 0);
      // the 25 MiB kept until the limit was passed, plus socket and stream buffers; keeping the
      // whole message would need 50 MiB and more
      const growth = peak - baseline;
      assert.ok(growth < 25 * 1024 * 1024 + 16 * 1024 * 1024, `rss grew by ${Math.round(growth / 1048576)} MiB`);
    } finally {
      await harness.close();
    }
  });

  it('NUL bytes and 8-bit bytes in the body reach the agent intact', async () => {
    const harness = await startReceiver();
    try {
      const { client } = await ehlo(harness.port);
      await openTransaction(client);
      const message = Buffer.concat([Buffer.from('Subject: bytes\r\n\r\n'), Buffer.from([0x00, 0x41, 0x00, 0xe9, 0xff, 0x80, 0x0d, 0x0a])]);
      await writeAll(client, Buffer.concat([message, Buffer.from('.\r\n')]));
      assert.match(await client.line(), /^250 /);
      assert.ok(withoutReceived(harness.agent.messages[0]!.bytes).equals(message));
    } finally {
      await harness.close();
    }
  });

  it('UTF-8 addresses with SMTPUTF8 reach the agent as UTF-8', async () => {
    const harness = await startReceiver();
    try {
      const { client } = await ehlo(harness.port);
      assert.equal(await client.command('MAIL FROM:<jöran@exämple.test> SMTPUTF8'), '250 2.1.0 Accepted');
      assert.equal(await client.command('RCPT TO:<ñandú@example.test>'), '250 2.1.5 Accepted');
      assert.equal(await client.command('DATA'), '354 End data with <CR><LF>.<CR><LF>');
      const message = Buffer.from('Subject: =?utf-8?q?h=C3=A9?=\r\nFrom: Jöran <jöran@exämple.test>\r\n\r\nGrüße\r\n', 'utf8');
      await writeAll(client, Buffer.concat([message, Buffer.from('.\r\n')]));
      assert.match(await client.line(), /^250 /);
      const [stored] = harness.agent.messages;
      assert.equal(harness.agent.checked[0]?.address, 'ñandú@example.test');
      assert.equal(stored?.envelope.mailFrom, 'jöran@exämple.test');
      assert.deepEqual(stored?.envelope.rcptTo, ['ñandú@example.test']);
      assert.match(stored!.bytes.toString('utf8'), /\r\n\tfor <ñandú@example\.test>; /);
      assert.ok(withoutReceived(stored!.bytes).equals(message));
    } finally {
      await harness.close();
    }
  });
});
