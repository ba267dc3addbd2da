import { dirname, isAbsolute, resolve } from 'node:path';
import type { FlagSpec } from './command.js';
import { LOG_LEVELS, type LogLevel } from './console-logger.js';
import { UsageError } from './usage-error.js';

type SettingKind = 'string' | 'path' | 'port' | 'boolean' | 'log-level';

interface SettingSpec {
  kind: SettingKind;
  valueName?: string;
  description: string;
}

/**
 * Every setting of `serve`. Each has three spellings: the flag (`--smtp-port`), the environment
 * variable (`POSTHOUSE_SMTP_PORT`) and the config file key (`smtpPort`), in that precedence.
 */
export const SERVE_SETTINGS = {
  data: { kind: 'path', valueName: 'DIR', description: 'data directory (default ./posthouse-data)' },
  host: { kind: 'string', valueName: 'HOST', description: 'address the listeners bind (default 127.0.0.1)' },
  hostname: { kind: 'string', valueName: 'NAME', description: 'name given in the SMTP greeting and trace headers (default: the host name)' },
  smtpPort: { kind: 'port', valueName: 'N', description: 'SMTP (inbound MTA) port (default 2525; 0 picks a free port)' },
  noSmtp: { kind: 'boolean', description: 'do not start the SMTP listener' },
  resolver: { kind: 'string', valueName: 'HOST:PORT', description: 'DNS server for MX look-ups of outbound mail (default: the system resolvers)' },
  remoteSmtpPort: { kind: 'port', valueName: 'N', description: 'port of the MX hosts outbound mail goes to (default 25; for test networks)' },
  smarthost: { kind: 'string', valueName: 'HOST:PORT', description: 'relay all outbound mail through this upstream (STARTTLS; TLS from the start on port 465)' },
  smarthostUser: { kind: 'string', valueName: 'USER', description: 'AUTH user for --smarthost' },
  smarthostPass: { kind: 'string', valueName: 'PASS', description: 'AUTH password for --smarthost (prefer env POSTHOUSE_SMARTHOST_PASS)' },
  submissionPort: { kind: 'port', valueName: 'N', description: 'message submission port (RFC 6409), STARTTLS when TLS is set (default 2587; 0 picks a free port)' },
  submissionsPort: { kind: 'port', valueName: 'N', description: 'submission with implicit TLS (RFC 8314), only with TLS (default 2465)' },
  noSubmission: { kind: 'boolean', description: 'do not start the submission listeners' },
  imapPort: { kind: 'port', valueName: 'N', description: 'IMAP port, STARTTLS when TLS is set (default 2143; 0 picks a free port)' },
  imapsPort: { kind: 'port', valueName: 'N', description: 'IMAPS (implicit TLS) port, only with TLS (default 2993)' },
  noImap: { kind: 'boolean', description: 'do not start the IMAP listeners' },
  pop3Port: { kind: 'port', valueName: 'N', description: 'POP3 port, STLS when TLS is set (default 2110; 0 picks a free port)' },
  pop3sPort: { kind: 'port', valueName: 'N', description: 'POP3S (implicit TLS) port, only with TLS (default 2995)' },
  noPop3: { kind: 'boolean', description: 'do not start the POP3 listeners' },
  managesievePort: { kind: 'port', valueName: 'N', description: 'ManageSieve (RFC 5804) port for Sieve editors (default 4190; 0 picks a free port)' },
  noManagesieve: { kind: 'boolean', description: 'do not start the ManageSieve listener' },
  httpPort: { kind: 'port', valueName: 'N', description: 'HTTP API port: REST API, live events, /metrics (default 8025; 0 picks a free port)' },
  noHttp: { kind: 'boolean', description: 'do not start the HTTP API listener' },
  tlsKey: { kind: 'path', valueName: 'FILE', description: 'TLS private key (PEM) for STARTTLS; needs --tls-cert' },
  tlsCert: { kind: 'path', valueName: 'FILE', description: 'TLS certificate chain (PEM) for STARTTLS; needs --tls-key' },
  devTls: { kind: 'boolean', description: 'STARTTLS with a self-signed certificate made at start (development only)' },
  allowInsecureAuth: { kind: 'boolean', description: 'allow password logins without TLS: SMTP AUTH, IMAP LOGIN, POP3 USER/PASS, ManageSieve (development only)' },
  logLevel: { kind: 'log-level', valueName: 'LEVEL', description: `log on stderr from this level: ${LOG_LEVELS.join(', ')} (default info)` },
} as const satisfies Record<string, SettingSpec>;

type SettingName = keyof typeof SERVE_SETTINGS;

/** What `serve` runs with, once flags, environment, config file and defaults are merged. */
export interface ServeSettings {
  /** The data directory as the user spelled it (relative paths from a config file resolved against its folder). */
  data: string;
  host: string;
  hostname: string | undefined;
  /** The SMTP port, or null for no SMTP listener. */
  smtpPort: number | null;
  /** The POP3 port, or null for no POP3 listener. */
  pop3Port: number | null;
  /** The POP3S (implicit TLS) port; null without TLS or with `noPop3`. */
  pop3sPort: number | null;
  /** The submission port, or null for no submission listeners. */
  submissionPort: number | null;
  /** The submissions (implicit TLS) port; null without TLS or with `noSubmission`. */
  submissionsPort: number | null;
  /** The IMAP port, or null for no IMAP listeners. */
  imapPort: number | null;
  /** The IMAPS port, used only when TLS is configured. */
  imapsPort: number;
  /** The ManageSieve port, or null for no ManageSieve listener. */
  managesievePort: number | null;
  /** The HTTP API port, or null for no HTTP listener. */
  httpPort: number | null;
  tls: { keyFile: string; certFile: string } | 'dev' | null;
  allowInsecureAuth: boolean;
  logLevel: LogLevel;
  /** DNS server (`host:port`) for MX look-ups; undefined for the system's. */
  resolver: string | undefined;
  /** Port of remote MX hosts; undefined for 25. */
  remoteSmtpPort: number | undefined;
  /** The upstream relay for all outbound mail, or null for MX delivery. */
  smarthost: { host: string; port: number; auth?: { user: string; pass: string } } | null;
}

/** A parsed config file: where it is (relative paths in it resolve against its folder) and its keys. */
export interface ConfigFile {
  path: string;
  values: Record<string, unknown>;
}

/** The flag spelling of a setting: `smtpPort` → `smtp-port`. */
export function flagName(setting: string): string {
  return setting.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** The environment spelling of a setting: `smtpPort` → `POSTHOUSE_SMTP_PORT`. */
export function envName(setting: string): string {
  return `POSTHOUSE_${flagName(setting).replace(/-/g, '_').toUpperCase()}`;
}

/** The `serve` flags, generated from {@link SERVE_SETTINGS}, plus `--config`. */
export function serveFlags(): Record<string, FlagSpec> {
  const flags: Record<string, FlagSpec> = {};
  for (const [name, spec] of Object.entries(SERVE_SETTINGS) as Array<[SettingName, SettingSpec]>) {
    const type = spec.kind === 'boolean' ? 'boolean' : 'string';
    flags[flagName(name)] = spec.valueName === undefined ? { type, description: spec.description } : { type, valueName: spec.valueName, description: spec.description };
  }
  flags['config'] = { type: 'string', valueName: 'FILE', description: 'JSON config file with the same settings in camelCase (env POSTHOUSE_CONFIG)' };
  return flags;
}

/**
 * Merges the settings: a flag wins over its environment variable, which wins over the config
 * file, which wins over the default. Every bad value is a {@link UsageError} naming where it came from.
 */
export function resolveServeSettings(flags: Record<string, string | boolean | undefined>, env: NodeJS.ProcessEnv, config: ConfigFile | null): ServeSettings {
  if (config !== null) {
    const unknown = Object.keys(config.values).find((key) => !Object.hasOwn(SERVE_SETTINGS, key));
    if (unknown !== undefined) throw new UsageError(`config file ${config.path}: unknown key '${unknown}'`, 'serve');
  }
  const pick = <T>(name: SettingName): T | undefined => {
    const kind: SettingKind = SERVE_SETTINGS[name].kind;
    const flag = flags[flagName(name)];
    if (flag !== undefined && flag !== false) return parseText(kind, String(flag), `--${flagName(name)}`) as T;
    const fromEnv = env[envName(name)];
    if (fromEnv !== undefined && fromEnv !== '') return parseText(kind, fromEnv, envName(name)) as T;
    if (config === null || config.values[name] === undefined) return undefined;
    const value = parseJson(kind, config.values[name], `config file ${config.path}: ${name}`);
    return (kind === 'path' && !isAbsolute(value as string) ? resolve(dirname(config.path), value as string) : value) as T;
  };
  const tlsKey = pick<string>('tlsKey');
  const tlsCert = pick<string>('tlsCert');
  const devTls = pick<boolean>('devTls') ?? false;
  if ((tlsKey === undefined) !== (tlsCert === undefined)) throw new UsageError('--tls-key and --tls-cert go together', 'serve');
  if (devTls && tlsKey !== undefined) throw new UsageError('--dev-tls and --tls-key/--tls-cert exclude each other', 'serve');
  return {
    data: pick<string>('data') ?? './posthouse-data',
    host: pick<string>('host') ?? '127.0.0.1',
    hostname: pick<string>('hostname'),
    smtpPort: pick<boolean>('noSmtp') === true ? null : (pick<number>('smtpPort') ?? 2525),
    submissionPort: pick<boolean>('noSubmission') === true ? null : (pick<number>('submissionPort') ?? 2587),
    submissionsPort: pick<boolean>('noSubmission') === true || (!devTls && tlsKey === undefined) ? null : (pick<number>('submissionsPort') ?? 2465),
    imapPort: pick<boolean>('noImap') === true ? null : (pick<number>('imapPort') ?? 2143),
    imapsPort: pick<number>('imapsPort') ?? 2993,
    managesievePort: pick<boolean>('noManagesieve') === true ? null : (pick<number>('managesievePort') ?? 4190),
    httpPort: pick<boolean>('noHttp') === true ? null : (pick<number>('httpPort') ?? 8025),
    pop3Port: pick<boolean>('noPop3') === true ? null : (pick<number>('pop3Port') ?? 2110),
    pop3sPort: pick<boolean>('noPop3') === true || (!devTls && tlsKey === undefined) ? null : (pick<number>('pop3sPort') ?? 2995),
    tls: devTls ? 'dev' : tlsKey !== undefined && tlsCert !== undefined ? { keyFile: tlsKey, certFile: tlsCert } : null,
    allowInsecureAuth: pick<boolean>('allowInsecureAuth') ?? false,
    logLevel: pick<LogLevel>('logLevel') ?? 'info',
    resolver: hostAndPort(pick<string>('resolver'), '--resolver') === null ? undefined : pick<string>('resolver'),
    remoteSmtpPort: pick<number>('remoteSmtpPort'),
    smarthost: smarthostSetting(pick<string>('smarthost'), pick<string>('smarthostUser'), pick<string>('smarthostPass')),
  };
}

/** `host:port` split and checked; null when absent. */
function hostAndPort(text: string | undefined, source: string): { host: string; port: number } | null {
  if (text === undefined) return null;
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(text);
  if (match === null) throw new UsageError(`${source} must be HOST:PORT, got '${text}'`, 'serve');
  return { host: match[1] ?? match[2]!, port: checkPort(Number(match[3]), match[3]!, source) };
}

function smarthostSetting(text: string | undefined, user: string | undefined, pass: string | undefined): ServeSettings['smarthost'] {
  const relay = hostAndPort(text, '--smarthost');
  if ((user === undefined) !== (pass === undefined)) throw new UsageError('--smarthost-user and --smarthost-pass go together', 'serve');
  if (relay === null) {
    if (user !== undefined) throw new UsageError('--smarthost-user needs --smarthost', 'serve');
    return null;
  }
  return user === undefined || pass === undefined ? relay : { ...relay, auth: { user, pass } };
}

/** A value from a flag or an environment variable. */
function parseText(kind: SettingKind, text: string, source: string): string | number | boolean {
  switch (kind) {
    case 'port':
      return checkPort(/^\d+$/.test(text) ? Number(text) : Number.NaN, text, source);
    case 'boolean': {
      const lower = text.toLowerCase();
      if (['1', 'true', 'yes'].includes(lower)) return true;
      if (['0', 'false', 'no'].includes(lower)) return false;
      throw new UsageError(`${source} must be true or false (or 1/0, yes/no), got '${text}'`, 'serve');
    }
    case 'log-level':
      return checkLogLevel(text, source);
    case 'string':
    case 'path':
      if (text === '') throw new UsageError(`${source} must not be empty`, 'serve');
      return text;
  }
}

/** A value from the JSON config file: the JSON type must match. */
function parseJson(kind: SettingKind, value: unknown, source: string): string | number | boolean {
  switch (kind) {
    case 'port':
      return checkPort(typeof value === 'number' ? value : Number.NaN, JSON.stringify(value), source);
    case 'boolean':
      if (typeof value !== 'boolean') throw new UsageError(`${source} must be true or false, got ${JSON.stringify(value)}`, 'serve');
      return value;
    case 'log-level':
      return checkLogLevel(String(value), source);
    case 'string':
    case 'path':
      if (typeof value !== 'string' || value === '') throw new UsageError(`${source} must be a non-empty string, got ${JSON.stringify(value)}`, 'serve');
      return value;
  }
}

function checkPort(port: number, spelled: string, source: string): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`${source} must be a port number (0-65535), got ${spelled}`, 'serve');
  return port;
}

function checkLogLevel(text: string, source: string): LogLevel {
  if (!(LOG_LEVELS as readonly string[]).includes(text)) throw new UsageError(`${source} must be one of ${LOG_LEVELS.join(', ')}, got '${text}'`, 'serve');
  return text as LogLevel;
}
