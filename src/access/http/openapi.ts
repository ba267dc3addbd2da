import type { Route } from './route.js';
import type { JsonSchema } from './schema/schema.js';

/** Routes served outside the route table, documented by hand next to it (they take no input but the query below). */
const EXTRA_PATHS = {
  '/api/events': {
    get: {
      tags: ['events'],
      summary: 'Server-Sent Events: received, delivered, flags, expunged; only those of accounts the credentials reach',
      responses: { '200': { description: 'an event stream', content: { 'text/event-stream': {} } } },
    },
  },
  '/metrics': {
    get: {
      tags: ['server'],
      summary: 'Prometheus metrics (text exposition format 0.0.4); server scope',
      responses: { '200': { description: 'metrics', content: { 'text/plain; version=0.0.4': {} } } },
    },
  },
};

function parametersOf(route: Route): JsonSchema[] {
  const path = Object.entries((route.params.json['properties'] ?? {}) as Record<string, JsonSchema>).map(([name, schema]) => ({ name, in: 'path', required: true, schema }));
  const queryProperties = (route.query?.json['properties'] ?? {}) as Record<string, JsonSchema>;
  const query = Object.entries(queryProperties).map(([name, schema]) => ({ name, in: 'query', required: false, schema }));
  return [...path, ...query];
}

const ERROR_RESPONSE = {
  description: 'an error: `{ error: { code, message } }` (see docs/errors.md)',
  content: {
    'application/json': {
      schema: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } } },
    },
  },
};

/**
 * The OpenAPI 3.1 document of the API, built from the route table: the same schemas that
 * validate each route's parameters, query and body describe them here.
 */
export function openApiDocument(routes: readonly Route[], version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operation: Record<string, unknown> = {
      tags: [route.tag],
      summary: route.summary,
      operationId: `${route.method.toLowerCase()}${route.path.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^A-Za-z0-9]+(\w)?/g, (_, letter: string | undefined) => (letter ?? '').toUpperCase())}`,
      'x-access': route.access,
      parameters: parametersOf(route),
      responses: {
        [String(route.success.status)]: { description: route.success.description, ...(route.success.status === 204 ? {} : { content: { [route.success.contentType ?? 'application/json']: {} } }) },
        '4XX': ERROR_RESPONSE,
      },
      ...(route.body === undefined ? {} : { requestBody: { required: true, content: { 'application/json': { schema: route.body.json } } } }),
    };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'posthouse HTTP API', version, description: 'Mailboxes, messages, rules and live events of a posthouse mail server. See docs/http-api.md.' },
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'an API key ph_…, scoped to the server, a domain or an account' },
        accountPassword: { type: 'http', scheme: 'basic', description: "an account's own address and password, over TLS only" },
      },
    },
    security: [{ apiKey: [] }, { accountPassword: [] }],
    paths: { ...paths, ...EXTRA_PATHS },
  };
}
