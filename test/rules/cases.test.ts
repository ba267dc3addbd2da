import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { applyHeaderEdits } from '../../src/rules/index.js';
import { comparable, readCases, runCase } from './case-runner.js';

const roots = {
  shared: fileURLToPath(new URL('../../../shared/sieve/cases', import.meta.url)),
  own: fileURLToPath(new URL('./cases', import.meta.url)),
};

for (const [label, root] of Object.entries(roots)) {
  describe(`Sieve cases (${label}: ${root})`, () => {
    const cases = readCases(root);
    it('finds the cases', () => assert.ok(cases.length > 0));
    for (const sieveCase of cases) {
      it(sieveCase.name, async () => {
        const result = await runCase(sieveCase);
        assert.equal(result.status, sieveCase.expected.status, JSON.stringify(result.diagnostics));
        if (result.status !== 'ok') {
          // sieve-test reports nothing for a failed run; the delivery still keeps the message.
          if (result.status === 'error') assert.deepEqual(result.implicit_keep, { type: 'store', mailbox: 'INBOX', flags: [], copy: false });
          return;
        }
        assert.deepEqual(comparable(result.actions), comparable(sieveCase.expected.actions));
        assert.deepEqual(result.implicit_keep, sieveCase.expected.implicit_keep);
        const sent = sieveCase.expected.execution?.vacation_sent ?? [];
        const vacation = result.actions.find((action) => action.type === 'vacation');
        if (vacation !== undefined && vacation.type === 'vacation') assert.equal(vacation.suppressed === undefined, sent.length > 0, vacation.suppressed);
        // The filed copy's header lines, after editheader (sieve-test adds Return-Path only when the message has one).
        const edited = applyHeaderEdits(sieveCase.message, result.actions).toString('utf8');
        const headerLines = edited.slice(0, edited.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ').split('\r\n');
        for (const [mailbox, copies] of Object.entries(sieveCase.expected.execution?.stored_messages ?? {})) {
          assert.deepEqual(headerLines, returnPathFirst(copies[0]!.headers), `headers filed into ${mailbox}`);
        }
      });
    }
  });
}

/**
 * sieve-test treats a Return-Path in its input as an ordinary field, so `addheader` goes above it;
 * posthouse keeps the Return-Path its deliverer writes at the top (RFC 5321 §4.4) and adds below it.
 */
function returnPathFirst(lines: readonly string[]): string[] {
  const isReturnPath = (line: string) => /^return-path:/i.test(line);
  return [...lines.filter(isReturnPath), ...lines.filter((line) => !isReturnPath(line))];
}
