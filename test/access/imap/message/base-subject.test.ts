import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseSubject, isReplyOrForward } from '../../../../src/access/imap/message/base-subject.js';

describe('baseSubject (RFC 5256 §2.1)', () => {
  const cases: Array<[string, string]> = [
    ['Lunch', 'Lunch'],
    ['Re: Lunch', 'Lunch'],
    ['RE:  re: Fwd: Lunch', 'Lunch'],
    ['Re[2]: Lunch', 'Lunch'],
    ['[list] Re: Lunch', 'Lunch'],
    ['Lunch (fwd)', 'Lunch'],
    ['Lunch (fwd) (FWD)', 'Lunch'],
    ['[Fwd: Re: Lunch]', 'Lunch'],
    ['[list]', '[list]'],
    ['Re:', ''],
    ['  spaced \t out  ', 'spaced out'],
  ];
  for (const [subject, expected] of cases) it(`${JSON.stringify(subject)} → ${JSON.stringify(expected)}`, () => assert.equal(baseSubject(subject), expected));
  it('tells replies from originals', () => {
    assert.equal(isReplyOrForward('Re: x'), true);
    assert.equal(isReplyOrForward('x (fwd)'), true);
    assert.equal(isReplyOrForward('Reply to all'), false);
  });
});
