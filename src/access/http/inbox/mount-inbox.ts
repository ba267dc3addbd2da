import type { Context, Hono } from 'hono';
import type { TypedEmitter } from '../../../core/typed-emitter.js';
import { ErrorCodes } from '../../../errors/codes.js';
import type { Directory } from '../../../interfaces/directory.js';
import type { MailEvents } from '../../../interfaces/events.js';
import type { Logger } from '../../../interfaces/logger.js';
import type { Principal } from '../auth/scope.js';
import { HttpError, notFound } from '../http-error.js';
import { errorResponse } from '../router.js';
import { InboxAccounts } from './inbox-accounts.js';
import { findInboxDirectory, isInboxBuilt, loadInboxAssets, type InboxAsset, type InboxAssets } from './inbox-assets.js';

/**
 * The Content-Security-Policy of the inbox page (CSP Level 3). Scripts come only from the page's
 * own origin, never inline. A message's HTML is shown in a `srcdoc` frame, which inherits this
 * policy: so styles may be inline, and images, styles and fonts may be remote — the frame's own,
 * stricter policy blocks remote content until the reader asks for it.
 */
export const INBOX_PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline' http: https:",
  "img-src 'self' data: cid: http: https:",
  'font-src data: http: https:',
  'media-src data: http: https:',
  "connect-src 'self'",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Options of {@link mountInbox}. */
export interface InboxMountOptions {
  /** The built inbox; default: `dist/inbox` of this package, found when first asked for. */
  assetsDirectory?: string;
  directory: Directory;
  events: TypedEmitter<MailEvents>;
  /** The API's own authentication (a 401 is thrown). */
  authenticate(context: Context): Promise<Principal>;
  logger: Logger;
}

function headersOf(name: string, asset: InboxAsset): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': asset.contentType, etag: asset.etag, vary: 'accept-encoding', 'x-content-type-options': 'nosniff' };
  if (name === 'index.html') {
    // The page names its hashed files, so it must be revalidated; they never change.
    headers['cache-control'] = 'no-cache';
    headers['content-security-policy'] = INBOX_PAGE_POLICY;
    headers['referrer-policy'] = 'no-referrer';
    headers['x-frame-options'] = 'DENY';
  } else {
    headers['cache-control'] = 'public, max-age=31536000, immutable';
  }
  return headers;
}

function answer(request: Request, name: string, asset: InboxAsset): Response {
  const headers = headersOf(name, asset);
  if (request.headers.get('if-none-match') === asset.etag) return new Response(null, { status: 304, headers });
  const gzip = asset.gzip !== null && /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
  if (gzip) headers['content-encoding'] = 'gzip';
  const body = gzip ? asset.gzip! : asset.body;
  headers['content-length'] = String(body.length);
  return new Response(request.method === 'HEAD' ? null : body, { headers });
}

/**
 * Serves the web inbox: the page at `/`, its hashed scripts and styles at `/inbox/assets/{name}`
 * and the accounts it offers at `/inbox/accounts` (`{ accounts: string[] }`, what the credentials
 * reach). The files are read once, on the first request; before `npm run build` has made them,
 * `/` answers 503 `NOT_SUPPORTED` naming the command. Returns the function that stops it
 * listening to deliveries.
 */
export function mountInbox(app: Hono, options: InboxMountOptions): () => void {
  let assets: InboxAssets | null = null;
  const load = (): InboxAssets => {
    if (assets !== null) return assets;
    const directory = options.assetsDirectory ?? findInboxDirectory();
    if (directory === null || !isInboxBuilt(directory)) throw new HttpError(503, ErrorCodes.NOT_SUPPORTED, 'the web inbox is not built: run `npm run build`');
    assets = loadInboxAssets(directory);
    return assets;
  };
  const serve = (request: Request, name: string, asPage: boolean): Response => {
    try {
      // The page is only served at `/`, so its policy headers always come with it.
      const asset = asPage === (name === 'index.html') ? load().get(name) : undefined;
      if (asset === undefined) throw notFound(`no inbox asset ${name}`);
      return answer(request, name, asset);
    } catch (error) {
      return errorResponse(error, options.logger);
    }
  };
  app.get('/', (context) => serve(context.req.raw, 'index.html', true));
  app.get('/inbox/assets/:name', (context) => serve(context.req.raw, context.req.param('name'), false));
  const accounts = new InboxAccounts(options.directory, options.events);
  app.get('/inbox/accounts', async (context) => {
    try {
      return Response.json({ accounts: await accounts.list(await options.authenticate(context)) }, { headers: { 'cache-control': 'no-store' } });
    } catch (error) {
      return errorResponse(error, options.logger);
    }
  });
  return () => accounts.detach();
}
