import { Api } from './api.js';
import { loadCredentials, saveCredentials } from './credentials.js';
import { InboxApp } from './inbox-app.js';
import { showLogin } from './login-view.js';

/**
 * Starts the inbox. A server that answers `/api/status` without credentials is a test server
 * (open); otherwise the reader signs in, and the credentials stay in this tab's sessionStorage.
 */
async function boot(root: HTMLElement): Promise<void> {
  const open = await fetch('/api/status', { cache: 'no-store' }).then((response) => response.ok, () => false);
  let api = new Api(null);
  if (!open) {
    const saved = loadCredentials();
    api = saved === null ? await showLogin(root, null) : await new Api(saved).json('/api/accounts').then(() => new Api(saved), () => showLogin(root, 'Please sign in again.'));
    saveCredentials(api.credentials);
  }
  const running = new AbortController();
  const app = new InboxApp(api, root, open, () => {
    running.abort();
    saveCredentials(null);
    location.reload();
  });
  await app.start(running.signal);
  root.dataset['ready'] = 'true';
}

void boot(document.getElementById('app')!);
