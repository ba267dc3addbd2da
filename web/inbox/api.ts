import { authorizationOf, type Credentials } from './credentials.js';

/** An error answer of the API: its HTTP status and stable code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Where a message is: the three parts of every message route. */
export interface MessageRef {
  account: string;
  mailbox: string;
  uid: number;
}

/** The path of a message route (`suffix` like `/raw`). */
export function messagePath(ref: MessageRef, suffix = ''): string {
  return `/api/accounts/${encodeURIComponent(ref.account)}/mailboxes/${encodeURIComponent(ref.mailbox)}/messages/${ref.uid}${suffix}`;
}

/** The REST API of the same origin, called with the reader's credentials (none in test mode). */
export class Api {
  constructor(readonly credentials: Credentials | null) {}

  /** Fetches `path`; an error answer is thrown as an {@link ApiError}. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.credentials !== null) headers.set('authorization', authorizationOf(this.credentials));
    if (typeof init.body === 'string') headers.set('content-type', 'application/json');
    const response = await fetch(path, { ...init, headers, cache: 'no-store' });
    if (response.ok) return response;
    const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(response.status, body?.error?.code ?? 'HTTP_ERROR', body?.error?.message ?? response.statusText);
  }

  async json<T>(path: string, method = 'GET', body?: unknown): Promise<T> {
    const response = await this.request(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return (response.status === 204 ? null : await response.json()) as T;
  }
}
