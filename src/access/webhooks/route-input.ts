import { randomBytes } from 'node:crypto';
import { ErrorCodes } from '../../errors/codes.js';
import { PosthouseError } from '../../errors/posthouse-error.js';
import { compileMatch } from './route-match.js';
import type { WebhookRoute, WebhookRouteInput } from './types.js';

const ROUTE_ID = /^[A-Za-z0-9._-]{1,64}$/;
const MIN_SECRET = 16;

function invalid(message: string): PosthouseError {
  return new PosthouseError(ErrorCodes.WEBHOOK_ROUTE_INVALID, message);
}

function checkUrl(url: string | undefined): string {
  let parsed: URL;
  try {
    parsed = new URL(url ?? '');
  } catch {
    throw invalid(`url '${String(url).slice(0, 200)}' is not an absolute URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalid('url must be http or https');
  return parsed.toString();
}

/**
 * Checks a route as given and fills its defaults: `post` and `both` need a url and a secret of
 * 16 characters at least (the receiver verifies every POST with it); `store` takes neither.
 */
export function normaliseRoute(input: WebhookRouteInput, now: Date): WebhookRoute {
  const id = input.id ?? `route-${randomBytes(6).toString('hex')}`;
  if (!ROUTE_ID.test(id)) throw invalid('id must be 1-64 letters, digits, dots, underscores or dashes');
  if (!['store', 'post', 'both'].includes(input.action)) throw invalid(`action must be store, post or both`);
  const format = input.format ?? 'json';
  if (format !== 'json' && format !== 'raw') throw invalid('format must be json or raw');
  const priority = input.priority ?? 0;
  if (!Number.isSafeInteger(priority)) throw invalid('priority must be an integer');
  const posts = input.action !== 'store';
  if (posts && (input.secret === undefined || input.secret.length < MIN_SECRET)) throw invalid(`a route that posts needs a secret of ${MIN_SECRET} characters at least`);
  const match = 'domain' in input.match ? { domain: input.match.domain.trim().toLowerCase() } : { pattern: input.match.pattern.trim() };
  return {
    id,
    match,
    action: input.action,
    url: posts ? checkUrl(input.url) : null,
    format,
    secret: posts ? input.secret! : null,
    priority,
    description: input.description ?? null,
    domain: compileMatch(match).domain,
    createdAt: now.toISOString(),
  };
}
