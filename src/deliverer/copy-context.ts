import type { FilingContext } from '../interfaces/delivery.js';
import type { Envelope } from '../interfaces/envelope.js';
import type { MessageSource } from '../interfaces/message.js';
import { readHeaderSection, type HeaderField } from '../mime/header-section.js';

/** A message's header fields, read from its bytes the first time something asks: most mail is filed without a hook looking. */
export class LazyHeaders {
  readonly #bytes: Buffer;
  #fields: HeaderField[] | undefined;

  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }

  get fields(): HeaderField[] {
    this.#fields ??= readHeaderSection(this.#bytes).fields;
    return this.#fields;
  }
}

/**
 * What the filing hooks are told about one copy of a message. A class rather than an object
 * literal with a `headers` getter: V8 gives every such literal a hidden class of its own (~0.6 µs
 * each, and every hook reading a field then misses its inline cache).
 */
export class CopyContext implements FilingContext {
  envelope: Envelope;
  recipient: string;
  account: string;
  detail: string | null;
  source: MessageSource;
  readonly #headers: LazyHeaders;

  constructor(fields: Omit<FilingContext, 'headers'>, headers: LazyHeaders) {
    this.envelope = fields.envelope;
    this.recipient = fields.recipient;
    this.account = fields.account;
    this.detail = fields.detail;
    this.source = fields.source;
    this.#headers = headers;
  }

  get headers(): HeaderField[] {
    return this.#headers.fields;
  }
}
