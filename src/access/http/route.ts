import type { Directory } from '../../interfaces/directory.js';
import type { Store } from '../../interfaces/store.js';
import type { ScriptStore } from '../../rules/scripts/script-store.js';
import type { WebhookRoutes } from '../webhooks/route-registry.js';
import type { ApiKeys } from './auth/api-keys.js';
import type { QueueAdmin } from './routes/queue.js';
import type { Principal } from './auth/scope.js';
import type { Schema } from './schema/schema.js';

/** HTTP methods the API routes use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route, checked before its handler runs:
 * - `server`: server-scoped credentials only;
 * - `domain`: credentials reaching the `{domain}` path parameter;
 * - `account`: credentials reaching the `{account}` path parameter;
 * - `any`: anyone authenticated; the handler answers only with what the caller's scope reaches.
 */
export type Access = 'server' | 'domain' | 'account' | 'any';

/** What the server shows of itself on `GET /api/status`. */
export interface ServerStatus {
  hostname: string;
  listeners: Record<string, { host: string; port: number } | null | undefined>;
}

/** What routes work on: the server's roles, reached only through their contracts. */
export interface ApiDependencies {
  store: Store;
  directory: Directory;
  keys: ApiKeys;
  /** Sieve scripts; null when the server runs without rules. */
  rules: ScriptStore | null;
  /** Why a copy landed where it did; null when rules did not run for it. */
  explainDelivery(account: string, mailbox: string, uid: number): Promise<unknown>;
  status(): ServerStatus;
  startedAt: Date;
  /** The outbound sender's queue, for the queue routes; absent until a sender runs. */
  queue?: QueueAdmin;
  /** The inbound webhook routes; absent when the API runs without the webhook role. */
  webhooks?: WebhookRoutes;
}

/** What a handler gets: parsed parameters, query and body, the caller and the dependencies. */
export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal;
  api: ApiDependencies;
}

/** A JSON answer (status 200 unless said) or a ready response (raw message, attachment, stream). */
export type RouteReply = { status?: number; json: unknown } | Response;

/** One documented response of a route, for the OpenAPI document. */
export interface ResponseSpec {
  description: string;
  /** Default `application/json`. */
  contentType?: string;
}

/**
 * One route: method, path (OpenAPI form, `{name}` parameters), access rule, the schemas that
 * validate its input (and document it) and the handler. The router, the OpenAPI document and the
 * tenant-isolation test all read the same table.
 */
export interface Route<P = unknown, Q = unknown, B = unknown> {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params: Schema<P>;
  query?: Schema<Q>;
  body?: Schema<B>;
  /** The success status and what it holds. */
  success: { status: number } & ResponseSpec;
  handle(context: RouteContext<P, Q, B>): Promise<RouteReply>;
}

/** Declares a route with its types inferred from its schemas. */
export function route<P, Q = undefined, B = undefined>(definition: Route<P, Q, B>): Route {
  return definition as unknown as Route;
}
