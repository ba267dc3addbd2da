import { ErrorCodes } from '../../../errors/codes.js';
import type { WebhookRoute, WebhookRouteInput } from '../../webhooks/types.js';
import type { WebhookRoutes } from '../../webhooks/route-registry.js';
import { compileMatch } from '../../webhooks/route-match.js';
import { requireDomain } from '../auth/require.js';
import { reachesDomain, type Principal } from '../auth/scope.js';
import { HttpError, notFound } from '../http-error.js';
import { route, type ApiDependencies, type Route } from '../route.js';
import { noParams } from '../schema/fields.js';
import { integer, nullable, object, oneOf, optional, string } from '../schema/schema.js';

const routeId = string({ minLength: 1, maxLength: 64, pattern: /^[A-Za-z0-9._-]+$/, patternName: 'letters, digits, dots, underscores or dashes' });
const routeBody = {
  match: object({
    domain: optional(string({ minLength: 1, maxLength: 253, description: "every address of the domain (its catch-all route)" })),
    pattern: optional(string({ minLength: 3, maxLength: 320, description: 'LOCAL@DOMAIN with * and ? in LOCAL, e.g. support+*@example.com' })),
  }),
  action: oneOf(['store', 'post', 'both'] as const),
  url: optional(string({ maxLength: 2000, description: 'http(s) URL the message is POSTed to' })),
  format: optional(oneOf(['json', 'raw'] as const)),
  secret: optional(string({ minLength: 16, maxLength: 200, description: 'HMAC-SHA256 key of Posthouse-Signature' })),
  priority: optional(integer({ minimum: -1_000_000, maximum: 1_000_000, description: 'lower runs first' })),
  description: optional(nullable(string({ maxLength: 500 }))),
};
const newRoute = object({ id: optional(routeId), ...routeBody });
const replacedRoute = object(routeBody);
const idParams = object({ id: routeId });

type RouteBody = { match: { domain?: string; pattern?: string } } & Omit<WebhookRouteInput, 'match' | 'id' | 'description'> & { description?: string | null };

/** A route as the API shows it: the secret is write-only. */
function view(stored: WebhookRoute): Omit<WebhookRoute, 'secret'> & { secretSet: boolean } {
  const { secret, ...shown } = stored;
  return { ...shown, secretSet: secret !== null };
}

function registry(api: ApiDependencies): WebhookRoutes {
  if (api.webhooks === undefined) throw new HttpError(501, ErrorCodes.NOT_SUPPORTED, 'this server runs without webhooks');
  return api.webhooks;
}

/** The route input, after checking the caller administers the domain it belongs to. */
function inputOf(body: RouteBody, id: string | undefined, principal: Principal): WebhookRouteInput {
  const { match, description, ...rest } = body;
  if ((match.domain === undefined) === (match.pattern === undefined)) throw new HttpError(400, ErrorCodes.WEBHOOK_ROUTE_INVALID, 'match needs exactly one of domain and pattern');
  const input: WebhookRouteInput = { ...rest, match: match.domain !== undefined ? { domain: match.domain } : { pattern: match.pattern! }, ...(id === undefined ? {} : { id }) };
  if (description !== undefined && description !== null) input.description = description;
  requireDomain(principal, compileMatch(input.match).domain);
  return input;
}

/** A route the caller reaches; any other id is a 404, so ids of other tenants stay unknown. */
function reachable(routes: WebhookRoutes, id: string, principal: Principal): WebhookRoute {
  const found = routes.get(id);
  if (found === undefined || !reachesDomain(principal.scope, found.domain)) throw notFound(`no webhook route ${id}`);
  return found;
}

/** Inbound webhook routes: a domain key manages the routes of its domain only. */
export const webhookRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/webhooks',
    summary: 'List the webhook routes the credentials reach, in match order',
    tag: 'webhooks',
    access: 'any',
    params: noParams,
    success: { status: 200, description: '`{ routes: WebhookRoute[] }` (secrets are never shown)' },
    async handle({ api, principal }) {
      const routes = registry(api).list().filter((stored) => reachesDomain(principal.scope, stored.domain));
      return { json: { routes: routes.map(view) } };
    },
  }),
  route({
    method: 'POST',
    path: '/api/webhooks',
    summary: 'Create a webhook route for a domain or an address pattern',
    tag: 'webhooks',
    access: 'any',
    params: noParams,
    body: newRoute,
    success: { status: 201, description: 'the new WebhookRoute' },
    async handle({ api, principal, body }) {
      const routes = registry(api);
      const input = inputOf(body as RouteBody, body.id, principal);
      if (input.id !== undefined && routes.get(input.id) !== undefined) throw new HttpError(409, ErrorCodes.WEBHOOK_ROUTE_EXISTS, `a webhook route ${input.id} exists`);
      return { status: 201, json: view(await routes.put(input)) };
    },
  }),
  route({
    method: 'GET',
    path: '/api/webhooks/{id}',
    summary: 'Get one webhook route',
    tag: 'webhooks',
    access: 'any',
    params: idParams,
    success: { status: 200, description: 'the WebhookRoute' },
    async handle({ api, principal, params }) {
      return { json: view(reachable(registry(api), params.id, principal)) };
    },
  }),
  route({
    method: 'PUT',
    path: '/api/webhooks/{id}',
    summary: 'Replace a webhook route',
    tag: 'webhooks',
    access: 'any',
    params: idParams,
    body: replacedRoute,
    success: { status: 200, description: 'the updated WebhookRoute' },
    async handle({ api, principal, params, body }) {
      const routes = registry(api);
      reachable(routes, params.id, principal);
      return { json: view(await routes.put(inputOf(body as RouteBody, params.id, principal))) };
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/webhooks/{id}',
    summary: 'Remove a webhook route (deliveries still queued for it are given up)',
    tag: 'webhooks',
    access: 'any',
    params: idParams,
    success: { status: 204, description: 'removed' },
    async handle({ api, principal, params }) {
      const routes = registry(api);
      reachable(routes, params.id, principal);
      await routes.delete(params.id);
      return new Response(null, { status: 204 });
    },
  }),
];
