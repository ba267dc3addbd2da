import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyHeaderEdits } from '../../src/rules/header-edits.js';

const raw = Buffer.from('Return-Path: <a@x>\r\nX-Tag: one\r\nSubject: hi\r\nX-Tag: two\r\nX-Tag: three\r\nReceived: by mx\r\n\r\nbody X-Tag: body\r\n');

test('addheader goes after Return-Path, or before the blank line with :last; values never break lines', () => {
  const edited = applyHeaderEdits(raw, [
    { type: 'addheader', name: 'X-First', value: 'a\r\nInjected: yes' },
    { type: 'addheader', name: 'X-Last', value: 'é', last: true },
  ]).toString('utf8');
  assert.equal(edited, 'Return-Path: <a@x>\r\nX-First: a Injected: yes\r\nX-Tag: one\r\nSubject: hi\r\nX-Tag: two\r\nX-Tag: three\r\nReceived: by mx\r\nX-Last: =?UTF-8?B?w6k=?=\r\n\r\nbody X-Tag: body\r\n');
});

test('deleteheader by :index, :index :last, value pattern; Received is protected; the body is untouched', () => {
  const byIndex = applyHeaderEdits(raw, [{ type: 'deleteheader', name: 'x-tag', index: 2 }]).toString();
  assert.match(byIndex, /X-Tag: one\r\nSubject: hi\r\nX-Tag: three\r\n/);
  const fromEnd = applyHeaderEdits(raw, [{ type: 'deleteheader', name: 'X-Tag', index: 1, last: true }]).toString();
  assert.doesNotMatch(fromEnd, /X-Tag: three/);
  const byPattern = applyHeaderEdits(raw, [{ type: 'deleteheader', name: 'X-Tag', valuePatterns: ['t*'] }, { type: 'deleteheader', name: 'Received' }]).toString();
  assert.equal(byPattern, 'Return-Path: <a@x>\r\nX-Tag: one\r\nSubject: hi\r\nReceived: by mx\r\n\r\nbody X-Tag: body\r\n');
});

test('protected fields are never added; a folded value is unfolded; without edits the bytes are the same Buffer', () => {
  const edited = applyHeaderEdits(raw, [
    { type: 'addheader', name: 'Received', value: 'forged' },
    { type: 'addheader', name: 'Auto-Submitted', value: 'no' },
    { type: 'addheader', name: 'X-Note', value: 'two\r\n lines' },
  ]).toString();
  assert.equal(edited, 'Return-Path: <a@x>\r\nX-Note: two lines\r\nX-Tag: one\r\nSubject: hi\r\nX-Tag: two\r\nX-Tag: three\r\nReceived: by mx\r\n\r\nbody X-Tag: body\r\n');
  assert.equal(applyHeaderEdits(raw, [{ type: 'discard' }]), raw);
});
