import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseAddressHeader } from 'mailparser';
import { parseAddressValues, simpleMailbox, toHeaderAddresses } from '../../src/mime/addresses.js';
import { readHeaderSection } from '../../src/mime/header-section.js';
import { parseAddressList, parseEnvelopeAddresses } from '../../src/mime/imap-address-list.js';
import { matchSimpleMailbox } from '../../src/mime/simple-mailbox.js';
import { readCorpus } from '../helpers/corpus.js';

// mostly what a simple value holds, sometimes what makes it not simple
const mostly = <T,>(common: fc.Arbitrary<T>, rare: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: common }, { weight: 1, arbitrary: rare });
const nameChar = mostly(fc.constantFrom('A', 'z', ' ', '  ', '\t', '.', "'", 'é', '中', '-', '_', '!', '#', '?'), fc.constantFrom('"', '\\', '=', '(', ')', '<', '>', ',', ';', ':', '@', '[', ']', '\r\n'));
const localChar = mostly(fc.constantFrom('a', 'Z', '0', '.', '-', '+', '_', '!', '#', '~', 'x', 'n', '?', '/', "'"), fc.constantFrom('=', '"', ' ', '(', '@', '<', 'é', '\\'));
const domainChar = mostly(fc.constantFrom('a', 'Z', '0', '.', '-', 'x', 'n'), fc.constantFrom('_', '=', ' ', '(', '[', 'é', '>'));
const name = fc.array(nameChar, { maxLength: 12 }).map((chars) => chars.join(''));
const part = (char: fc.Arbitrary<string>) => fc.array(char, { minLength: 1, maxLength: 8 }).map((chars) => chars.join(''));
const address = fc.tuple(part(localChar), part(domainChar)).map(([local, domain]) => `${local}@${domain}`);
/** Address header values in the simple forms, with now and then a character that makes them not simple. */
const value = fc.oneof(
  fc.tuple(name, address).map(([n, a]) => `"${n}" <${a}>`),
  fc.tuple(name, address).map(([n, a]) => `${n} <${a}>`),
  fc.tuple(name, address).map(([n, a]) => `${n}<${a}>${n.slice(0, 2)}`),
  address.map((a) => ` ${a}\t`),
);

/** What mailparser makes of one value: the reading the fast path must match. */
const byMailparser = (value: string) => toHeaderAddresses(parseAddressHeader(value));

describe('simpleMailbox: the fast path for simple address values', () => {
  const simple: Array<[string, string, string]> = [
    ['"Example Shop" <orders@shop.example.test>', 'Example Shop', 'orders@shop.example.test'],
    ['Example Shop <a@b.example>', 'Example Shop', 'a@b.example'],
    ['Example  Shop\t<a@b.example>', 'Example  Shop', 'a@b.example'],
    ['<a@b.example>', '', 'a@b.example'],
    [' a@b.example ', '', 'a@b.example'],
    ['"" <a@b.example>', '', 'a@b.example'],
    ['" Ann " <a@b.example>', 'Ann', 'a@b.example'],
    ['Ann<a@b.example>', 'Ann', 'a@b.example'],
    ["O'Brien <o@b.example>", "O'Brien", 'o@b.example'],
    ['Zoë Ünïcødé <a@b.example>', 'Zoë Ünïcødé', 'a@b.example'],
  ];
  for (const [value, name, address] of simple) {
    it(`reads ${JSON.stringify(value)} as mailparser does`, () => {
      assert.deepEqual(simpleMailbox(value), { name, address });
      assert.deepEqual([simpleMailbox(value)], byMailparser(value));
    });
  }

  const notSimple = [
    '=?utf-8?Q?Zo=C3=AB?= <a@b.example>',
    '"=?utf-8?Q?Zo=C3=AB?=" <a@b.example>',
    'Ann (work) <a@b.example>',
    'a@b.example (Ann)',
    '"Ann \\"A\\"" <a@b.example>',
    'Ann <a@b.example>, Bob <b@b.example>',
    'friends: a@b.example;',
    'a <b@xn--p1ai>',
    'a@b.example <c@d.example>',
    'Ann',
    '',
  ];
  for (const value of notSimple) {
    it(`leaves ${JSON.stringify(value)} to mailparser`, () => assert.equal(simpleMailbox(value), null));
  }

  it('agrees with mailparser on every value it takes, whatever the characters', () => {
    let taken = 0;
    fc.assert(
      fc.property(value, (input) => {
        const fast = simpleMailbox(input);
        if (fast === null) return true;
        taken += 1;
        assert.deepEqual([fast], byMailparser(input), JSON.stringify(input));
        return true;
      }),
      { numRuns: 3000 },
    );
    assert.ok(taken > 300, `the fast path took only ${taken} of 3000 values`);
  });

  it('agrees with mailparser on the From, To and Cc of every corpus message', async () => {
    let taken = 0;
    for (const { name, bytes } of await readCorpus()) {
      for (const field of readHeaderSection(bytes).fields) {
        if (field.name !== 'from' && field.name !== 'to' && field.name !== 'cc') continue;
        const fast = simpleMailbox(field.value);
        if (fast === null) continue;
        taken += 1;
        assert.deepEqual([fast], byMailparser(field.value), `${name}: ${field.name}: ${JSON.stringify(field.value)}`);
      }
    }
    assert.ok(taken > 100, `the fast path took only ${taken} corpus values`);
  });

  it('parseAddressValues: one simple value takes the fast path, several values and the rest mailparser', () => {
    assert.deepEqual(parseAddressValues(['Ann <a@b.example>']), [{ name: 'Ann', address: 'a@b.example' }]);
    assert.deepEqual(parseAddressValues(['Ann <a@b.example>', 'b@b.example']), [
      { name: 'Ann', address: 'a@b.example' },
      { name: '', address: 'b@b.example' },
    ]);
    assert.deepEqual(parseAddressValues(['=?utf-8?Q?Zo=C3=AB?= <z@b.example>']), [{ name: 'Zoë', address: 'z@b.example' }]);
  });
});

describe('parseEnvelopeAddresses: the fast path for simple values', () => {
  it('reads every simple value as the general scan does', () => {
    let taken = 0;
    fc.assert(
      fc.property(value, (input) => {
        if (matchSimpleMailbox(input) === null) return true;
        taken += 1;
        assert.deepEqual(parseEnvelopeAddresses(input), parseAddressList(input), JSON.stringify(input));
        return true;
      }),
      { numRuns: 3000 },
    );
    assert.ok(taken > 300, `the fast path took only ${taken} of 3000 values`);
  });

  it('keeps what ENVELOPE shows of a name: white space folded, nothing decoded, empty as NIL', () => {
    assert.deepEqual(parseEnvelopeAddresses('"Example \t Shop" <orders@shop.example>'), [{ name: 'Example Shop', adl: null, mailbox: 'orders', host: 'shop.example' }]);
    assert.deepEqual(parseEnvelopeAddresses('"" <a@b.example>'), [{ name: null, adl: null, mailbox: 'a', host: 'b.example' }]);
    assert.deepEqual(parseEnvelopeAddresses('a@b.example'), [{ name: null, adl: null, mailbox: 'a', host: 'b.example' }]);
    assert.deepEqual(parseEnvelopeAddresses('=?utf-8?Q?Zo=C3=AB?= <z@b.example>'), [{ name: '=?utf-8?Q?Zo=C3=AB?=', adl: null, mailbox: 'z', host: 'b.example' }]);
  });
});
