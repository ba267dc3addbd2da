import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { passwordFrom } from '../../src/cli/read-password.js';
import { runCli } from '../../src/cli/run-cli.js';

/** Runs a command line in-process and collects what it printed. */
async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env: {},
    stdin: Readable.from([]),
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
  });
  return { code, stdout, stderr };
}

describe('runCli: help', () => {
  const helps: Array<[string[], RegExp[]]> = [
    [['--help'], [/^Usage: posthouse \[command\] \[flags\]/, /serve/, /accounts/, /domains/, /aliases/]],
    [['-h'], [/^Usage: posthouse \[command\]/]],
    [['serve', '--help'], [/^Usage: posthouse serve/, /--smtp-port N/, /--no-smtp/, /--tls-key FILE/, /--dev-tls/, /--allow-insecure-auth/, /--config FILE/, /--log-level LEVEL/, /POSTHOUSE_SMTP_PORT/]],
    [['accounts', '--help'], [/^Usage: posthouse accounts <sub-command>/, /accounts add/, /accounts list/, /accounts remove/, /accounts passwd/]],
    [['accounts', 'add', '--help'], [/^Usage: posthouse accounts add ADDRESS/, /--password PW/, /--data DIR/, /--password - reads/]],
    [['accounts', 'list', '-h'], [/^Usage: posthouse accounts list/, /--domain DOMAIN/]],
    [['accounts', 'remove', '--help'], [/^Usage: posthouse accounts remove ADDRESS/]],
    [['accounts', 'passwd', '--help'], [/^Usage: posthouse accounts passwd ADDRESS --password PW/]],
    [['domains', '--help'], [/domains add/, /domains list/, /domains remove/]],
    [['domains', 'add', '--help'], [/^Usage: posthouse domains add DOMAIN/, /--catch-all ADDRESS/]],
    [['domains', 'list', '--help'], [/^Usage: posthouse domains list/]],
    [['domains', 'remove', '--help'], [/^Usage: posthouse domains remove DOMAIN/]],
    [['aliases', '--help'], [/aliases add/, /aliases list/, /aliases remove/]],
    [['aliases', 'add', '--help'], [/^Usage: posthouse aliases add ALIAS TARGET\[,TARGET\.\.\.\]/]],
    [['aliases', 'list', '--help'], [/^Usage: posthouse aliases list/]],
    [['aliases', 'remove', '--help'], [/^Usage: posthouse aliases remove ALIAS/]],
  ];
  for (const [argv, patterns] of helps) {
    it(`posthouse ${argv.join(' ')} prints its help and exits 0`, async () => {
      const { code, stdout, stderr } = await run(...argv);
      assert.equal(code, 0);
      assert.equal(stderr, '');
      for (const pattern of patterns) assert.match(stdout, pattern);
    });
  }
});

describe('runCli: bad command lines exit 2 with one line on stderr', () => {
  const bad: Array<[string[], string]> = [
    [['bogus'], "posthouse: unknown command 'bogus' (see posthouse --help)\n"],
    [['--bogus'], "posthouse: unknown option '--bogus' (see posthouse serve --help)\n"],
    [['serve', 'extra'], "posthouse: unexpected argument 'extra' (see posthouse serve --help)\n"],
    [['serve', '--smtp-prot', '2525'], "posthouse: unknown option '--smtp-prot' (see posthouse serve --help)\n"],
    [['accounts'], "posthouse: 'accounts' needs a sub-command: add, list, remove, passwd (see posthouse accounts --help)\n"],
    [['accounts', 'rename'], "posthouse: unknown sub-command 'accounts rename' (one of: add, list, remove, passwd) (see posthouse accounts --help)\n"],
    [['accounts', 'add', 'a@example.com', '--pasword', 'x'], "posthouse: unknown option '--pasword' (see posthouse accounts add --help)\n"],
    [['accounts', 'passwd', 'a@example.com'], 'posthouse: --password is required (see posthouse accounts passwd --help)\n'],
    [['domains', 'remove'], 'posthouse: missing argument: posthouse domains remove DOMAIN [--data DIR] (see posthouse domains remove --help)\n'],
    [['aliases', 'add', 'a@example.com', ',,'], 'posthouse: aliases add needs at least one target address (see posthouse aliases add --help)\n'],
    [['serve', '--smtp-port', '-1'], "posthouse: --smtp-port needs a value (write --smtp-port=VALUE for one that starts with '-') (see posthouse serve --help)\n"],
    [['accounts', 'list', '--data'], 'posthouse: --data needs a value (see posthouse accounts list --help)\n'],
    [['serve', '--no-smtp=yes'], 'posthouse: --no-smtp takes no value (see posthouse serve --help)\n'],
  ];
  for (const [argv, message] of bad) {
    it(`posthouse ${argv.join(' ')}`, async () => {
      const { code, stdout, stderr } = await run(...argv);
      assert.deepEqual({ code, stdout, stderr }, { code: 2, stdout: '', stderr: message });
    });
  }
});

describe('passwordFrom', () => {
  it('takes the flag as it is, or the first line of stdin for -', async () => {
    assert.equal(await passwordFrom('s3cret', Readable.from([]), 'x'), 's3cret');
    assert.equal(await passwordFrom('-', Readable.from(['pa', 'ss word\r\nnext line\n']), 'x'), 'pass word');
    await assert.rejects(passwordFrom('-', Readable.from(['\n']), 'x'), /no password on stdin/);
    await assert.rejects(passwordFrom('-', Readable.from(['x'.repeat(5000)]), 'x'), /longer than 4096 bytes/);
  });
});
