import { lazyRequire } from '../core/lazy-module.js';

/**
 * mailparser, loaded the first time it is needed: most mail never needs it (summaries read address
 * fields in the simple forms themselves; only the test kit and full message views parse whole
 * messages), and with the MIME helpers and tables it brings it takes ~5 MB of heap.
 *
 * @example
 * mailparser().parseAddressHeader(['"A" <a@example.com>, b@example.com']);
 */
export const mailparser = lazyRequire<typeof import('mailparser')>('mailparser');
