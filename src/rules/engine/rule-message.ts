import type { RuleEnvironment } from '../../interfaces/rules.js';
import type { MessageView } from './message-view.js';

/** What a typed rule's function predicate sees of the message (read-only). */
export interface RuleMessage {
  /** Values of the header fields called `name`, RFC 2047 decoded, as the rules see them now. */
  header(name: string): string[];
  /** The addresses in the header fields called `name` (`from`, `to`, …). */
  addresses(name: string): string[];
  envelope: { from: string; to: string };
  /** Octets of the whole message. */
  size: number;
  /** The text parts of the body, decoded. */
  bodyText(): string;
  raw: Buffer;
}

/** The predicate view over the run's message. */
export function ruleMessage(view: MessageView, environment: RuleEnvironment): RuleMessage {
  return {
    header: (name) => view.values(name),
    addresses: (name) => view.addressesPerField(name).flat(),
    envelope: { from: environment.mailFrom, to: environment.originalRecipient ?? environment.rcptTo },
    size: view.size,
    bodyText: () =>
      view
        .bodyParts()
        .filter((part) => part.contentType.startsWith('text/'))
        .map((part) => part.text)
        .join('\n'),
    raw: view.raw,
  };
}
