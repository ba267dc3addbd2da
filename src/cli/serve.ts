import { readFile } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { resolve } from 'node:path';
import { ErrorCodes } from '../errors/codes.js';
import { isPosthouseError, PosthouseError } from '../errors/posthouse-error.js';
import type { TlsCredentials } from '../server.js';
import { dataDirectoryInUse } from './admin-session.js';
import type { Command, CommandIo } from './command.js';
import { readConfigFile } from './config-file.js';
import { consoleLogger } from './console-logger.js';
import { controlSocketPath, startControlServer } from './control-socket.js';
import { envName, resolveServeSettings, serveFlags, type ServeSettings } from './serve-settings.js';
import { waitForStopSignal } from './stop-signal.js';

/** How long sessions in flight may take to finish once a stop signal came. */
const SHUTDOWN_GRACE_MS = 10_000;

/** `posthouse serve` (the default command): runs the mail server until SIGINT or SIGTERM. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the mail server on a data directory until SIGINT or SIGTERM (the default command).',
  usage: '[flags]',
  positionals: { min: 0, max: 0 },
  flags: serveFlags(),
  notes: [
    `Every flag has an environment variable (--smtp-port: ${envName('smtpPort')}, --no-smtp: ${envName('noSmtp')}=1)`,
    'and a config file key in camelCase (smtpPort, noSmtp). A flag wins over its variable, which wins over',
    'the config file, which wins over the default. Relative paths in the config file are taken from its folder.',
    'Admin commands (accounts, domains, aliases) reach a running server through DIR/control.sock.',
  ].join('\n'),
  async run(input) {
    const configFlag = input.flags['config'];
    const configPath = typeof configFlag === 'string' ? configFlag : input.io.env['POSTHOUSE_CONFIG'] || undefined;
    const config = configPath === undefined ? null : await readConfigFile(configPath);
    return serve(resolveServeSettings(input.flags, input.io.env, config), input.io);
  },
};

/**
 * Starts the server and its control socket, prints one line for the data directory and one per
 * listener, then waits for a stop signal and shuts down gracefully. Resolves the exit code.
 */
async function serve(settings: ServeSettings, io: CommandIo): Promise<number> {
  const stopSignal = waitForStopSignal();
  const logger = consoleLogger(settings.logLevel, io.err);
  const hostname = settings.hostname ?? osHostname();
  const tls = await loadTls(settings.tls, hostname);
  // Loaded here, not at the top, so `--help` and the admin commands start without the mail server.
  const [{ createMailServer }, { levelStore }, { nodeResolver }] = await Promise.all([import('../server.js'), import('../store/index.js'), import('../sender/transport/index.js')]);
  const server = createMailServer({
    hostname,
    store: levelStore({ path: resolve(settings.data) }),
    smtp: settings.smtpPort === null ? false : { host: settings.host, port: settings.smtpPort, allowInsecureAuth: settings.allowInsecureAuth },
    pop3:
      settings.pop3Port === null
        ? false
        : {
            host: settings.host,
            port: settings.pop3Port,
            allowInsecureAuth: settings.allowInsecureAuth,
            ...(settings.pop3sPort === null ? {} : { pop3s: { host: settings.host, port: settings.pop3sPort } }),
          },
    ...(tls === null ? {} : { tls }),
    submission: settings.submissionPort === null ? false : { host: settings.host, port: settings.submissionPort, allowInsecureAuth: settings.allowInsecureAuth },
    submissions: settings.submissionsPort === null ? false : { host: settings.host, port: settings.submissionsPort },
    imap:
      settings.imapPort === null
        ? false
        : { host: settings.host, port: settings.imapPort, allowInsecureAuth: settings.allowInsecureAuth, ...(tls === null ? {} : { imaps: { host: settings.host, port: settings.imapsPort } }) },
    managesieve: settings.managesievePort === null ? false : { host: settings.host, port: settings.managesievePort, allowInsecureAuth: settings.allowInsecureAuth },
    http: settings.httpPort === null ? false : { host: settings.host, port: settings.httpPort, allowInsecureAuth: settings.allowInsecureAuth },
    sender: {
      ...(settings.resolver === undefined ? {} : { resolver: nodeResolver([settings.resolver]) }),
      ...(settings.remoteSmtpPort === undefined ? {} : { remoteSmtpPort: settings.remoteSmtpPort }),
      ...(settings.smarthost === null ? {} : { smarthost: { ...settings.smarthost, secure: settings.smarthost.port === 465 } }),
    },
    logger,
  });
  let addresses: Awaited<ReturnType<typeof server.listen>>;
  try {
    addresses = await server.listen();
  } catch (error) {
    if (isPosthouseError(error, ErrorCodes.STORE_LOCKED)) throw dataDirectoryInUse(settings.data, error);
    await server.store.close();
    throw listenFailure(error, settings);
  }
  let control: Awaited<ReturnType<typeof startControlServer>>;
  try {
    const { controlTarget } = await import('./rules-control.js');
    control = await startControlServer({ path: controlSocketPath(settings.data), directory: controlTarget(server), logger });
  } catch (error) {
    await server.close({ graceMs: 0 });
    throw error;
  }
  io.out(`posthouse: data directory ${resolve(settings.data)}\n`);
  if (addresses.smtp !== null) io.out(`posthouse: SMTP listening on ${hostPort(addresses.smtp)}\n`);
  if (addresses.submission) io.out(`posthouse: submission listening on ${hostPort(addresses.submission)}\n`);
  if (addresses.submissions) io.out(`posthouse: submissions listening on ${hostPort(addresses.submissions)}\n`);
  if (addresses.pop3) io.out(`posthouse: POP3 listening on ${hostPort(addresses.pop3)}\n`);
  if (addresses.pop3s) io.out(`posthouse: POP3S listening on ${hostPort(addresses.pop3s)}\n`);
  if (addresses.imap) io.out(`posthouse: IMAP listening on ${hostPort(addresses.imap)}\n`);
  if (addresses.imaps) io.out(`posthouse: IMAPS listening on ${hostPort(addresses.imaps)}\n`);
  if (addresses.managesieve) io.out(`posthouse: ManageSieve listening on ${hostPort(addresses.managesieve)}\n`);
  if (addresses.http) io.out(`posthouse: HTTP listening on ${hostPort(addresses.http)}\n`);
  const signal = await stopSignal;
  logger.info({ signal }, 'stopping: finishing sessions in flight');
  await control.close();
  await server.close({ graceMs: SHUTDOWN_GRACE_MS });
  logger.info('stopped');
  return 0;
}

async function loadTls(tls: ServeSettings['tls'], hostname: string): Promise<TlsCredentials | null> {
  if (tls === null) return null;
  if (tls === 'dev') return (await import('../receiver/dev-tls.js')).generateDevCertificate(hostname);
  const read = async (path: string, flag: string): Promise<string> => {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      throw new PosthouseError(ErrorCodes.CONFIG_INVALID, `cannot read ${flag} file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  };
  return { key: await read(tls.keyFile, '--tls-key'), cert: await read(tls.certFile, '--tls-cert') };
}

/** A listener that could not bind, said in one line. */
function listenFailure(error: unknown, settings: ServeSettings): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${settings.host}:${settings.smtpPort ?? ''}`;
  if (code === 'EADDRINUSE') return new Error(`cannot listen on ${where}: the port is in use`);
  if (code === 'EACCES') return new Error(`cannot listen on ${where}: permission denied (ports below 1024 need privileges)`);
  if (code === 'EADDRNOTAVAIL') return new Error(`cannot listen on ${where}: no such local address`);
  return error instanceof Error ? error : new Error(String(error));
}

function hostPort(address: { host: string; port: number }): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}
