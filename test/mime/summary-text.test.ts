import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bufferSource } from '../../src/core/message-source.js';
import type { MessageSummary } from '../../src/interfaces/message.js';
import { emptySummary } from '../../src/mime/header-summary.js';
import { summarize } from '../../src/mime/summary.js';
import { summaryText } from '../../src/mime/summary-text.js';
import { readCorpus, toCrlf } from '../helpers/corpus.js';
import { hostileMessages } from './hostile-inputs.js';

/** Strings JSON escapes, or that look as if it might. */
const AWKWARD = ['', 'plain', 'a "quoted" word', 'back\\slash', 'tab\tand\r\nline', '\u0000\u001f\u007f', 'café 😀', 'lone \ud800 high', 'lone \udc00 low', '\u2028\u2029', '</script>'];

function awkwardSummary(text: string, date: Date | null): MessageSummary {
  const address = { name: text, address: `${text}@example.com` };
  return {
    subject: text,
    from: [address],
    to: [address, { name: '', address: 'b@example.com' }],
    cc: [],
    date,
    messageId: text === '' ? null : `<${text}>`,
    snippet: text,
    hasAttachments: text.length % 2 === 0,
    imap: { envelope: `("${text}" NIL)`, bodyStructure: `{${text.length}}\r\n${text}`, body: text, references: [text, '<r@x>'], inReplyTo: text === '' ? null : text },
  };
}

describe('summaryText', () => {
  it('is JSON.stringify of the summary of every corpus message, as stored and with CRLF line endings', async () => {
    const corpus = await readCorpus();
    assert.ok(corpus.length > 100);
    for (const { name, bytes } of corpus) {
      for (const raw of [bytes, toCrlf(bytes)]) {
        const summary = await summarize(bufferSource(raw));
        assert.equal(summaryText(summary), JSON.stringify(summary), name);
      }
    }
  });

  it('is JSON.stringify of the summary of every hostile message', async () => {
    for (const [name, raw] of Object.entries(hostileMessages())) {
      const summary = await summarize(bufferSource(raw));
      assert.equal(summaryText(summary), JSON.stringify(summary), name);
    }
  });

  it('is JSON.stringify for strings that need escaping, any date, and no IMAP view', () => {
    const dates = [null, new Date(0), new Date('2024-01-02T03:04:05.678Z'), new Date(Date.UTC(12345, 0, 1)), new Date(Date.UTC(-1, 0, 1)), new Date(Number.NaN)];
    for (const text of AWKWARD) {
      for (const date of dates) {
        const summary = awkwardSummary(text, date);
        assert.equal(summaryText(summary), JSON.stringify(summary), `${JSON.stringify(text)} ${String(date)}`);
      }
    }
    assert.equal(summaryText(emptySummary()), JSON.stringify(emptySummary()));
  });
});
