import type { IncomingMessage, ServerResponse } from 'node:http';
import { createAdaptorServer, getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import type { TypedEmitter } from '../../core/typed-emitter.js';
import type { MailEvents } from '../../interfaces/events.js';
import type { Logger } from '../../interfaces/logger.js';
import { ApiKeys } from './auth/api-keys.js';
import { forbidden } from './http-error.js';
import { liveEventResponse } from './events/sse-response.js';
import { mountInbox } from './inbox/index.js';
import { Metrics } from './metrics/metrics.js';
import { openApiDocument } from './openapi.js';
import type { ApiDependencies, Route } from './route.js';
import { errorResponse, mountNotFound, mountRoutes, principalOf, type RouterSettings } from './router.js';
import { API_ROUTES } from './routes/index.js';

/** Options of {@link createHttpApi}. */
export interface HttpApiOptions extends Omit<ApiDependencies, 'keys' | 'startedAt'> {
  /** The server's events, for live events and metrics. */
  events: TypedEmitter<MailEvents>;
  /** False opens the API without credentials, with server scope: for test servers only. Default true. */
  requireAuth?: boolean;
  /** Allow Basic auth with account passwords over plain HTTP. Development only. Default false. */
  allowInsecureAuth?: boolean;
  /** Largest JSON body taken (default 2 MiB). */
  maxBodyBytes?: number;
  /** Interval of SSE keep-alive comments (default 15 s). */
  keepAliveMs?: number;
  /** The version given in the OpenAPI document. */
  version?: string;
  /** Serve the web inbox at `/` (default true). */
  inbox?: boolean;
  logger: Logger;
}

/** The three ways to mount the API, and what it is made of. */
export interface HttpApi {
  /** The Hono app, for hosts that compose Hono apps (`app.route('/mail', api.app)`). */
  readonly app: Hono;
  /** A web-standard handler: Hono, Next.js route handlers, Deno, Bun, service workers. */
  readonly fetch: (request: Request) => Promise<Response>;
  /** A node handler: `http.createServer(api.nodeHandler)`, Express `app.use(api.nodeHandler)`, Fastify. */
  readonly nodeHandler: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  readonly keys: ApiKeys;
  readonly metrics: Metrics;
  /** The route table (also the source of the OpenAPI document). */
  readonly routes: readonly Route[];
  /** Starts a listener of its own; resolves where it is bound. */
  listen(options: { host: string; port: number }): Promise<{ host: string; port: number }>;
  /** Closes the listener (open event streams included) and stops listening to events. */
  close(): Promise<void>;
}

/**
 * Builds the HTTP API on a server's roles: the JSON routes under `/api`, the OpenAPI 3.1
 * document at `/api/openapi.json`, live events at `/api/events` and Prometheus metrics at
 * `/metrics`, and the web inbox at `/` unless `inbox` is false.
 *
 * @example
 * const api = createHttpApi({ store, directory, rules: null, events: server, explainDelivery: async () => null, status: () => ({ hostname: 'mx', listeners: {} }), logger: silentLogger });
 * http.createServer(api.nodeHandler).listen(8025);
 */
export function createHttpApi(options: HttpApiOptions): HttpApi {
  const keys = new ApiKeys(options.store.records);
  const metrics = new Metrics(options.events);
  const api: ApiDependencies = { ...options, keys, startedAt: new Date() };
  const settings: RouterSettings = {
    api,
    auth: { keys, directory: options.directory, requireAuth: options.requireAuth ?? true, allowInsecureAuth: options.allowInsecureAuth ?? false },
    maxBodyBytes: options.maxBodyBytes ?? 2 * 1024 * 1024,
    logger: options.logger,
  };
  const app = new Hono();
  const document = openApiDocument(API_ROUTES, options.version ?? '0.0.0');
  app.get('/api/openapi.json', () => Response.json(document));
  app.get('/api/events', async (context) => {
    try {
      const principal = await principalOf(context, settings);
      return liveEventResponse({ events: options.events, store: options.store }, principal, context.req.raw.signal, options.keepAliveMs ?? 15_000);
    } catch (error) {
      return errorResponse(error, options.logger);
    }
  });
  app.get('/metrics', async (context) => {
    try {
      const principal = await principalOf(context, settings);
      if (principal.scope.kind !== 'server') throw forbidden('server metrics');
      return new Response(await metrics.scrape(), { headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' } });
    } catch (error) {
      return errorResponse(error, options.logger);
    }
  });
  mountRoutes(app, API_ROUTES, settings);
  const detachInbox = options.inbox === false ? () => {} : mountInbox(app, { directory: options.directory, events: options.events, authenticate: (context) => principalOf(context, settings), logger: options.logger });
  mountNotFound(app, options.logger);

  const fetch = async (request: Request): Promise<Response> => app.fetch(request);
  const nodeHandler = getRequestListener((request, env) => app.fetch(request, env));
  let listener: ReturnType<typeof createAdaptorServer> | null = null;
  return {
    app,
    fetch,
    nodeHandler,
    keys,
    metrics,
    routes: API_ROUTES,
    async listen({ host, port }) {
      const server = createAdaptorServer({ fetch: app.fetch, hostname: host, port });
      listener = server;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const address = server.address();
      return { host, port: typeof address === 'object' && address !== null ? address.port : port };
    },
    async close() {
      metrics.detach();
      detachInbox();
      const server = listener;
      listener = null;
      if (server === null) return;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Event streams never end on their own; cut them so close() returns.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
}
