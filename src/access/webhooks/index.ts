export { Webhooks, type WebhookOptions, type WebhookRoleDependencies, type DownloadedAttachment } from './webhooks.js';
export { WebhookRoutes } from './route-registry.js';
export { WebhookAgent, type WebhookIntake } from './webhook-agent.js';
export { verifyWebhookSignature, signWebhook, SIGNATURE_HEADER, type VerifyOptions } from './signature.js';
export { extractReplyText } from './reply-text.js';
export { mountWebhookDownloads } from './downloads.js';
export type { WebhookPayload, PayloadAttachment } from './payload.js';
export type { RetryPolicy } from './retry-policy.js';
export type * from './types.js';
