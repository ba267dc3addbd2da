import type { Route } from '../route.js';
import { accountRoutes } from './accounts.js';
import { aliasRoutes } from './aliases.js';
import { domainRoutes } from './domains.js';
import { keyRoutes } from './keys.js';
import { mailboxRoutes } from './mailboxes.js';
import { messageActionRoutes } from './message-actions.js';
import { messageContentRoutes } from './message-content.js';
import { messageListRoutes } from './messages.js';
import { queueRoutes } from './queue.js';
import { ruleRoutes } from './rules.js';
import { statusRoutes } from './status.js';
import { webhookRoutes } from './webhooks.js';

/** Every JSON route of the API, in the order the OpenAPI document lists them. */
export const API_ROUTES: readonly Route[] = [
  ...statusRoutes,
  ...domainRoutes,
  ...accountRoutes,
  ...aliasRoutes,
  ...mailboxRoutes,
  ...messageListRoutes,
  ...messageContentRoutes,
  ...messageActionRoutes,
  ...ruleRoutes,
  ...keyRoutes,
  ...queueRoutes,
  ...webhookRoutes,
];
