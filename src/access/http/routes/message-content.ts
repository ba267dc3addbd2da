import { Readable } from 'node:stream';
import { ErrorCodes } from '../../../errors/codes.js';
import { PosthouseError } from '../../../errors/posthouse-error.js';
import type { Store, StoredMessage } from '../../../interfaces/store.js';
import { parseMessage } from '../../../mime/parse.js';
import { accountKey } from '../auth/scope.js';
import { notFound } from '../http-error.js';
import { route, type Route } from '../route.js';
import { address, mailboxName, messageParams, uid } from '../schema/fields.js';
import { integer, object } from '../schema/schema.js';
import { messageView, summaryOf } from './message-view.js';

/** The stored copy a message route addresses; `MESSAGE_NOT_FOUND` (404) when there is none. */
export async function storedMessage(store: Store, params: { account: string; mailbox: string; uid: number }): Promise<StoredMessage> {
  const message = await store.getMessage(accountKey(params.account), params.mailbox, params.uid);
  if (message === null) throw new PosthouseError(ErrorCodes.MESSAGE_NOT_FOUND, `no message ${params.uid} in ${params.mailbox}`);
  return message;
}

async function parsedCopy(store: Store, params: { account: string; mailbox: string; uid: number }) {
  const message = await storedMessage(store, params);
  return { message, parsed: await parseMessage(await store.readMessage(message.account, message.mailbox, message.uid)) };
}

/** A `filename*` parameter (RFC 6266 §4.3) safe for any name. */
function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

const attachmentParams = object({ account: address, mailbox: mailboxName, uid, index: integer({ minimum: 0, maximum: 9999, description: 'attachment index, from 0' }) });

/** One message: parsed JSON, raw source, HTML part, headers, attachments. */
export const messageContentRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/accounts/{account}/mailboxes/{mailbox}/messages/{uid}',
    summary: 'A message parsed: summary fields, text, HTML, headers and attachment list',
    tag: 'messages',
    access: 'account',
    params: messageParams,
    success: { status: 200, description: 'MessageView with text, html, headers and attachments[{ index, filename, contentType, size }]' },
    async handle({ api, params }) {
      const { message, parsed } = await parsedCopy(api.store, params);
      const attachments = parsed.attachments.map((attachment, index) => ({ index, filename: attachment.filename, contentType: attachment.contentType, size: attachment.size }));
      return { json: { ...messageView(message, await summaryOf(api.store, message)), text: parsed.text, html: parsed.html, headers: parsed.headers, attachments } };
    },
  }),
  route({
    method: 'GET',
    path: '/api/accounts/{account}/mailboxes/{mailbox}/messages/{uid}/raw',
    summary: 'The raw message as stored (.eml)',
    tag: 'messages',
    access: 'account',
    params: messageParams,
    success: { status: 200, description: 'the message source', contentType: 'message/rfc822' },
    async handle({ api, params }) {
      const message = await storedMessage(api.store, params);
      const source = await api.store.readMessage(message.account, message.mailbox, message.uid);
      const body = Readable.toWeb(source.read()) as ReadableStream<Uint8Array>;
      return new Response(body, {
        headers: { 'content-type': 'message/rfc822', 'content-length': String(source.size), 'content-disposition': contentDisposition('attachment', `${message.uid}.eml`) },
      });
    },
  }),
  route({
    method: 'GET',
    path: '/api/accounts/{account}/mailboxes/{mailbox}/messages/{uid}/html',
    summary: 'The HTML part, served under a sandboxing Content-Security-Policy',
    tag: 'messages',
    access: 'account',
    params: messageParams,
    success: { status: 200, description: 'the HTML body', contentType: 'text/html' },
    async handle({ api, params }) {
      const { parsed } = await parsedCopy(api.store, params);
      if (parsed.html === null) throw notFound(`message ${params.uid} has no HTML part`);
      // Mail HTML is hostile: no script, no remote loads, a unique origin.
      return new Response(parsed.html, {
        headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "sandbox; default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'", 'x-content-type-options': 'nosniff' },
      });
    },
  }),
  route({
    method: 'GET',
    path: '/api/accounts/{account}/mailboxes/{mailbox}/messages/{uid}/headers',
    summary: 'Every header field, decoded, by lower-case name',
    tag: 'messages',
    access: 'account',
    params: messageParams,
    success: { status: 200, description: '`{ headers: Record<string, string | string[]> }`' },
    async handle({ api, params }) {
      const { parsed } = await parsedCopy(api.store, params);
      return { json: { headers: parsed.headers } };
    },
  }),
  route({
    method: 'GET',
    path: '/api/accounts/{account}/mailboxes/{mailbox}/messages/{uid}/attachments/{index}',
    summary: 'One attachment, decoded, as a download',
    tag: 'messages',
    access: 'account',
    params: attachmentParams,
    success: { status: 200, description: 'the attachment content with its own content type', contentType: 'application/octet-stream' },
    async handle({ api, params }) {
      const { parsed } = await parsedCopy(api.store, params);
      const attachment = parsed.attachments[params.index];
      if (attachment === undefined) throw notFound(`message ${params.uid} has ${parsed.attachments.length} attachment(s); there is no index ${params.index}`);
      return new Response(new Uint8Array(attachment.content), {
        headers: {
          'content-type': attachment.contentType,
          'content-disposition': contentDisposition('attachment', attachment.filename ?? `attachment-${params.index}`),
          'x-content-type-options': 'nosniff',
        },
      });
    },
  }),
  route({
    method: 'GET',
    path: '/api/accounts/{account}/mailboxes/{mailbox}/messages/{uid}/explain',
    summary: 'Why the message landed where it did: the rules trace',
    tag: 'rules',
    access: 'account',
    params: messageParams,
    success: { status: 200, description: '`{ explanation: DeliveryExplanation | null }`' },
    async handle({ api, params }) {
      const message = await storedMessage(api.store, params);
      return { json: { explanation: await api.explainDelivery(message.account, message.mailbox, message.uid) } };
    },
  }),
];
