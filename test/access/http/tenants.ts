import { createMailServer, type MailServer } from '../../../src/server.js';

/** A server with two tenants (a.test and b.test), one message each, and keys of every scope. */
export interface Tenants {
  server: MailServer;
  keys: { server: string; domainA: string; alice: string; domainB: string };
  close(): Promise<void>;
}

function message(to: string, subject: string): Buffer {
  return Buffer.from(
    [
      `From: Sender <sender@outside.test>`,
      `To: ${to}`,
      `Subject: ${subject}`,
      'Date: Mon, 02 Mar 2026 10:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      '',
      `<p>secret of ${to}</p>`,
      '--b1',
      'Content-Type: text/plain; name="note.txt"',
      'Content-Disposition: attachment; filename="note.txt"',
      '',
      `attachment for ${to}`,
      '--b1--',
      '',
    ].join('\r\n'),
  );
}

/** Starts the two-tenant server without listeners (requests go through `server.http.fetch`). */
export async function startTenants(): Promise<Tenants> {
  const server = createMailServer({ hostname: 'mx.test', smtp: false });
  await server.listen();
  await server.directory.addDomain('a.test');
  await server.directory.addDomain('b.test');
  for (const address of ['alice@a.test', 'carol@a.test', 'bob@b.test']) await server.directory.addAccount(address, { password: `pw-${address}` });
  await server.directory.addAlias('info@b.test', ['bob@b.test']);
  await server.rules!.put('bob@b.test', 'main', 'keep;');
  for (const account of ['alice@a.test', 'bob@b.test']) {
    await server.store.createMailbox(account, 'Kept');
    await server.store.deliver({ source: message(account, `hello ${account}`), targets: [{ account, mailbox: 'INBOX' }] });
  }
  const keys = {
    server: (await server.http.keys.create({ kind: 'server' })).key,
    domainA: (await server.http.keys.create({ kind: 'domain', domain: 'a.test' })).key,
    alice: (await server.http.keys.create({ kind: 'account', account: 'alice@a.test' })).key,
    domainB: (await server.http.keys.create({ kind: 'domain', domain: 'b.test' })).key,
  };
  return { server, keys, close: () => server.close({ graceMs: 0 }) };
}

/** Calls the API in process, as a web-standard host would. */
export async function call(server: MailServer, method: string, path: string, options: { key?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; text: string; json: any; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== undefined) headers['authorization'] = `Bearer ${options.key}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await server.http.fetch(new Request(`http://api.test${path}`, { method, headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) }));
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, text, json, headers: response.headers };
}
