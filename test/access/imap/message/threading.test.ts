import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderThreads, threadByOrderedSubject, threadByReferences, type ThreadInput } from '../../../../src/access/imap/message/threading.js';

/** A message numbered `number`, sent on day `day`, replying along `references`. */
const message = (number: number, day: number, subject: string, references: string[] = []): ThreadInput => ({
  number,
  date: Date.UTC(2024, 0, day),
  subject,
  messageId: `<${number}@example.test>`,
  references: references.map((id) => `<${id}@example.test>`),
});

describe('threading (RFC 5256)', () => {
  it('REFERENCES builds the §4 example response (2)(3 6 (4 23)(44 7 96))', () => {
    const messages = [
      message(2, 1, 'Alone'),
      message(3, 2, 'Plan'),
      message(6, 3, 'Re: Plan', ['3']),
      message(4, 4, 'Re: Plan', ['3', '6']),
      message(44, 5, 'Re: Plan', ['3', '6']),
      message(23, 6, 'Re: Plan', ['3', '6', '4']),
      message(7, 7, 'Re: Plan', ['3', '6', '44']),
      message(96, 8, 'Re: Plan', ['3', '6', '44', '7']),
    ];
    assert.equal(renderThreads(threadByReferences(messages)), '(2)(3 6 (4 23)(44 7 96))');
  });

  it('REFERENCES keeps a placeholder for a missing parent with several children and drops one with a single child', () => {
    // <0> is not in the mailbox: 10 and 11 both reply to it, 12 replies to a missing <99> alone.
    const messages = [message(10, 1, 'Re: Gone', ['0']), message(11, 2, 'Re: Gone', ['0']), message(12, 3, 'Other', ['99'])];
    assert.equal(renderThreads(threadByReferences(messages)), '((10)(11))(12)');
  });

  it('REFERENCES gathers roots with the same base subject under the first (§4 step 5)', () => {
    const messages = [message(1, 1, 'Budget'), message(2, 2, 'Re: Budget'), message(3, 3, 'Fwd: Budget')];
    assert.equal(renderThreads(threadByReferences(messages)), '(1 (2)(3))');
  });

  it('ORDEREDSUBJECT hangs each subject group under its earliest message, groups in date order', () => {
    const messages = [message(5, 5, 'Re: Lunch'), message(1, 1, 'Lunch'), message(2, 2, 'Budget'), message(3, 3, 'Re: lunch'), message(4, 4, 'budget')];
    assert.equal(renderThreads(threadByOrderedSubject(messages)), '(1 (3)(5))(2 4)');
  });
});
