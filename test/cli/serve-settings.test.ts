import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readConfigFile } from '../../src/cli/config-file.js';
import { envName, flagName, resolveServeSettings } from '../../src/cli/serve-settings.js';
import { UsageError } from '../../src/cli/usage-error.js';

const config = (values: Record<string, unknown>) => ({ path: '/etc/posthouse/config.json', values });

describe('serve settings', () => {
  it('spells each setting as a flag, an environment variable and a config key', () => {
    assert.equal(flagName('smtpPort'), 'smtp-port');
    assert.equal(envName('smtpPort'), 'POSTHOUSE_SMTP_PORT');
    assert.equal(envName('allowInsecureAuth'), 'POSTHOUSE_ALLOW_INSECURE_AUTH');
  });

  it('has the documented defaults', () => {
    assert.deepEqual(resolveServeSettings({}, {}, null), {
      data: './posthouse-data',
      host: '127.0.0.1',
      hostname: undefined,
      smtpPort: 2525,
      imapPort: 2143,
      imapsPort: 2993,
      managesievePort: 4190,
      httpPort: 8025,
      pop3Port: 2110,
      pop3sPort: null,
      submissionPort: 2587,
      submissionsPort: null,
      tls: null,
      allowInsecureAuth: false,
      logLevel: 'info',
      resolver: undefined,
      remoteSmtpPort: undefined,
      smarthost: null,
    });
  });

  it('takes a flag over the environment over the config file over the default', () => {
    const file = config({ smtpPort: 3000, host: '0.0.0.0', data: 'from-config', logLevel: 'debug' });
    const env = { POSTHOUSE_SMTP_PORT: '4000', POSTHOUSE_HOST: '::1' };
    const settings = resolveServeSettings({ 'smtp-port': '5000' }, env, file);
    assert.equal(settings.smtpPort, 5000);
    assert.equal(settings.host, '::1');
    assert.equal(settings.data, '/etc/posthouse/from-config', 'relative config paths resolve against the config folder');
    assert.equal(settings.logLevel, 'debug');
    assert.equal(resolveServeSettings({}, env, file).smtpPort, 4000);
    assert.equal(resolveServeSettings({}, {}, file).smtpPort, 3000);
    assert.equal(resolveServeSettings({}, { POSTHOUSE_SMTP_PORT: '' }, file).smtpPort, 3000, 'an empty variable counts as unset');
  });

  it('turns SMTP off by flag, variable or config key, and TLS on in either form', () => {
    assert.equal(resolveServeSettings({ 'no-smtp': true }, {}, null).smtpPort, null);
    assert.equal(resolveServeSettings({}, { POSTHOUSE_NO_SMTP: 'yes' }, null).smtpPort, null);
    assert.equal(resolveServeSettings({}, { POSTHOUSE_NO_SMTP: '0' }, config({ noSmtp: true })).smtpPort, 2525);
    assert.equal(resolveServeSettings({}, {}, config({ noSmtp: true })).smtpPort, null);
    assert.equal(resolveServeSettings({ 'dev-tls': true }, {}, null).tls, 'dev');
    assert.deepEqual(resolveServeSettings({ 'tls-key': 'k.pem' }, { POSTHOUSE_TLS_CERT: 'c.pem' }, null).tls, { keyFile: 'k.pem', certFile: 'c.pem' });
  });

  const rejected: Array<[string, Record<string, string | boolean>, NodeJS.ProcessEnv, Record<string, unknown> | null, RegExp]> = [
    ['a port out of range', { 'smtp-port': '65536' }, {}, null, /--smtp-port must be a port number \(0-65535\), got 65536/],
    ['a port that is not a number', {}, { POSTHOUSE_SMTP_PORT: '25x' }, null, /POSTHOUSE_SMTP_PORT must be a port number/],
    ['a port given as a string in JSON', {}, {}, { smtpPort: '25' }, /config file .*: smtpPort must be a port number/],
    ['an unknown config key', {}, {}, { smtp_port: 25 }, /unknown key 'smtp_port'/],
    ['a boolean variable that is not one', {}, { POSTHOUSE_DEV_TLS: 'maybe' }, null, /POSTHOUSE_DEV_TLS must be true or false/],
    ['an unknown log level', { 'log-level': 'loud' }, {}, null, /--log-level must be one of silent, error, warn, info, debug/],
    ['a key without its certificate', { 'tls-key': 'k.pem' }, {}, null, /--tls-key and --tls-cert go together/],
    ['dev TLS with real TLS', { 'dev-tls': true, 'tls-key': 'k', 'tls-cert': 'c' }, {}, null, /exclude each other/],
  ];
  for (const [what, flags, env, values, message] of rejected) {
    it(`rejects ${what}`, () => {
      assert.throws(() => resolveServeSettings(flags, env, values === null ? null : config(values)), (error) => error instanceof UsageError && message.test(error.message));
    });
  }
});

describe('config file', () => {
  it('reads a JSON object and refuses anything else with a precise message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'posthouse-config-'));
    try {
      const good = join(dir, 'good.json');
      await writeFile(good, '{ "smtpPort": 2626 }');
      assert.deepEqual(await readConfigFile(good), { path: good, values: { smtpPort: 2626 } });
      const cases: Array<[string, RegExp]> = [
        ['{ "smtpPort": ', /is not valid JSON/],
        ['[1, 2]', /must hold a JSON object/],
      ];
      for (const [text, message] of cases) {
        const path = join(dir, 'bad.json');
        await writeFile(path, text);
        await assert.rejects(readConfigFile(path), (error) => error instanceof UsageError && message.test(error.message));
      }
      await assert.rejects(readConfigFile(join(dir, 'missing.json')), /cannot read config file .*missing\.json: ENOENT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
