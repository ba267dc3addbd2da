/** How the reader signs in: an account's own password (Basic) or an API key (Bearer). */
export type Credentials = { kind: 'basic'; address: string; password: string } | { kind: 'key'; key: string };

const STORAGE_KEY = 'posthouse.inbox.credentials';

/** The credentials of this tab (sessionStorage: gone when the tab closes, never shared). */
export function loadCredentials(): Credentials | null {
  try {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    return stored === null ? null : (JSON.parse(stored) as Credentials);
  } catch {
    return null;
  }
}

export function saveCredentials(credentials: Credentials | null): void {
  if (credentials === null) sessionStorage.removeItem(STORAGE_KEY);
  else sessionStorage.setItem(STORAGE_KEY, JSON.stringify(credentials));
}

/** The `Authorization` header value (RFC 7617 Basic with UTF-8, or RFC 6750 Bearer). */
export function authorizationOf(credentials: Credentials): string {
  if (credentials.kind === 'key') return `Bearer ${credentials.key}`;
  const bytes = new TextEncoder().encode(`${credentials.address}:${credentials.password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}
