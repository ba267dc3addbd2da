import assert from 'node:assert/strict';
import { it } from 'node:test';
import { envelope, from, header, rule, type RuleBuilder, type RuleMessage, type RuleTest } from '../../src/rules/index.js';

// Type-level checks, enforced by `tsc --noEmit`: each line fails to compile if inference breaks.
const built: RuleBuilder = rule('invoices').when(header('subject').contains('invoice'), from().domain().is('billing.example')).fileInto('Invoices', { flags: ['\\Flagged'] });
const test: RuleTest = from().detail().matches('*');
const predicate = rule('p').when((message: RuleMessage) => message.size > 0);
// @ts-expect-error a relation must be one of RFC 5231's
header('x').value('bigger', '1');
// @ts-expect-error envelope parts are "from" or "to"
void (() => envelope('cc'));

it('typed rules infer without annotations', () => {
  assert.equal(built.name, 'invoices');
  assert.equal(test.node.name, 'address');
  assert.equal(predicate.toCommands()[0]!.test!.name, 'x-predicate');
});
