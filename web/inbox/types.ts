/** A mail address as the API gives it. */
export interface Address {
  name: string;
  address: string;
}

/** One message of a list (`MessageView` of the API). */
export interface MessageSummary {
  account: string;
  mailbox: string;
  uid: number;
  flags: string[];
  internalDate: string;
  size: number;
  subject: string;
  from: Address[];
  to: Address[];
  cc: Address[];
  date: string | null;
  snippet: string;
  hasAttachments: boolean;
}

/** One message opened: the summary with its parts. */
export interface MessageDetail extends MessageSummary {
  text: string | null;
  html: string | null;
  headers: Record<string, string | string[]>;
  attachments: Array<{ index: number; filename: string | null; contentType: string; size: number }>;
}

/** One step of a rules trace (`TraceEntry`). */
export interface TraceStep {
  origin: string;
  kind: string;
  description: string;
  result?: boolean;
  matched?: { part: string; value: string; key: string };
}

/** Why a copy landed where it did (`DeliveryExplanation`). */
export interface Explanation {
  mailbox: string;
  deliveredAt: string;
  mailFrom: string;
  recipient: string;
  result: { status: string; actions: Array<{ type: string; mailbox?: string }>; trace: TraceStep[]; diagnostics: Array<{ message: string }> };
  notes: string[];
}

/** Whether a message carries the `\Seen` flag. */
export function isSeen(message: MessageSummary): boolean {
  return message.flags.some((flag) => flag.toLowerCase() === '\\seen');
}

/** The sender as a list shows it: the display name, else the address. */
export function senderOf(message: MessageSummary): string {
  const first = message.from[0];
  return first === undefined ? '(no sender)' : first.name || first.address;
}

/** Addresses as a header line: `Name <address>, …`. */
export function addressLine(addresses: Address[]): string {
  return addresses.map((entry) => (entry.name ? `${entry.name} <${entry.address}>` : entry.address)).join(', ');
}
