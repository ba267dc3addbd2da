import { requireDomainOf } from '../auth/require.js';
import { reachesAccount } from '../auth/scope.js';
import { route, type Route } from '../route.js';
import { address, domainName, noParams } from '../schema/fields.js';
import { array, object, optional } from '../schema/schema.js';

/** Aliases: list (those in reach), add, remove. */
export const aliasRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/aliases',
    summary: 'List the aliases of the domains the credentials reach',
    tag: 'aliases',
    access: 'any',
    params: noParams,
    query: object({ domain: optional(domainName) }),
    success: { status: 200, description: '`{ aliases: AliasRecord[] }`' },
    async handle({ api, principal, query }) {
      const aliases = await api.directory.listAliases(query.domain);
      // An account key sees no aliases: an alias belongs to its domain, not to one of its targets.
      return { json: { aliases: principal.scope.kind === 'account' ? [] : aliases.filter((record) => reachesAccount(principal.scope, record.alias)) } };
    },
  }),
  route({
    method: 'POST',
    path: '/api/aliases',
    summary: 'Add an alias that fans out to its targets',
    tag: 'aliases',
    access: 'any',
    params: noParams,
    body: object({ alias: address, targets: array(address, { minItems: 1, maxItems: 100 }) }),
    success: { status: 201, description: 'the new AliasRecord' },
    async handle({ api, principal, body }) {
      requireDomainOf(principal, body.alias);
      // A tenant's alias may forward only within its reach (outward to other domains it does not own is the sender's business).
      for (const target of body.targets) if (principal.scope.kind !== 'server') requireDomainOf(principal, target);
      return { status: 201, json: await api.directory.addAlias(body.alias, body.targets) };
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/aliases/{alias}',
    summary: 'Remove an alias',
    tag: 'aliases',
    access: 'any',
    params: object({ alias: address }),
    success: { status: 204, description: 'removed' },
    async handle({ api, principal, params }) {
      requireDomainOf(principal, params.alias);
      await api.directory.removeAlias(params.alias);
      return new Response(null, { status: 204 });
    },
  }),
];
