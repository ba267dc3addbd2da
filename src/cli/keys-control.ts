import type { ApiKeyInfo } from '../access/http/auth/api-keys.js';
import { parseScope } from '../access/http/auth/scope.js';
import type { MailServer } from '../server.js';

/** The API key methods the control socket serves, so `posthouse keys` works while a server runs. */
export interface KeysControl {
  /** Creates a key for `scope` (`server`, `domain:D`, `account:A`); the answer holds the key, the only time it is shown. */
  keysCreate(scope: string, label?: string): Promise<ApiKeyInfo & { key: string }>;
  keysList(): Promise<ApiKeyInfo[]>;
  keysRevoke(id: string): Promise<null>;
}

/**
 * The API key methods on a server's HTTP API keys (kept in its store's records), so a key made
 * here works at once, and a revoked one stops at once.
 *
 * @example
 * const created = await keysControl(server).keysCreate('domain:example.com', 'ci');
 */
export function keysControl(server: MailServer): KeysControl {
  const keys = server.http.keys;
  return {
    keysCreate: (scope, label) => keys.create(parseScope(scope), label ?? null),
    keysList: () => keys.list(),
    async keysRevoke(id) {
      await keys.revoke(id);
      return null;
    },
  };
}
