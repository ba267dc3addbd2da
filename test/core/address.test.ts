import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatAddress, normalizeAddress, parseAddress } from '../../src/core/address.js';
import { isPosthouseError } from '../../src/errors/index.js';

function rejects(input: string, message: RegExp, options?: Parameters<typeof parseAddress>[1]): void {
  assert.throws(
    () => parseAddress(input, options),
    (error: unknown) => isPosthouseError(error, 'ADDRESS_INVALID') && message.test(error.message),
    `expected ${JSON.stringify(String(input).slice(0, 80))} to be rejected with ${message}`,
  );
}

describe('parseAddress: accepted forms', () => {
  const cases: Array<[string, string]> = [
    ['alice@example.com', 'alice@example.com'],
    ['Alice@Example.COM', 'alice@example.com'],
    ['<alice@example.com>', 'alice@example.com'],
    ['  < alice@example.com >  ', 'alice@example.com'],
    ['first.last@sub.example.co.uk', 'first.last@sub.example.co.uk'],
    ["o'brien!#$%&*=?^_`{|}~-/@example.com", "o'brien!#$%&*=?^_`{|}~-/@example.com"],
    ['"john doe"@example.com', '"john doe"@example.com'],
    ['"John.Doe"@example.com', 'john.doe@example.com'],
    ['"a\\"b"@example.com', '"a\\"b"@example.com'],
    ['"a\\\\b"@example.com', '"a\\\\b"@example.com'],
    ['"a@b"@example.com', '"a@b"@example.com'],
    ['"a..b"@example.com', '"a..b"@example.com'],
    ['user@bücher.de', 'user@xn--bcher-kva.de'],
    ['user@BÜCHER.DE', 'user@xn--bcher-kva.de'],
    ['user@xn--bcher-kva.de', 'user@xn--bcher-kva.de'],
    ['user@[192.0.2.1]', 'user@[192.0.2.1]'],
    ['user@[IPv6:2001:db8::1]', 'user@[IPv6:2001:db8::1]'],
    ['Δοκιμή@παράδειγμα.δοκιμή', 'δοκιμή@xn--hxajbheg2az3al.xn--jxalpdlp'],
    ['用户@例子.测试', '用户@xn--fsqu00a.xn--0zwm56d'],
    ['x@a.b', 'x@a.b'],
    ['a-b@x-y.example', 'a-b@x-y.example'],
  ];
  for (const [input, expected] of cases) {
    it(`${input} -> ${expected}`, () => assert.equal(normalizeAddress(input), expected));
  }

  it('reports the parts', () => {
    assert.deepEqual(parseAddress('<Alice+News@Bücher.DE>'), {
      localPart: 'Alice+News',
      domain: 'xn--bcher-kva.de',
      unicodeDomain: 'bücher.de',
      address: 'alice+news@xn--bcher-kva.de',
      base: 'alice@xn--bcher-kva.de',
      detail: 'News',
      smtpUtf8: false,
    });
  });

  it('marks UTF-8 local parts as needing SMTPUTF8, not IDN domains', () => {
    assert.equal(parseAddress('josé@example.com').smtpUtf8, true);
    assert.equal(parseAddress('jose@bücher.de').smtpUtf8, false);
  });

  it('folds UTF-8 local parts to NFC', () => {
    assert.equal(normalizeAddress('jose\u0301@example.com'), 'jos\u00e9@example.com');
  });
});

describe('parseAddress: sub-addressing (RFC 5233)', () => {
  it('takes the detail after the first separator', () => {
    const parsed = parseAddress('user+a+b@example.com');
    assert.equal(parsed.base, 'user@example.com');
    assert.equal(parsed.detail, 'a+b');
  });
  it('treats an empty detail as a detail', () => {
    assert.equal(parseAddress('user+@example.com').detail, '');
    assert.equal(parseAddress('user+@example.com').base, 'user@example.com');
  });
  it('ignores a separator that opens the local part', () => {
    const parsed = parseAddress('+tag@example.com');
    assert.equal(parsed.detail, null);
    assert.equal(parsed.base, '+tag@example.com');
  });
  it('honours another separator, or none', () => {
    assert.equal(parseAddress('user-tag@example.com', { subaddressSeparator: '-' }).base, 'user@example.com');
    assert.equal(parseAddress('user+tag@example.com', { subaddressSeparator: '-' }).detail, null);
    assert.equal(parseAddress('user+tag@example.com', { subaddressSeparator: null }).base, 'user+tag@example.com');
  });
  it('re-quotes the base of a quoted local part only when needed', () => {
    assert.equal(parseAddress('"john doe+x"@example.com').base, '"john doe"@example.com');
    assert.equal(parseAddress('"john+x y"@example.com').base, 'john@example.com');
  });
  it('keeps the case of the local part when asked', () => {
    const parsed = parseAddress('Alice+Tag@Example.com', { caseSensitiveLocalPart: true });
    assert.equal(parsed.address, 'Alice+Tag@example.com');
    assert.equal(parsed.base, 'Alice@example.com');
  });
  it('rejects an empty separator as a configuration error', () => {
    assert.throws(() => parseAddress('a@b.c', { subaddressSeparator: '' }), (error: unknown) => isPosthouseError(error, 'CONFIG_INVALID'));
  });
});

describe('parseAddress: rejected forms', () => {
  const cases: Array<[string, RegExp]> = [
    ['', /empty/],
    ['   ', /empty/],
    ['<>', /empty/],
    ['alice', /no "@"/],
    ['@example.com', /empty local part/],
    ['alice@', /empty domain/],
    ['""@example.com', /empty local part/],
    ['a@b@example.com', /more than one "@"/],
    ['<alice@example.com', /without closing/],
    ['alice@example.com>', /without opening/],
    ['.alice@example.com', /starts or ends with a dot/],
    ['alice.@example.com', /starts or ends with a dot/],
    ['al..ice@example.com', /consecutive dots/],
    ['john doe@example.com', /must be quoted/],
    ['a,b@example.com', /must be quoted/],
    ['"unclosed@example.com', /missing its closing quote/],
    ['"a"b@example.com', /followed directly by "@"/],
    ['"a\tb"@example.com', /control character/],
    ['a\u0001b@example.com', /control character/],
    ['a\r\nb@example.com', /CR, LF or NUL/],
    ['a@exa\nmple.com', /CR, LF or NUL/],
    ['a\0@example.com', /CR, LF or NUL/],
    ['a@.example.com', /starts or ends with a dot/],
    ['a@example.com.', /starts or ends with a dot/],
    ['a@exa..mple.com', /empty label/],
    ['a@-example.com', /inner hyphens/],
    ['a@example-.com', /inner hyphens/],
    ['a@exa_mple.com', /not a letter/],
    ['a@exa%41mple.com', /not a letter/],
    ['a@exa mple.com', /not a letter/],
    ['a@xn--zz.com', /internationalised/],
    ['a@192.0.2.1', /ends in a number/],
    ['a@0x7f.1', /ends in a number/],
    ['a@[192.0.2.1', /closing "\]"/],
    ['a@[300.0.2.1]', /neither an IPv4/],
    ['a@[IPv6:nope]', /neither an IPv4/],
    ['a@[example.com]', /neither an IPv4/],
    [`${'a'.repeat(65)}@example.com`, /64 octets/],
    [`${'é'.repeat(33)}@example.com`, /64 octets/],
    [`a@${'b'.repeat(64)}.com`, /63 octets/],
    [`a@${Array.from({ length: 60 }, () => 'abcd').join('.')}.com`, /255 octets/],
    [`${'a'.repeat(64)}@${Array.from({ length: 40 }, () => 'abcde').join('.')}.com`, /longer than 254 octets/],
    ['a'.repeat(1_000_000), /longer than 254 octets/],
  ];
  for (const [input, message] of cases) {
    it(`rejects ${JSON.stringify(input.slice(0, 60))}`, () => rejects(input, message));
  }
  it('rejects what is not a string', () => rejects(42 as unknown as string, /must be a string/));
});

describe('formatAddress', () => {
  it('quotes only when needed', () => {
    assert.equal(formatAddress('alice', 'example.com'), 'alice@example.com');
    assert.equal(formatAddress('john doe', 'example.com'), '"john doe"@example.com');
    assert.equal(formatAddress('a"b\\c', 'example.com'), '"a\\"b\\\\c"@example.com');
    assert.equal(formatAddress('.a', 'example.com'), '".a"@example.com');
  });
  it('round-trips through parseAddress', () => {
    for (const localPart of ['john doe', 'a"b', 'x\\y', 'a..b', 'plain']) {
      assert.equal(parseAddress(formatAddress(localPart, 'example.com')).localPart, localPart);
    }
  });
});

describe('parseAddress: properties', () => {
  const localCharacter = fc.constantFrom(...'abcXYZ09.+-_"\\ @é用!'.split(''));
  const domainCharacter = fc.constantFrom(...'abcXYZ09.-é[]:%_'.split(''));
  const candidate = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.tuple(fc.string({ unit: localCharacter, maxLength: 20 }), fc.string({ unit: domainCharacter, maxLength: 20 })).map(([local, domain]) => `${local}@${domain}`),
    fc.tuple(fc.string({ unit: localCharacter, maxLength: 20 }), fc.domain()).map(([local, domain]) => `"${local}"@${domain}`),
    fc.emailAddress(),
  );

  it('throws nothing but PosthouseError', () => {
    fc.assert(
      fc.property(candidate, (input) => {
        try {
          parseAddress(input);
        } catch (error) {
          assert.ok(isPosthouseError(error, 'ADDRESS_INVALID'), `unexpected ${String(error)}`);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('normalisation is idempotent and keeps the parts', () => {
    fc.assert(
      fc.property(candidate, fc.boolean(), (input, caseSensitiveLocalPart) => {
        let once;
        try {
          once = parseAddress(input, { caseSensitiveLocalPart });
        } catch {
          return;
        }
        const twice = parseAddress(once.address, { caseSensitiveLocalPart });
        assert.equal(twice.address, once.address);
        assert.equal(twice.base, once.base);
        assert.equal(parseAddress(once.base, { caseSensitiveLocalPart }).address, once.base);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts every address fast-check calls valid', () => {
    fc.assert(fc.property(fc.emailAddress(), (input) => void parseAddress(input)), { numRuns: 1000 });
  });
});

describe('parseAddress: the cache of recent results', () => {
  it('returns the same frozen result for the same input and options, and keeps options apart', () => {
    const first = parseAddress('Bob-Tag@Example.test');
    assert.equal(parseAddress('Bob-Tag@Example.test'), first);
    assert.ok(Object.isFrozen(first));
    assert.equal(first.detail, null);
    const dashed = parseAddress('Bob-Tag@Example.test', { subaddressSeparator: '-' });
    assert.equal(dashed.detail, 'Tag');
    assert.equal(parseAddress('Bob-Tag@Example.test', { subaddressSeparator: null }).detail, null);
    assert.equal(parseAddress('Bob-Tag@Example.test', { caseSensitiveLocalPart: true }).address, 'Bob-Tag@example.test');
    assert.equal(parseAddress('Bob-Tag@Example.test').address, 'bob-tag@example.test');
    assert.throws(() => parseAddress('bad@@example.test'));
    assert.throws(() => parseAddress('bad@@example.test'), 'a failure is not cached as a success');
  });
});
