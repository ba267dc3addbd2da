import { parseScope } from '../auth/scope.js';
import { route, type Route } from '../route.js';
import { noParams } from '../schema/fields.js';
import { nullable, object, optional, string } from '../schema/schema.js';

/** API key management: server scope only. */
export const keyRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/api/keys',
    summary: 'Create an API key; the key is in this answer only',
    tag: 'keys',
    access: 'server',
    params: noParams,
    body: object({ scope: string({ minLength: 1, maxLength: 400, description: 'server, domain:DOMAIN or account:ADDRESS' }), label: optional(nullable(string({ maxLength: 200 }))) }),
    success: { status: 201, description: '`{ id, scope, label, createdAt, key }`' },
    async handle({ api, body }) {
      return { status: 201, json: await api.keys.create(parseScope(body.scope), body.label ?? null) };
    },
  }),
  route({
    method: 'GET',
    path: '/api/keys',
    summary: 'List the API keys (never their secrets)',
    tag: 'keys',
    access: 'server',
    params: noParams,
    success: { status: 200, description: '`{ keys: ApiKeyInfo[] }`' },
    async handle({ api }) {
      return { json: { keys: await api.keys.list() } };
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/keys/{id}',
    summary: 'Revoke an API key',
    tag: 'keys',
    access: 'server',
    params: object({ id: string({ minLength: 16, maxLength: 16, pattern: /^[0-9a-f]{16}$/, patternName: 'a key id (16 hex digits)' }) }),
    success: { status: 204, description: 'revoked' },
    async handle({ api, params }) {
      await api.keys.revoke(params.id);
      return new Response(null, { status: 204 });
    },
  }),
];
