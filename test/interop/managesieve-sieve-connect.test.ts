import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateDevCertificate } from '../../src/receiver/dev-tls.js';
import { createMailServer, type MailServer } from '../../src/server.js';
import { requireTool, runTool, type ToolRun } from '../helpers/external-tool.js';

const ACCOUNT = 'alice@example.test';
const PASSWORD = 'sieve connect secret';
/** UTF-8 in the script: the literal's size is in octets, not characters (RFC 5804 §4). */
const MAIN = 'require "fileinto";\nif header :contains "subject" "Rechnung für Müller" { fileinto "Invoices"; }\n';
const ARCHIVE = 'require "fileinto";\nfileinto "Archive";\n';
const BROKEN = 'keep;\nfrobnicate;\n';

/**
 * sieve-connect (Debian `sieve-connect`), a real ManageSieve client, against the whole server:
 * STARTTLS with a self-signed certificate (`--notlsverify`), AUTHENTICATE PLAIN only once TLS is
 * up (`--noclearauth`, and the server allows no clear-text auth), then each action of its command
 * line and of an `--exec` command file, checked against the script store after each.
 */
describe('sieve-connect against the ManageSieve listener', () => {
  let server: MailServer;
  let port: number;
  let workDirectory: string;

  before(async () => {
    server = createMailServer({ smtp: false, tls: await generateDevCertificate('localhost'), managesieve: { port: 0, host: '127.0.0.1', allowInsecureAuth: false } });
    await server.listen();
    await server.directory.addAccount(ACCOUNT, { createDomain: true, password: PASSWORD });
    port = server.addresses.managesieve!.port;
    workDirectory = await mkdtemp(path.join(tmpdir(), 'posthouse-sieve-connect-'));
    await writeFile(path.join(workDirectory, 'main.sieve'), MAIN);
    await writeFile(path.join(workDirectory, 'archive.sieve'), ARCHIVE);
    await writeFile(path.join(workDirectory, 'broken.sieve'), BROKEN);
  });
  after(async () => {
    await server?.close();
    if (workDirectory) await rm(workDirectory, { recursive: true, force: true });
  });

  /** Runs sieve-connect with the password on its standard input; resolves its exit code and output. */
  async function sieveConnect(args: string[], password = PASSWORD): Promise<ToolRun> {
    await requireTool('sieve-connect', 'sieve-connect');
    const common = ['--nosrv', '--server', '127.0.0.1', '--port', String(port), '--user', ACCOUNT, '--passwordfd', '0', '--notlsverify', '--noclearauth'];
    return runTool('sieve-connect', [...common, ...args.map((arg) => (arg.endsWith('.sieve') || arg.endsWith('.cmds') ? path.join(workDirectory, arg) : arg))], { input: `${password}\n` });
  }

  const rules = () => server.rules!;
  const names = async () => (await rules().list(ACCOUNT)).map((script) => `${script.name}${script.active ? ' ACTIVE' : ''}`);

  it('finds sieve-connect installed (a missing peer fails, never skips)', async () => {
    await requireTool('sieve-connect', 'sieve-connect');
  });

  it('--list on an account without scripts prints nothing and succeeds', async () => {
    const run = await sieveConnect(['--list']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
  });

  it('a wrong password fails and changes nothing', async () => {
    const run = await sieveConnect(['--upload', '--localsieve', 'main.sieve', '--remotesieve', 'main'], 'wrong password');
    assert.notEqual(run.code, 0);
    assert.deepEqual(await names(), []);
  });

  it('--upload stores the script byte for byte, inactive', async () => {
    const run = await sieveConnect(['--upload', '--localsieve', 'main.sieve', '--remotesieve', 'main']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(await rules().get(ACCOUNT, 'main'), MAIN);
    assert.deepEqual(await names(), ['main']);
    assert.equal(await rules().active(ACCOUNT), null);
  });

  it('--upload of a script that does not compile fails with the server reason and stores nothing', async () => {
    const run = await sieveConnect(['--upload', '--localsieve', 'broken.sieve', '--remotesieve', 'broken']);
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /PUTSCRIPT\(broken\) failed: NO "Script \\"broken\\" does not compile: line 2/);
    assert.deepEqual(await names(), ['main']);
  });

  it('--checkscript accepts a good script and refuses a broken one, storing neither', async () => {
    assert.equal((await sieveConnect(['--checkscript', '--localsieve', 'archive.sieve'])).code, 0);
    const broken = await sieveConnect(['--checkscript', '--localsieve', 'broken.sieve']);
    assert.notEqual(broken.code, 0);
    assert.match(broken.stderr, /CHECKSCRIPT failed: NO "line 2:1: unknown command 'frobnicate'"/);
    assert.deepEqual(await names(), ['main']);
  });

  it('--activate makes the script the active one; --list marks it', async () => {
    const run = await sieveConnect(['--activate', '--remotesieve', 'main']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal((await rules().active(ACCOUNT))?.name, 'main');
    const listed = await sieveConnect(['--list']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal(listed.stdout, '"main" ACTIVE\n');
  });

  it('--download writes back exactly what was uploaded', async () => {
    const run = await sieveConnect(['--download', '--remotesieve', 'main', '--localsieve', 'downloaded.sieve']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(await readFile(path.join(workDirectory, 'downloaded.sieve'), 'utf8'), MAIN);
  });

  it('--delete of the active script is refused; after --deactivate it goes', async () => {
    const refused = await sieveConnect(['--delete', '--remotesieve', 'main']);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /NO \(ACTIVE\)/);
    assert.deepEqual(await names(), ['main ACTIVE']);
    assert.equal((await sieveConnect(['--deactivate'])).code, 0);
    assert.equal(await rules().active(ACCOUNT), null);
    assert.equal((await sieveConnect(['--delete', '--remotesieve', 'main'])).code, 0);
    assert.deepEqual(await names(), []);
  });

  it('--exec runs a command file in one session: put, activate, view, delete, list', async () => {
    const commands = ['put main.sieve main', 'put archive.sieve archive', 'activate archive', 'view main', 'delete main', 'list', 'quit', ''].join('\n');
    await writeFile(path.join(workDirectory, 'session.cmds'), commands.replace(/(\S+\.sieve)/g, (file) => path.join(workDirectory, file)));
    const run = await sieveConnect(['--exec', 'session.cmds']);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.includes(MAIN), `view main printed:\n${run.stdout}`);
    assert.match(run.stdout, /"archive" ACTIVE\n+$/);
    assert.deepEqual(await names(), ['archive ACTIVE']);
    assert.equal((await rules().active(ACCOUNT))?.text, ARCHIVE);
  });
});
