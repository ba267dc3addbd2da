import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeEncodedWords } from '../../src/mime/encoded-words.js';
import { htmlSnippetText } from '../../src/mime/html-text.js';
import fc from 'fast-check';
import { makeSnippet } from '../../src/mime/snippet.js';

describe('decodeEncodedWords (RFC 2047)', () => {
  const cases: Array<[string, string]> = [
    ['plain text', 'plain text'],
    ['=?utf-8?Q?caf=C3=A9?=', 'café'],
    ['=?UTF-8?q?a_b?=', 'a b'],
    ['=?utf-8?B?Y2Fmw6k=?=', 'café'],
    ['=?utf-8?Q?a?= =?utf-8?Q?b?=', 'ab'],
    ['=?utf-8?Q?a?=\r\n =?utf-8?Q?b?=', 'ab'],
    ['x =?utf-8?Q?a?= y', 'x a y'],
    ['=?iso-8859-1?Q?=E9?=', 'é'],
    ['=?koi8-r?B?8NLJ18XU?=', 'Привет'],
    ['=?utf-8*en?Q?hi?=', 'hi'],
    ['=?utf-8?B?!!!?=', '=?utf-8?B?!!!?='],
    ['=?x-nope?Q?a?=', '=?x-nope?Q?a?='],
    ['=?utf-7?Q?+ADw-script?=', '=?utf-7?Q?+ADw-script?='],
    ['=?utf-8?Q?broken=Zescape?=', 'broken=Zescape'],
    ['=?utf-8?Q?', '=?utf-8?Q?'],
  ];
  for (const [input, expected] of cases) it(JSON.stringify(input), () => assert.equal(decodeEncodedWords(input), expected));
});

describe('htmlSnippetText', () => {
  it('drops head, script, style and comments, decodes entities', () => {
    const text = htmlSnippetText('<html><head><title>T</title></head><body><!-- hidden --><p>caf&#233; &amp; &#x74;ea&nbsp;&bogus;</p><SCRIPT>x()</SCRIPT >after');
    assert.equal(text.replace(/\s+/g, ' ').trim(), 'café & tea &bogus; after');
  });
  it('keeps invalid numeric entities as written', () => {
    assert.equal(htmlSnippetText('&#xD800;&#0;&#99999999;'), '&#xD800;&#0;&#99999999;');
  });
  it('ends cleanly on unclosed tags and comments', () => {
    assert.equal(htmlSnippetText('a<b').trim(), 'a');
    assert.equal(htmlSnippetText('a<!-- b').trim(), 'a');
    assert.equal(htmlSnippetText('a<script>b').trim(), 'a');
  });
});

describe('makeSnippet', () => {
  it('folds white space', () => assert.equal(makeSnippet(' a \r\n\t b\u00a0c '), 'a b c'));
  it('keeps at most 200 characters', () => assert.equal(makeSnippet('x'.repeat(500)).length, 200));
  it('counts characters, not UTF-16 units', () => assert.equal(Array.from(makeSnippet('😀'.repeat(300))).length, 200));
  it('reads only a prefix of a huge mostly-blank text', () => assert.equal(makeSnippet(' '.repeat(1_000_000) + 'late'), ''));
  it('gives what folding the whole 64 KiB prefix gives, though it folds less', () => {
    const foldAll = (text: string): string =>
      Array.from(text.slice(0, 64 * 1024).replace(/\s+/gu, ' ').trim().slice(0, 400)).slice(0, 200).join('').trimEnd();
    const piece = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom(' ', '\r\n', '\t\t ', '\u00a0', '😀', '\ud83d', ' '.repeat(3000)));
    const text = fc.array(piece, { maxLength: 400 }).map((pieces) => pieces.join(''));
    fc.assert(fc.property(text, (input) => makeSnippet(input) === foldAll(input)), { numRuns: 500 });
  });

  it('folds every kind of white space, and a lone space among them, as /\\s+/ does', () => {
    // every character \s matches, a space among them, and letters to end the runs
    const whiteSpace = ['\t', '\n', '\v', '\f', '\r', ' ', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];
    const text = fc.array(fc.constantFrom(...whiteSpace, ' ', ' ', 'a', 'b', 'c'), { maxLength: 300 }).map((units) => units.join(''));
    const reference = (input: string): string => input.replace(/\s+/g, ' ').trim().slice(0, 200).trimEnd();
    fc.assert(fc.property(text, (input) => makeSnippet(input) === reference(input)), { numRuns: 2000 });
  });
});
