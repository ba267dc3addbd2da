import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { runSmtpLoad } from '../../bench/lib/smtp-load.js';
import { levelStore } from '../../src/store/index.js';
import { AcknowledgedLedger } from './acknowledged-ledger.js';
import { startChildServer } from './child-server.js';
import { MAILBOXES, readLoadMessages } from './stored-load.js';

const KILLS = 10;
const SESSIONS = 32;

test('SIGKILL under load never loses a message that got 250', { timeout: 120_000 }, async (t) => {
  const dataDirectory = await mkdtemp(join(tmpdir(), 'posthouse-sigkill-'));
  const ledger = new AcknowledgedLedger();
  try {
    for (let kill = 0; kill < KILLS; kill += 1) {
      const server = await startChildServer(dataDirectory);
      const load = runSmtpLoad({
        host: '127.0.0.1',
        port: server.port,
        sessions: SESSIONS,
        messages: Infinity,
        runId: `kill${kill}`,
        mailboxes: MAILBOXES,
        onAccepted: (message) => ledger.acknowledge(message.token),
      });
      const killAfterMs = Math.round(300 + Math.random() * 900);
      await sleep(killAfterMs);
      await server.kill();
      const result = await load;
      assert.equal(result.sessionErrors.length, SESSIONS, 'every session should end on the dead socket');

      const store = levelStore({ path: dataDirectory });
      await store.open();
      try {
        const stored = await readLoadMessages(store);
        ledger.check(stored);
        t.diagnostic(`kill ${kill} after ${killAfterMs} ms: ${result.accepted} acknowledged, ${stored.length} stored in all`);
      } finally {
        await store.close();
      }
    }
    assert.ok(ledger.size > KILLS, `only ${ledger.size} messages were acknowledged: the load never got going`);
  } finally {
    await rm(dataDirectory, { recursive: true, force: true });
  }
});
