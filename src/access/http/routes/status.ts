import { route, type Route } from '../route.js';
import { noParams } from '../schema/fields.js';

/** Server status: who is asking, what listens, since when. */
export const statusRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/status',
    summary: 'Server status and the scope of the credentials used',
    tag: 'server',
    access: 'any',
    params: noParams,
    success: { status: 200, description: '`{ hostname, startedAt, uptimeSeconds, listeners, principal }`' },
    async handle({ api, principal }) {
      const status = api.status();
      const listeners = principal.scope.kind === 'server' ? status.listeners : {};
      return { json: { hostname: status.hostname, startedAt: api.startedAt.toISOString(), uptimeSeconds: Math.floor((Date.now() - api.startedAt.getTime()) / 1000), listeners, principal: { scope: principal.scope, via: principal.via } } };
    },
  }),
];
