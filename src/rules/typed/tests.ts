import type { ArgumentValue, CompiledTest } from '../model.js';
import type { RuleMessage } from '../engine/rule-message.js';
import type { Relation } from '../engine/match-types.js';
import { RuleError } from '../rule-error.js';

/** A test for a typed rule: build one with {@link header}, {@link from}, {@link size}, … */
export interface RuleTest {
  readonly node: CompiledTest;
}

/** A function predicate: anything Sieve cannot say. Rules holding one cannot be printed as Sieve. */
export type RulePredicate = (message: RuleMessage) => boolean | Promise<boolean>;

type Tags = Record<string, ArgumentValue | true>;
const strings = (values: readonly string[]): ArgumentValue => ({ kind: 'strings', values: [...values] });
const test = (name: string, tags: Tags, args: ArgumentValue[], tests: CompiledTest[] = []): RuleTest => ({ node: { name, tags, args, tests, position: null } });

function keysOf(keys: readonly string[], what: string): ArgumentValue {
  if (keys.length === 0) throw new RuleError(`${what} needs at least one key`);
  return strings(keys);
}

/**
 * Compares strings the way Sieve's match types do (RFC 5228 §2.7.1): case-insensitively
 * (`i;ascii-casemap`) unless {@link StringMatcher.caseSensitive} is used.
 */
export class StringMatcher {
  constructor(
    private readonly build: (tags: Tags, keys: ArgumentValue) => RuleTest,
    private readonly comparator: string | null = null,
  ) {}

  private with(tag: string, value: ArgumentValue | true, keys: readonly string[]): RuleTest {
    const tags: Tags = { [tag]: value };
    if (this.comparator !== null) tags[':comparator'] = { kind: 'string', value: this.comparator };
    return this.build(tags, keysOf(keys, tag));
  }

  /** Compare octet for octet (`i;octet`). */
  caseSensitive(): StringMatcher {
    return new StringMatcher(this.build, 'i;octet');
  }
  /** Compare as numbers (`i;ascii-numeric`, RFC 4790 §9.1), for {@link value}. */
  numeric(): StringMatcher {
    return new StringMatcher(this.build, 'i;ascii-numeric');
  }
  is(...keys: string[]): RuleTest {
    return this.with(':is', true, keys);
  }
  contains(...keys: string[]): RuleTest {
    return this.with(':contains', true, keys);
  }
  /** Wildcards `*` and `?`; `\\` escapes them. */
  matches(...patterns: string[]): RuleTest {
    return this.with(':matches', true, patterns);
  }
  /** POSIX extended regular expressions, guarded against catastrophic patterns. */
  regex(...patterns: string[]): RuleTest {
    return this.with(':regex', true, patterns);
  }
  /** Relational comparison of each value (RFC 5231 `:value`). */
  value(relation: Relation, ...keys: string[]): RuleTest {
    return this.with(':value', { kind: 'string', value: relation }, keys);
  }
  /** Relational comparison of how many values there are (RFC 5231 `:count`). */
  count(relation: Relation, count: number): RuleTest {
    const tags: Tags = { ':count': { kind: 'string', value: relation }, ':comparator': { kind: 'string', value: 'i;ascii-numeric' } };
    return this.build(tags, strings([String(count)]));
  }
}

/** An address test that can pick a part of the address first (RFC 5228 §2.7.4, RFC 5233). */
export class AddressMatcher extends StringMatcher {
  constructor(private readonly buildPart: (part: string) => (tags: Tags, keys: ArgumentValue) => RuleTest) {
    super(buildPart(':all'));
  }
  all(): StringMatcher {
    return new StringMatcher(this.buildPart(':all'));
  }
  localpart(): StringMatcher {
    return new StringMatcher(this.buildPart(':localpart'));
  }
  domain(): StringMatcher {
    return new StringMatcher(this.buildPart(':domain'));
  }
  /** The local part without `+detail`. */
  user(): StringMatcher {
    return new StringMatcher(this.buildPart(':user'));
  }
  /** The `+detail` (no match when there is none). */
  detail(): StringMatcher {
    return new StringMatcher(this.buildPart(':detail'));
  }
}

/** Header fields (RFC 5228 §5.7), RFC 2047-decoded. @example header('subject').contains('invoice') */
export function header(...names: [string, ...string[]]): StringMatcher & { exists(): RuleTest } {
  const matcher = new StringMatcher((tags, keys) => test('header', tags, [strings(names), keys])) as StringMatcher & { exists(): RuleTest };
  matcher.exists = () => test('exists', {}, [strings(names)]);
  return matcher;
}

/** Addresses in header fields (RFC 5228 §5.1). @example address('to', 'cc').domain().is('example.com') */
export function address(...names: [string, ...string[]]): AddressMatcher {
  return new AddressMatcher((part) => (tags, keys) => test('address', { ...(part === ':all' ? {} : { [part]: true }), ...tags }, [strings(names), keys]));
}

/** The From addresses. @example from().domain().is('billing.example') */
export const from = (): AddressMatcher => address('from');
/** The To addresses. */
export const to = (): AddressMatcher => address('to');

/** The SMTP envelope (RFC 5228 §5.4). @example envelope('to').detail().is('orders') */
export function envelope(part: 'from' | 'to'): AddressMatcher {
  return new AddressMatcher((addressPart) => (tags, keys) => test('envelope', { ...(addressPart === ':all' ? {} : { [addressPart]: true }), ...tags }, [strings([part]), keys]));
}

/** Whether all the named header fields exist (RFC 5228 §5.5). */
export const exists = (...names: [string, ...string[]]): RuleTest => test('exists', {}, [strings(names)]);

/** The message size in octets (RFC 5228 §5.9). @example size().over(1024 * 1024) */
export function size(): { over(octets: number): RuleTest; under(octets: number): RuleTest } {
  const check = (octets: number): ArgumentValue => {
    if (!Number.isSafeInteger(octets) || octets < 0) throw new RuleError(`size needs a whole number of octets, not ${octets}`);
    return { kind: 'number', value: octets };
  };
  return { over: (octets) => test('size', { ':over': true }, [check(octets)]), under: (octets) => test('size', { ':under': true }, [check(octets)]) };
}

/** The body, MIME-decoded to text (RFC 5173 `:text`); `.raw()` or `.content(types)` to choose. */
export function body(): StringMatcher & { raw(): StringMatcher; content(...types: string[]): StringMatcher } {
  const over = (transform: Tags) => new StringMatcher((tags, keys) => test('body', { ...transform, ...tags }, [keys]));
  return Object.assign(over({}), { raw: () => over({ ':raw': true }), content: (...types: string[]) => over({ ':content': strings(types) }) });
}

/** Whether the flags set so far (imap4flags) include these. */
export const hasFlag = (...flags: [string, ...string[]]): RuleTest => test('hasflag', {}, [strings(flags)]);

/** Every test holds (RFC 5228 §5.2). */
export const allOf = (...tests: RuleTest[]): RuleTest => test('allof', {}, [], tests.map((entry) => entry.node));
/** At least one test holds (RFC 5228 §5.3). */
export const anyOf = (...tests: RuleTest[]): RuleTest => test('anyof', {}, [], tests.map((entry) => entry.node));
/** The test does not hold (RFC 5228 §5.8). */
export const not = (inner: RuleTest): RuleTest => test('not', {}, [], [inner.node]);

/** Wraps a function predicate as a test (see {@link RulePredicate}). */
export function predicate(fn: RulePredicate): RuleTest {
  return { node: { name: 'x-predicate', tags: {}, args: [], tests: [], position: null, predicate: fn } };
}
