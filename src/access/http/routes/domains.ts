import { requireDomain } from '../auth/require.js';
import { accountKey, domainOf, reachesDomain } from '../auth/scope.js';
import { route, type Route } from '../route.js';
import { address, domainName, domainParams, noParams } from '../schema/fields.js';
import { nullable, object, optional } from '../schema/schema.js';

const newDomain = object({ domain: domainName, catchAll: optional(nullable(address)) });

/** Domains: list (those the caller reaches), add, remove, set the catch-all. */
export const domainRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/domains',
    summary: 'List the domains the credentials reach',
    tag: 'domains',
    access: 'any',
    params: noParams,
    success: { status: 200, description: '`{ domains: DomainRecord[] }`' },
    async handle({ api, principal }) {
      const domains = await api.directory.listDomains();
      return { json: { domains: domains.filter((record) => reachesDomain(principal.scope, record.domain)) } };
    },
  }),
  route({
    method: 'POST',
    path: '/api/domains',
    summary: 'Add a domain',
    tag: 'domains',
    access: 'server',
    params: noParams,
    body: newDomain,
    success: { status: 201, description: 'the new DomainRecord' },
    async handle({ api, body }) {
      return { status: 201, json: await api.directory.addDomain(body.domain, { catchAll: body.catchAll ?? null }) };
    },
  }),
  route({
    method: 'PUT',
    path: '/api/domains/{domain}/catch-all',
    summary: "Set or clear the domain's catch-all address",
    tag: 'domains',
    access: 'domain',
    params: domainParams,
    body: object({ catchAll: nullable(address) }),
    success: { status: 200, description: 'the updated DomainRecord' },
    async handle({ api, params, body, principal }) {
      // A tenant may not point its catch-all into another tenant's mail.
      if (body.catchAll !== null) requireDomain(principal, domainOf(accountKey(body.catchAll)));
      await api.directory.setCatchAll(params.domain, body.catchAll);
      const record = (await api.directory.listDomains()).find((domain) => domain.domain === params.domain.toLowerCase());
      return { json: record ?? { domain: params.domain, catchAll: body.catchAll } };
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/domains/{domain}',
    summary: 'Remove a domain',
    tag: 'domains',
    access: 'server',
    params: domainParams,
    success: { status: 204, description: 'removed' },
    async handle({ api, params }) {
      await api.directory.removeDomain(params.domain);
      return new Response(null, { status: 204 });
    },
  }),
];
