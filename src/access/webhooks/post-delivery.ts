import type { WebhookEnvelope } from './delivery-queue.js';
import { SIGNATURE_HEADER, signWebhook } from './signature.js';
import type { BuiltBody } from './payload.js';
import type { WebhookRoute } from './types.js';

/** The outcome of one POST: the HTTP status, or null after a timeout or network error. */
export interface PostOutcome {
  status: number | null;
  error?: string;
}

/** What one POST needs. */
export interface PostRequest {
  route: WebhookRoute;
  deliveryId: string;
  envelope: WebhookEnvelope;
  recipients: string[];
  built: BuiltBody;
  /** Unix seconds, signed into the header. */
  timestamp: number;
  timeoutMs: number;
  /** Aborted when the server closes. */
  signal: AbortSignal;
}

/**
 * POSTs one signed delivery. The response body is not read beyond what the connection needs:
 * only the status counts. Never throws; a timeout, a refused connection or the server closing
 * all come back as `status: null`.
 */
export async function postDelivery(request: PostRequest, fetchImpl: typeof fetch): Promise<PostOutcome> {
  const { route, built } = request;
  const headers: Record<string, string> = {
    'content-type': built.contentType,
    [SIGNATURE_HEADER]: signWebhook(route.secret ?? '', request.timestamp, built.body),
    'Posthouse-Delivery-Id': request.deliveryId,
    'Posthouse-Route-Id': route.id,
    'user-agent': 'posthouse-webhooks',
  };
  if (route.format === 'raw') {
    // The raw body has no envelope; the route's recipients and the sender travel as headers.
    headers['Posthouse-Envelope-From'] = request.envelope.from;
    headers['Posthouse-Envelope-To'] = request.recipients.join(', ');
  }
  const timeout = AbortSignal.timeout(request.timeoutMs);
  try {
    const response = await fetchImpl(route.url!, { method: 'POST', headers, body: built.body, signal: AbortSignal.any([timeout, request.signal]), redirect: 'manual' });
    await response.body?.cancel().catch(() => {});
    return { status: response.status };
  } catch (error) {
    return { status: null, error: timeout.aborted ? `no answer within ${request.timeoutMs} ms` : (error as Error).message };
  }
}
