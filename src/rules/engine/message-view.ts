import { readHeaderSection } from '../../mime/header-section.js';
import { decodeEncodedWords } from '../../mime/encoded-words.js';
import { parseAddressValues } from '../../mime/addresses.js';
import { bodyParts, type BodyPart } from '../../mime/body-text.js';

/** One header field as the rules see it: name (lower case when read from the message), raw value. */
export interface ViewField {
  name: string;
  value: string;
}

/**
 * The message as the rules see it for one run: header fields that `editheader` may change
 * (RFC 5293 §3: later tests see the change), decoded values, addresses, body parts on demand.
 */
export class MessageView {
  readonly fields: ViewField[];
  readonly headerLength: number;
  private parts: BodyPart[] | undefined;

  constructor(readonly raw: Buffer) {
    const section = readHeaderSection(raw);
    this.headerLength = section.headerLength;
    this.fields = section.fields.map((field) => ({ name: field.name, value: field.value }));
  }

  /** Octets of the whole message (RFC 5228 §5.9). */
  get size(): number {
    return this.raw.length;
  }

  /** Raw values of the fields called `name`, in order. */
  rawValues(name: string): string[] {
    const lower = name.toLowerCase();
    return this.fields.filter((field) => field.name.toLowerCase() === lower).map((field) => field.value);
  }

  /** Values of the fields called `name`, RFC 2047 encoded words decoded (RFC 5228 §5.7). */
  values(name: string): string[] {
    return this.rawValues(name).map(decodeEncodedWords);
  }

  /** Each field's addresses (RFC 5228 §5.1), one list per field occurrence. */
  addressesPerField(name: string): string[][] {
    return this.rawValues(name).map((value) => parseAddressValues([value]).map((entry) => entry.address));
  }

  /** The body after the header section, undecoded (`body :raw`). */
  rawBody(): string {
    return this.raw.subarray(this.headerLength).toString('utf8');
  }

  /** MIME parts decoded to text (see bodyParts), computed once. */
  bodyParts(): BodyPart[] {
    this.parts ??= bodyParts(this.raw);
    return this.parts;
  }
}

