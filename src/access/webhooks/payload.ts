import { parseMessage } from '../../mime/parse.js';
import type { HeaderAddress, MessageSource } from '../../interfaces/message.js';
import type { WebhookDelivery, WebhookEnvelope } from './delivery-queue.js';
import { signedDownloadPath } from './download-token.js';
import { extractReplyText } from './reply-text.js';
import type { WebhookRoute } from './types.js';

/** One attachment of the JSON payload: inline (`content`, base64) or by signed `url`. */
export interface PayloadAttachment {
  filename: string | null;
  contentType: string;
  size: number;
  content?: string;
  url?: string;
  /** When `url` stops working (ISO 8601). */
  urlExpiresAt?: string;
}

/** The JSON body POSTed for a `json` route (see docs/inbound-webhooks.md, "Payload reference"). */
export interface WebhookPayload {
  deliveryId: string;
  routeId: string;
  envelope: WebhookEnvelope;
  messageId: string | null;
  date: string | null;
  from: HeaderAddress[];
  to: HeaderAddress[];
  cc: HeaderAddress[];
  subject: string;
  text: string | null;
  html: string | null;
  /** `text` without the quoted history (see {@link extractReplyText}). */
  replyText: string | null;
  headers: Record<string, string | string[]>;
  attachments: PayloadAttachment[];
  // The trust role (SPF, DKIM, DMARC verification, spam filters) fills these once it exists.
  spf: null;
  dkim: null;
  dmarc: null;
  spamScore: null;
}

/** How attachments travel. */
export interface AttachmentSettings {
  /** Largest attachment sent inline as base64, in octets. */
  inlineLimit: number;
  /** Absolute base of the HTTP API, e.g. `https://mx.example.com`. */
  baseUrl: string;
  downloadKey: Buffer;
  /** Download URL lifetime, ms. */
  urlTtlMs: number;
}

/** A body ready to POST; `keepUntil` is set when it carries download URLs (Unix ms). */
export interface BuiltBody {
  body: Buffer;
  contentType: string;
  keepUntil: number | null;
}

/** Builds the POST body of one delivery in its route's format. */
export async function buildBody(route: WebhookRoute, delivery: WebhookDelivery, envelope: WebhookEnvelope, source: MessageSource, attachments: AttachmentSettings, now: number): Promise<BuiltBody> {
  if (route.format === 'raw') return { body: await source.buffer(), contentType: 'message/rfc822', keepUntil: null };
  const parsed = await parseMessage(source);
  const expires = Math.floor((now + attachments.urlTtlMs) / 1000);
  let linked = false;
  const payload: WebhookPayload = {
    deliveryId: delivery.id,
    routeId: route.id,
    envelope: { ...envelope, to: delivery.recipients },
    messageId: parsed.messageId,
    date: parsed.date?.toISOString() ?? null,
    from: parsed.from,
    to: parsed.to,
    cc: parsed.cc,
    subject: parsed.subject,
    text: parsed.text,
    html: parsed.html,
    replyText: parsed.text === null ? null : extractReplyText(parsed.text),
    headers: parsed.headers,
    attachments: parsed.attachments.map((attachment, index) => {
      const described = { filename: attachment.filename, contentType: attachment.contentType, size: attachment.size };
      if (attachment.size <= attachments.inlineLimit) return { ...described, content: attachment.content.toString('base64') };
      linked = true;
      const path = signedDownloadPath(attachments.downloadKey, delivery.messageId, index, expires);
      return { ...described, url: `${attachments.baseUrl}${path}`, urlExpiresAt: new Date(expires * 1000).toISOString() };
    }),
    spf: null,
    dkim: null,
    dmarc: null,
    spamScore: null,
  };
  return { body: Buffer.from(JSON.stringify(payload)), contentType: 'application/json', keepUntil: linked ? expires * 1000 : null };
}
