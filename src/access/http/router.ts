import { Hono, type Context } from 'hono';
import type { Logger } from '../../interfaces/logger.js';
import { authenticate, type AuthSettings } from './auth/authenticate.js';
import { requireAccount, requireDomain } from './auth/require.js';
import type { Principal } from './auth/scope.js';
import { forbidden, notFound, toErrorAnswer } from './http-error.js';
import { readJsonBody } from './request-body.js';
import type { ApiDependencies, Route } from './route.js';

/** What the router needs besides the routes. */
export interface RouterSettings {
  api: ApiDependencies;
  auth: AuthSettings;
  maxBodyBytes: number;
  logger: Logger;
}

/** The node request behind a request, when it came through the node handler or the listener. */
interface NodeBindings {
  incoming?: { socket?: { encrypted?: boolean } };
}

/** Whether the request came over TLS: an encrypted node socket, or an https URL from a web-standard host. */
function isSecure(context: Context): boolean {
  const env = context.env as NodeBindings | undefined;
  return env?.incoming?.socket?.encrypted === true || new URL(context.req.url).protocol === 'https:';
}

/** Authenticates a request (a 401 answer is thrown as an error). */
export function principalOf(context: Context, settings: RouterSettings): Promise<Principal> {
  return authenticate(context.req.raw.headers, isSecure(context), settings.auth);
}

function checkAccess(route: Route, principal: Principal, params: Record<string, string>): void {
  if (route.access === 'server' && principal.scope.kind !== 'server') throw forbidden('server administration');
  if (route.access === 'domain') requireDomain(principal, params['domain'] ?? '');
  if (route.access === 'account') requireAccount(principal, params['account'] ?? '');
}

/** Answers an error as JSON with its status (the one place errors become HTTP answers). */
export function errorResponse(error: unknown, logger: Logger): Response {
  const { status, body } = toErrorAnswer(error, (cause) => logger.error({ err: cause }, 'http api: unexpected error'));
  return Response.json(body, { status });
}

function searchParams(url: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of new URL(url).searchParams) query[name] = value;
  return query;
}

/**
 * Mounts every route of the table on `app`: authenticate, check the route's access against its
 * path parameters, validate parameters, query and body with the route's schemas, run the handler.
 */
export function mountRoutes(app: Hono, routes: readonly Route[], settings: RouterSettings): void {
  for (const route of routes) {
    app.on(route.method, route.path.replace(/\{(\w+)\}/g, ':$1'), async (context) => {
      try {
        const principal = await principalOf(context, settings);
        const rawParams = context.req.param() as Record<string, string>;
        // Access first, so a caller out of scope learns nothing, not even which input is wrong.
        checkAccess(route, principal, rawParams);
        const params = route.params.parse(rawParams, 'path', true);
        const query = route.query === undefined ? undefined : route.query.parse(searchParams(context.req.url), 'query', true);
        const body = route.body === undefined ? undefined : route.body.parse(await readJsonBody(context.req.raw, settings.maxBodyBytes), 'body', false);
        const reply = await route.handle({ params, query, body, principal, api: settings.api });
        return reply instanceof Response ? reply : Response.json(reply.json, { status: reply.status ?? 200 });
      } catch (error) {
        return errorResponse(error, settings.logger);
      }
    });
  }
}

/** The 404 for everything no route matched. */
export function mountNotFound(app: Hono, logger: Logger): void {
  app.notFound((context) => errorResponse(notFound(`no route ${context.req.method} ${new URL(context.req.url).pathname}`), logger));
  app.onError((error) => errorResponse(error, logger));
}
