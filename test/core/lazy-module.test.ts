import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { lazyImport, lazyRequire } from '../../src/core/lazy-module.js';

const require = createRequire(import.meta.url);
/** Whether a package's CommonJS files are loaded in this process (ESM imports of CommonJS land in this cache too). */
const loaded = (name: string): boolean => Object.keys(require.cache).some((file) => file.includes(`/node_modules/${name}/`));

describe('lazy modules', () => {
  it('loads a module on first use, once', async () => {
    let loads = 0;
    const load = lazyImport(async () => {
      loads++;
      return { value: 42 };
    });
    assert.equal(loads, 0);
    const [first, second] = await Promise.all([load(), load()]);
    assert.equal(first, second);
    assert.equal(loads, 1);
    const required = lazyRequire<typeof import('node:path')>('node:path');
    assert.equal(required(), required());
    assert.equal(typeof required().join, 'function');
  });

  it('importing posthouse loads no optional dependency until something needs it', async () => {
    const posthouse = await import('../../src/index.js');
    for (const name of ['mailauth', 'mailparser', 'mx-connect', 'selfsigned']) assert.equal(loaded(name), false, `${name} was loaded on import`);
    assert.equal(loaded('nodemailer/lib/smtp-connection'), false, "nodemailer's SMTP client was loaded on import");
    // a group needs mailparser's address parser (a lone address in a simple form does not)
    assert.equal(posthouse.headerFromDomain(Buffer.from('From: Team: jane@Example.COM, joe@example.com;\r\n\r\n')), 'example.com');
    assert.equal(loaded('mailparser'), true);
    const signed = await posthouse.signWithDkim(Buffer.from('From: a@example.com\r\nSubject: x\r\n\r\nhi\r\n'), posthouse.generateDkimKey('example.com', { algorithm: 'ed25519' }));
    assert.match(signed.toString('latin1'), /^DKIM-Signature: v=1; a=ed25519-sha256/);
    assert.equal(loaded('mailauth'), true);
  });
});
