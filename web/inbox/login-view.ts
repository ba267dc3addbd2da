import { Api, ApiError } from './api.js';
import type { Credentials } from './credentials.js';
import { h, replace } from './dom.js';

/**
 * The sign-in form: an account's address and password (Basic auth), or an API key. Resolves an
 * API whose credentials the server accepted.
 */
export function showLogin(container: HTMLElement, message: string | null): Promise<Api> {
  return new Promise((resolve) => {
    const address = h('input', { name: 'address', type: 'email', autocomplete: 'username', placeholder: 'alice@example.com' });
    const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password' });
    const key = h('input', { name: 'key', type: 'password', autocomplete: 'off', placeholder: 'ph_…' });
    const status = h('p', { class: 'error', role: 'alert' }, message ?? '');
    const submit = async (event: Event): Promise<void> => {
      event.preventDefault();
      const credentials: Credentials = key.value.trim() !== '' ? { kind: 'key', key: key.value.trim() } : { kind: 'basic', address: address.value.trim(), password: password.value };
      const api = new Api(credentials);
      try {
        await api.json('/api/accounts');
        resolve(api);
      } catch (error) {
        status.textContent = error instanceof ApiError && error.status === 401 ? `Not signed in: ${error.message}` : (error as Error).message;
      }
    };
    replace(
      container,
      h(
        'form',
        { class: 'login', onsubmit: (event) => void submit(event) },
        h('h1', {}, 'posthouse inbox'),
        h('label', {}, 'Address', address),
        h('label', {}, 'Password', password),
        h('p', { class: 'muted' }, 'or'),
        h('label', {}, 'API key', key),
        h('button', { type: 'submit' }, 'Sign in'),
        status,
      ),
    );
  });
}
