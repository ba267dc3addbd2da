import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compileSieve, evaluateRules, RuleError } from '../../src/rules/index.js';
import { fakeServices } from './fake-services.js';

const environment = { mailFrom: 'bob@example.org', rcptTo: 'alice@example.com', account: 'alice@example.com', now: new Date('2024-06-01T00:00:00Z') };
const words = ['require', '"fileinto"', '"variables"', '"regex"', 'if', 'header', ':matches', ':regex', '"subject"', '"*a*b*"', '"(a|b)*c"', 'fileinto', '"${1}"', 'set', '"x"', 'keep', 'stop', ';', '{', '}', '(', ')', '[', ']', ',', 'allof', 'anyof', 'not', 'true', 'discard', 'size', ':over', '1K', 'body', ':text', '"text:\n.\n"', '#c\n'];
const scriptText = fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.constantFrom(...words), { maxLength: 60 }).map((parts) => parts.join(' ')));
const messageBytes = fc.oneof(
  fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ maxLength: 300 }).map((text) => Buffer.from(`Subject: ${text}\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n${text}\r\n--b--\r\n`)),
);

describe('hostile scripts and messages', () => {
  it('compile and evaluate never throw anything but a RuleError, and stay within their limits', async () => {
    await fc.assert(
      fc.asyncProperty(scriptText, messageBytes, async (script, message) => {
        try {
          const outcome = compileSieve(script, { limits: { maxSteps: 2000 } });
          if (!outcome.ok) {
            assert.ok(outcome.diagnostics.length > 0);
            return;
          }
          const result = await evaluateRules([{ origin: 'personal', rules: outcome.rules }], message, environment, fakeServices(), { maxSteps: 2000 });
          assert.ok(['ok', 'error'].includes(result.status));
          assert.ok(result.trace.length <= 2001);
        } catch (error) {
          if (!(error instanceof RuleError)) throw error;
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a catastrophic regex on a long subject is refused at compile time', () => {
    const outcome = compileSieve('require "regex"; if header :regex "subject" "^(a|aa)+$" { discard; }');
    assert.equal(outcome.ok, false);
  });
});
