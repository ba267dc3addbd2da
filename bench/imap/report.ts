/** The printed table of the IMAP benchmark: each figure for both servers and their ratio. */
import type { EnvelopeTiming, IdleMemory, SelectFetchTiming } from './measurements.js';

/** Everything measured on one server. */
export interface PeerFigures {
  /** Seconds to put the mail in place (posthouse: level store fill; Dovecot: Maildir files). */
  setupSeconds: number;
  cold: SelectFetchTiming;
  /** The faster of two warm runs. */
  warm: SelectFetchTiming;
  /** Over the large messages, before anything else read them. */
  envelope: EnvelopeTiming;
  /** Median of the measured rounds. */
  bodyMbPerSecond: number;
  bodyBytes: number;
  idle: IdleMemory;
}

interface Row {
  label: string;
  posthouse: number;
  dovecot: number;
  unit: string;
  better: 'lower' | 'higher';
}

const kib = (bytes: number): number => bytes / 1024;

function rows(plan: { small: number; large: number; idle: number }, posthouse: PeerFigures, dovecot: PeerFigures): Row[] {
  const n = plan.small.toLocaleString('en');
  const large = plan.large.toLocaleString('en');
  return [
    { label: `SELECT, ${n} msgs, cold`, posthouse: posthouse.cold.selectMs, dovecot: dovecot.cold.selectMs, unit: 'ms', better: 'lower' },
    { label: 'FETCH 1:* (FLAGS UID), cold', posthouse: posthouse.cold.fetchMs, dovecot: dovecot.cold.fetchMs, unit: 'ms', better: 'lower' },
    { label: 'SELECT + FETCH, cold', posthouse: posthouse.cold.selectMs + posthouse.cold.fetchMs, dovecot: dovecot.cold.selectMs + dovecot.cold.fetchMs, unit: 'ms', better: 'lower' },
    { label: `SELECT, ${n} msgs, warm`, posthouse: posthouse.warm.selectMs, dovecot: dovecot.warm.selectMs, unit: 'ms', better: 'lower' },
    { label: 'FETCH 1:* (FLAGS UID), warm', posthouse: posthouse.warm.fetchMs, dovecot: dovecot.warm.fetchMs, unit: 'ms', better: 'lower' },
    { label: 'SELECT + FETCH, warm', posthouse: posthouse.warm.selectMs + posthouse.warm.fetchMs, dovecot: dovecot.warm.selectMs + dovecot.warm.fetchMs, unit: 'ms', better: 'lower' },
    { label: `FETCH ENVELOPE+BODYSTRUCTURE, ${large}, 1st`, posthouse: posthouse.envelope.firstMs, dovecot: dovecot.envelope.firstMs, unit: 'ms', better: 'lower' },
    { label: `FETCH ENVELOPE+BODYSTRUCTURE, ${large}, 2nd`, posthouse: posthouse.envelope.againMs, dovecot: dovecot.envelope.againMs, unit: 'ms', better: 'lower' },
    { label: 'FETCH BODY.PEEK[] throughput', posthouse: posthouse.bodyMbPerSecond, dovecot: dovecot.bodyMbPerSecond, unit: 'MB/s', better: 'higher' },
    { label: `idle connection, RSS growth / ${plan.idle}`, posthouse: kib(posthouse.idle.rssPerConnectionBytes), dovecot: kib(dovecot.idle.rssPerConnectionBytes), unit: 'KiB', better: 'lower' },
    { label: `idle connection, PSS growth / ${plan.idle}`, posthouse: kib(posthouse.idle.pssPerConnectionBytes), dovecot: kib(dovecot.idle.pssPerConnectionBytes), unit: 'KiB', better: 'lower' },
  ];
}

function processes(idle: IdleMemory): string {
  const names = Object.entries(idle.after.byName).map(([name, count]) => `${count} ${name}`);
  return `${idle.after.processes} process(es): ${names.join(', ')}`;
}

/**
 * Prints the table. The ratio is posthouse / Dovecot; the last column says which way is better,
 * so `ratio 3.00, lower is better` means posthouse takes three times as long.
 */
export function printImapReport(plan: { small: number; large: number; idle: number }, posthouse: PeerFigures, dovecot: PeerFigures): void {
  console.log(`\n${'measure'.padEnd(40)} ${'posthouse'.padStart(10)} ${'Dovecot'.padStart(10)}        ratio posthouse/Dovecot`);
  for (const row of rows(plan, posthouse, dovecot)) {
    const ratio = row.dovecot === 0 ? 'n/a' : (row.posthouse / row.dovecot).toFixed(2);
    console.log(
      `${row.label.padEnd(40)} ${row.posthouse.toFixed(1).padStart(10)} ${row.dovecot.toFixed(1).padStart(10)} ${row.unit.padEnd(5)}  ${ratio.padStart(6)}  (${row.better} is better)`,
    );
  }
  const megabytes = (posthouse.bodyBytes / 2 ** 20).toFixed(0);
  console.log(`\nENVELOPE+BODYSTRUCTURE: the ~100 KB messages, first asked for (posthouse renders and records them, as its`);
  console.log('deliverer leaves them out; Dovecot parses the messages and fills its cache), then again.');
  console.log(`BODY throughput: ${plan.large} messages, ${megabytes} MB of message bytes per round, median of the rounds.`);
  console.log('Memory counted: the growth of the whole server process tree between before and after opening the idle');
  console.log('connections (each LOGIN, SELECT INBOX, IDLE), divided by their number. RSS counts shared pages once per');
  console.log('process, which overstates a server of many processes; PSS splits them between the processes that map them.');
  console.log(`  posthouse: its one Node.js process (${processes(posthouse.idle)}).`);
  console.log(`  Dovecot: the master and everything below it (${processes(dovecot.idle)}): one imap process per connection,`);
  console.log('  plus the login, auth, anvil, config, log and stats processes.');
  if (plan.idle < 200) console.log(`With only ${plan.idle} connections the memory figures mostly show transient LOGIN memory (posthouse: scrypt's working buffers), not per-connection state.`);
  console.log(`Setup (not timed above): posthouse store fill ${posthouse.setupSeconds.toFixed(1)} s, Dovecot Maildir write ${dovecot.setupSeconds.toFixed(1)} s.`);
}
