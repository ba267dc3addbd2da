import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test, type TestContext } from 'node:test';
import { runSmtpLoad } from '../../bench/lib/smtp-load.js';
import { createMailServer } from '../../src/server.js';
import { levelStore } from '../../src/store/index.js';
import { createCrashableLevel } from '../../src/testing/crashable-level.js';
import { AcknowledgedLedger } from './acknowledged-ledger.js';
import { MAILBOXES, readLoadMessages, type StoredLoadMessage } from './stored-load.js';

const SESSIONS = 32;
/** The crash comes at a random moment after at least this many messages got 250. */
const ACKNOWLEDGED_BEFORE_CRASH = 40;

/**
 * Runs a server on a crashable level store under load from 32 sessions, loses power at a random
 * moment mid-load (store first, then every socket), and returns what a fresh levelStore on the
 * same directory finds, with the ledger of what the server acknowledged.
 */
async function crashUnderLoad(t: TestContext, sync: boolean): Promise<{ ledger: AcknowledgedLedger; stored: StoredLoadMessage[] }> {
  const dataDirectory = await mkdtemp(join(tmpdir(), 'posthouse-fault-'));
  t.after(() => rm(dataDirectory, { recursive: true, force: true }));
  const { store, crash } = createCrashableLevel(dataDirectory, { sync });
  const server = createMailServer({
    hostname: 'crash.posthouse.test',
    store,
    // All 32 load sessions come from 127.0.0.1; the default per-address cap is 20.
    smtp: { port: 0, host: '127.0.0.1', limits: { maxConnectionsPerIp: 64 } },
    directory: { acceptAll: true },
  });
  const { smtp } = await server.listen();
  const ledger = new AcknowledgedLedger();
  let loadEnded = false;
  const load = runSmtpLoad({
    host: '127.0.0.1',
    port: smtp!.port,
    sessions: SESSIONS,
    messages: Infinity,
    runId: `fault-${sync ? 'sync' : 'nosync'}`,
    mailboxes: MAILBOXES,
    onAccepted: (message) => ledger.acknowledge(message.token),
  }).finally(() => (loadEnded = true));

  while (ledger.size < ACKNOWLEDGED_BEFORE_CRASH && !loadEnded) await sleep(10);
  if (loadEnded) assert.fail(`the load ended before the crash: ${JSON.stringify(await load)}`);
  await sleep(Math.random() * 300);
  await crash();
  await server.receiver!.close({ graceMs: 1 });
  await load;
  // The store is dead: closing the server only settles what was in flight.
  await server.close().catch(() => {});

  const reopened = levelStore({ path: dataDirectory });
  await reopened.open();
  try {
    const stored = await readLoadMessages(reopened);
    t.diagnostic(`${ledger.size} acknowledged before the crash, ${stored.length} found after it`);
    return { ledger, stored };
  } finally {
    await reopened.close();
  }
}

test('a power loss mid-load keeps every message that got 250 when the store syncs', { timeout: 60_000 }, async (t) => {
  const { ledger, stored } = await crashUnderLoad(t, true);
  ledger.check(stored);
});

test('with sync off the same power loss loses acknowledged messages (the check above can fail)', { timeout: 60_000 }, async (t) => {
  const { ledger, stored } = await crashUnderLoad(t, false);
  assert.ok(ledger.missing(stored).length > 0, 'acknowledged messages survived a crash without sync');
  assert.throws(() => ledger.check(stored), /acknowledged messages lost/);
});
