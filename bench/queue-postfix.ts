import { execFile } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The daemons a private instance needs, from Debian's master.cf, all without chroot. */
const SERVICES = [
  'pickup unix n - n 60 1 pickup',
  'cleanup unix n - n - 0 cleanup',
  'qmgr unix n - n 300 1 qmgr',
  'rewrite unix - - n - - trivial-rewrite',
  'bounce unix - - n - 0 bounce',
  'defer unix - - n - 0 bounce',
  'trace unix - - n - 0 bounce',
  'verify unix - - n - 1 verify',
  'flush unix n - n 1000? 0 flush',
  'proxymap unix - - n - - proxymap',
  'smtp unix - - n - - smtp',
  'relay unix - - n - - smtp',
  'showq unix n - n - - showq',
  'error unix - - n - - error',
  'retry unix - - n - - error',
  'discard unix - - n - - discard',
  'local unix - n n - - local',
  'virtual unix - n n - - virtual',
  'anvil unix - - n - 1 anvil',
  'scache unix - - n - 1 scache',
];

/** How the private Postfix behaves: a final destination with a Maildir, or a relay to one host. */
export type PostfixRole =
  | { kind: 'destination'; domains: string[]; reject?: Record<string, string> }
  | { kind: 'relay'; relayPort: number };

/** A running private Postfix instance (its own config, queue and data directories). */
export interface PostfixInstance {
  port: number;
  /** The Maildir every accepted message lands in (destination role). */
  maildir: string;
  /** The raw messages delivered so far (destination role). */
  delivered(): Promise<Buffer[]>;
  stop(): Promise<void>;
}

/** Whether Postfix is installed here (Debian's `postfix` package). */
export async function postfixAvailable(): Promise<boolean> {
  try {
    await run('postconf', ['-d', 'mail_version']);
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function userIds(name: string): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * Starts a private Postfix (`postfix -c DIR start`) on a free loopback port: open to 127.0.0.1
 * only, nothing shared with a system instance. Needs root (Postfix's master drops to `postfix`).
 */
export async function startPostfix(role: PostfixRole): Promise<PostfixInstance> {
  const root = await mkdtemp(join(tmpdir(), 'posthouse-postfix-'));
  const etc = join(root, 'etc');
  const maildir = join(root, 'mail', 'inbox');
  await Promise.all([mkdir(etc), mkdir(join(root, 'spool')), mkdir(join(root, 'data')), mkdir(join(root, 'mail'))]);
  // mkdtemp makes the directory 0700; Postfix's daemons run as `postfix` and must traverse it
  await chmod(root, 0o755);
  const ids = await userIds('postfix');
  await chown(join(root, 'mail'), ids.uid, ids.gid);
  await chown(join(root, 'data'), ids.uid, ids.gid);
  const port = await freePort();
  const main = [
    'compatibility_level = 3.6',
    `queue_directory = ${join(root, 'spool')}`,
    `data_directory = ${join(root, 'data')}`,
    'myhostname = mx.postfix.test',
    'mydestination =',
    'inet_interfaces = 127.0.0.1',
    'inet_protocols = ipv4',
    'mynetworks = 127.0.0.0/8',
    'smtputf8_enable = no',
    'biff = no',
    'smtpd_relay_restrictions = permit_mynetworks, reject',
    // a benchmark peer: no artificial slow-down when the queue fills
    'default_process_limit = 200',
    'in_flow_delay = 0s',
  ];
  if (role.kind === 'destination') {
    const access = Object.entries(role.reject ?? {}).map(([address, reply]) => `${address} ${reply}`).join('\n');
    await writeFile(join(etc, 'access'), `${access}\n`);
    main.push(
      `virtual_mailbox_domains = ${role.domains.join(' ')}`,
      `virtual_mailbox_base = ${join(root, 'mail')}`,
      'virtual_mailbox_maps = static:inbox/',
      `virtual_uid_maps = static:${ids.uid}`,
      `virtual_gid_maps = static:${ids.gid}`,
      `smtpd_recipient_restrictions = check_recipient_access texthash:${join(etc, 'access')}, permit_mynetworks, reject`,
    );
  } else {
    main.push(`relayhost = [127.0.0.1]:${role.relayPort}`, 'smtpd_recipient_restrictions = permit_mynetworks, reject', 'smtp_connection_cache_on_demand = yes');
  }
  await writeFile(join(etc, 'main.cf'), `${main.join('\n')}\n`);
  await writeFile(join(etc, 'master.cf'), `127.0.0.1:${port} inet n - n - - smtpd\n${SERVICES.join('\n')}\n`);
  await run('postfix', ['-c', etc, 'start']);
  await waitForPort(port);
  return {
    port,
    maildir,
    async delivered() {
      const found: Buffer[] = [];
      for (const folder of ['new', 'cur']) {
        const names = await readdir(join(maildir, folder)).catch(() => [] as string[]);
        for (const name of names.sort()) found.push(await readFile(join(maildir, folder, name)));
      }
      return found;
    },
    async stop() {
      await run('postfix', ['-c', etc, 'stop']).catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Postfix did not listen on 127.0.0.1:${port}`);
}
