import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { DEFAULT_IMAP_LIMITS } from '../../../src/access/imap/limits.js';
import { decodeModifiedUtf7, encodeModifiedUtf7 } from '../../../src/access/imap/mailbox/modified-utf7.js';
import { parseSequenceSet } from '../../../src/access/imap/sequence-set.js';
import { CommandSyntaxError, parseCommand } from '../../../src/access/imap/wire/command-parser.js';
import type { ImapToken } from '../../../src/access/imap/types.js';

const parse = (lines: string[], literals: string[] = [], limits = DEFAULT_IMAP_LIMITS) =>
  parseCommand({ lines: lines.map((line) => Buffer.from(line)), literals: literals.map((literal) => Buffer.from(literal)) }, limits);

const text = (value: string): ImapToken => ({ type: 'string', value: Buffer.from(value), literal: false });

describe('command parser', () => {
  it('reads tag, name, UID and atoms, numbers, NIL', () => {
    assert.deepEqual(parse(['a1 uid fetch 1:* (FLAGS UID) NIL 42']), {
      tag: 'a1',
      name: 'FETCH',
      uid: true,
      args: [{ type: 'atom', value: '1:*' }, { type: 'list', items: [{ type: 'atom', value: 'FLAGS' }, { type: 'atom', value: 'UID' }] }, { type: 'nil' }, { type: 'number', value: 42 }],
    });
  });

  it('unescapes quoted strings and keeps their bytes', () => {
    assert.deepEqual(parse(['a LOGIN "us\\"er" "p\\\\w d"']).args, [text('us"er'), text('p\\w d')]);
    assert.deepEqual(parse(['a SELECT "Entwürfe"']).args, [text('Entwürfe')]);
  });

  it('takes literals (sync, LITERAL+, literal8) where their line announced them', () => {
    const command = parse(['a APPEND INBOX (\\Seen) {5}', ' ~{3+}', ''], ['hello', 'a\r\n']);
    assert.deepEqual(command.args, [
      { type: 'atom', value: 'INBOX' },
      { type: 'list', items: [{ type: 'atom', value: '\\Seen' }] },
      { type: 'string', value: Buffer.from('hello'), literal: true },
      { type: 'string', value: Buffer.from('a\r\n'), literal: true, literal8: true },
    ]);
  });

  it('reads sections and partial ranges as one atom', () => {
    const [body, peek] = parse(['a FETCH 1 BODY[HEADER.FIELDS (From To)]<0.100> BODY.PEEK[]']).args.slice(1);
    assert.deepEqual(body, {
      type: 'atom',
      value: 'BODY',
      section: [{ type: 'atom', value: 'HEADER.FIELDS' }, { type: 'list', items: [{ type: 'atom', value: 'From' }, { type: 'atom', value: 'To' }] }],
      partial: { offset: 0, length: 100 },
    });
    assert.deepEqual(peek, { type: 'atom', value: 'BODY.PEEK', section: [] });
  });

  const errors: Array<[string, string, string, RegExp]> = [
    ['no tag', ' NOOP', '*', /tag/],
    ['no command', 'a1', 'a1', /Missing argument after the tag/],
    ['bad command name', 'a1 NO"OP', 'a1', /Invalid command name/],
    ['two spaces', 'a1 LOGIN  x y', 'a1', /Unexpected ' '/],
    ['unterminated quote', 'a1 LOGIN "x', 'a1', /Unterminated/],
    ['bad escape', 'a1 LOGIN "\\n" x', 'a1', /Invalid escape/],
    ['unclosed list', 'a1 FETCH 1 (FLAGS', 'a1', /Missing '\)'/],
    ['stray paren', 'a1 FETCH 1 )', 'a1', /Unexpected '\)'/],
    ['unclosed section', 'a1 FETCH 1 BODY[TEXT', 'a1', /Missing '\]'/],
    ['bad partial', 'a1 FETCH 1 BODY[]<x>', 'a1', /partial/],
    ['literal mid-line', 'a1 LOGIN {3}x y', 'a1', /Invalid literal/],
    ['trailing space', 'a1 NOOP ', 'a1', /Missing argument/],
  ];
  for (const [what, line, tag, message] of errors) {
    it(`answers ${what} with its tag and a precise text`, () => {
      assert.throws(() => parse([line]), (error: unknown) => error instanceof CommandSyntaxError && error.tag === tag && message.test(error.message));
    });
  }

  it('bounds nesting and token count', () => {
    assert.throws(() => parse([`a X ${'('.repeat(17)}${')'.repeat(17)}`]), /nested deeper than 16/);
    assert.doesNotThrow(() => parse([`a X ${'('.repeat(16)}${')'.repeat(16)}`]));
    assert.throws(() => parse([`a X ${Array(20).fill('x').join(' ')}`], [], { ...DEFAULT_IMAP_LIMITS, maxTokens: 10 }), /Too many arguments/);
  });
});

describe('sequence sets', () => {
  const view = { uids: [3, 5, 9, 10] } as never;
  it('maps sequence numbers to UID ranges and * to the last message', () => {
    assert.deepEqual(parseSequenceSet({ type: 'atom', value: '2:*' }, view, false), [{ start: 5, end: 10 }]);
    assert.deepEqual(parseSequenceSet({ type: 'number', value: 1 }, view, false), [{ start: 3, end: 3 }]);
  });
  it('keeps UID ranges, with * the highest UID even past it', () => {
    assert.deepEqual(parseSequenceSet({ type: 'atom', value: '20:*,1:4' }, view, true), [{ start: 1, end: 4 }, { start: 10, end: 20 }]);
  });
  it('refuses a sequence number past the end and malformed sets', () => {
    assert.throws(() => parseSequenceSet({ type: 'atom', value: '5' }, view, false), /Invalid message sequence number/);
    assert.throws(() => parseSequenceSet({ type: 'atom', value: '1:2:3' }, view, false), /Invalid sequence set/);
    assert.throws(() => parseSequenceSet({ type: 'atom', value: '0' }, view, true), /numbers are 1 to/);
  });
});

describe('modified UTF-7', () => {
  for (const [plain, encoded] of [
    ['Entwürfe', 'Entw&APw-rfe'],
    ['A&B', 'A&-B'],
    ['日本語', '&ZeVnLIqe-'],
    ['😀', '&2D3eAA-'],
  ]) {
    it(`round-trips ${plain}`, () => {
      assert.equal(encodeModifiedUtf7(plain!), encoded);
      assert.equal(decodeModifiedUtf7(encoded!), plain);
    });
  }
  it('refuses what is not modified UTF-7', () => {
    for (const bad of ['&ZeVnLIqe', '&AGE-', '&Ω-', '&AP-', 'caf\u00e9']) assert.equal(decodeModifiedUtf7(bad), null, bad);
  });
});

test('a literal without the line that must follow it is a syntax error, not a crash (fuzz counterexample)', () => {
  assert.throws(
    () => parseCommand({ lines: [Buffer.from('t 0 ~{1}')], literals: [Buffer.alloc(0)] }, DEFAULT_IMAP_LIMITS),
    (error: unknown) => error instanceof CommandSyntaxError,
  );
});
