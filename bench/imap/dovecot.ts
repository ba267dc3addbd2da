/**
 * Dovecot (Debian `dovecot-imapd`) as the benchmark's reference: installed with apt-get when
 * missing, run in the foreground on a loopback port with a minimal configuration of its own in a
 * temporary directory (its own base_dir, a passwd-file with a plain password, Maildir), and
 * stopped at the end.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BENCH_ACCOUNT, BENCH_PASSWORD } from './bench-account.js';
import { freePort } from './free-port.js';

const DOVECOT = '/usr/sbin/dovecot';
const IMAP_BINARY = '/usr/lib/dovecot/imap';
/** Dovecot refuses mail access as root: the mail processes run as Debian's `mail` user. */
const MAIL_USER = 'mail';

/** Installs `dovecot-imapd` unless present; throws a message saying what to do when it cannot. */
export function ensureDovecot(): void {
  if (existsSync(DOVECOT) && existsSync(IMAP_BINARY)) return;
  console.log('dovecot-imapd is missing: installing it with apt-get');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', 'dovecot-imapd'], { stdio: 'inherit', env }) : update;
  if (install.status !== 0 || !existsSync(IMAP_BINARY)) {
    throw new Error(
      'the IMAP benchmark needs Dovecot as its reference and could not install it ' +
        `(apt-get ${install.error ? install.error.message : `exit ${install.status}`}); ` +
        'install the Debian package dovecot-imapd (as root: apt-get install dovecot-imapd) and run again',
    );
  }
}

/** Settings that let one user hold a thousand IMAP connections; the rest are Dovecot's defaults. */
function configuration(root: string, port: number): string {
  return `# posthouse IMAP benchmark: a throwaway Dovecot on loopback
base_dir = ${root}/run
state_dir = ${root}/state
instance_name = posthouse-bench-${port}
log_path = ${root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
login_trusted_networks = 127.0.0.0/8
mail_location = maildir:${root}/Maildir
first_valid_uid = 1
default_process_limit = 2000
default_client_limit = 10000
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${root}/passwd
}
userdb {
  driver = static
  args = uid=${MAIL_USER} gid=${MAIL_USER} home=${root}/home
}
protocol imap {
  mail_max_userip_connections = 5000
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  # High-performance mode: a few login processes serve every client before the hand-over.
  service_count = 0
  process_min_avail = 2
}
service imap {
  process_limit = 2000
}
`;
}

/** A running Dovecot. */
export interface DovecotProcess {
  /** The master process; every imap, imap-login, auth… process is below it. */
  pid: number;
  port: number;
  /** The Maildir of the benchmark user (INBOX at its root, Maildir++ folders below). */
  maildir: string;
  stop(): Promise<void>;
}

/** Writes the configuration under `root` (the Maildir must be filled before the first SELECT). */
export async function prepareDovecot(root: string): Promise<{ maildir: string }> {
  await mkdir(join(root, 'run'), { recursive: true });
  await mkdir(join(root, 'state'), { recursive: true });
  await mkdir(join(root, 'home'), { recursive: true });
  await writeFile(join(root, 'passwd'), `${BENCH_ACCOUNT}:{PLAIN}${BENCH_PASSWORD}::::::\n`);
  return { maildir: join(root, 'Maildir') };
}

/** Starts Dovecot in the foreground (`-F`) and waits until its IMAP port answers. */
export async function startDovecot(root: string): Promise<DovecotProcess> {
  // The files were written as root; the mail user must be able to read them and write its index.
  const chown = spawnSync('chown', ['-R', `${MAIL_USER}:${MAIL_USER}`, join(root, 'Maildir'), join(root, 'home')], { stdio: 'inherit' });
  if (chown.status !== 0) throw new Error(`chown of the Maildir to ${MAIL_USER} failed`);
  const port = await freePort();
  const config = join(root, 'dovecot.conf');
  await writeFile(config, configuration(root, port));
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', config], { stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await waitForGreeting(port, exited, join(root, 'dovecot.log'));
  return {
    pid: child.pid!,
    port,
    maildir: join(root, 'Maildir'),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function waitForGreeting(port: number, exited: Promise<number | null>, log: string): Promise<void> {
  const { connect } = await import('node:net');
  let gone = false;
  void exited.then(() => (gone = true));
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (gone) throw new Error(`dovecot exited before listening; see ${log}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host: '127.0.0.1' });
      socket.once('data', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dovecot did not answer on port ${port} within 10 s; see ${log}`);
}
