import type { Hono } from 'hono';
import type { Logger } from '../../interfaces/logger.js';
import { forbidden } from '../http/http-error.js';
import { errorResponse } from '../http/router.js';
import { DOWNLOAD_PATH } from './download-token.js';
import type { Webhooks } from './webhooks.js';

/**
 * Serves the attachments that were too large to send inline, at the signed URLs the JSON
 * payload gives. The token (HMAC over message, attachment and expiry) is the credential: no API
 * key is needed, and a wrong or expired token gets the same 403 as a message that is gone, so a
 * guesser learns nothing.
 */
export function mountWebhookDownloads(app: Hono, webhooks: Webhooks, logger: Logger): void {
  app.get(`${DOWNLOAD_PATH}/:message/:index`, async (context) => {
    try {
      const index = Number(context.req.param('index'));
      const expires = Number(context.req.query('expires'));
      const token = context.req.query('token') ?? '';
      const attachment = Number.isSafeInteger(index) && index >= 0 ? await webhooks.download(context.req.param('message'), index, expires, token) : null;
      if (attachment === null) throw forbidden('this download (wrong or expired token)');
      const filename = (attachment.filename ?? `attachment-${index}`).replace(/["\\\r\n]/g, '_');
      return new Response(attachment.content, {
        headers: {
          'content-type': attachment.contentType,
          'content-disposition': `attachment; filename="${filename}"`,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch (error) {
      return errorResponse(error, logger);
    }
  });
}
