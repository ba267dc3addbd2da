/** What a route does with a message that reaches it. */
export type WebhookAction = 'store' | 'post' | 'both';

/** How a route's POST carries the message: parsed JSON, or the raw MIME as `message/rfc822`. */
export type WebhookFormat = 'json' | 'raw';

/**
 * Which recipients a route takes: every address of a domain (the domain's catch-all route), or
 * a pattern on the address with `*` (any run of characters) and `?` (one character) in the local
 * part, e.g. `support+*@example.com`. The domain part of a pattern is literal, so every route
 * belongs to exactly one domain (the tenant that may manage it).
 */
export type WebhookMatch = { domain: string } | { pattern: string };

/** A route as it is created (through the API or in code). */
export interface WebhookRouteInput {
  /** Letters, digits, `.`, `_` and `-`; generated when absent. */
  id?: string;
  match: WebhookMatch;
  /** `post` only POSTs (no account needed), `both` files into the account and POSTs, `store` only files. */
  action: WebhookAction;
  /** Where `post` and `both` POST to (http or https). */
  url?: string;
  /** Default `json`. */
  format?: WebhookFormat;
  /** The HMAC-SHA256 key of the `Posthouse-Signature` header (16 characters at least). */
  secret?: string;
  /** Lower runs first (default 0); on a tie a pattern comes before a domain's catch-all. */
  priority?: number;
  /** Optional note for people. */
  description?: string;
}

/** A route as kept in `store.records`. */
export interface WebhookRoute {
  id: string;
  match: WebhookMatch;
  action: WebhookAction;
  url: string | null;
  format: WebhookFormat;
  secret: string | null;
  priority: number;
  description: string | null;
  /** The domain the route belongs to (lower case). */
  domain: string;
  createdAt: string;
}

/** Emitted when a delivery was answered 2xx. */
export interface WebhookDeliveredEvent {
  deliveryId: string;
  routeId: string;
  url: string;
  attempts: number;
  status: number;
}

/** Emitted when a delivery is given up (its retry window passed, or its route is gone). */
export interface WebhookFailedEvent {
  deliveryId: string;
  routeId: string;
  url: string | null;
  attempts: number;
  /** The last HTTP status, or null after a timeout or network error. */
  lastStatus: number | null;
  reason: string;
}

/** The events of the webhook role (`server.webhooks.on('webhook-failed', …)`). */
export interface WebhookEvents {
  'webhook-delivered': WebhookDeliveredEvent;
  'webhook-failed': WebhookFailedEvent;
}
