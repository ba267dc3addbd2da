import { ApiError, messagePath, type Api } from './api.js';
import { h, replace } from './dom.js';
import { followLiveEvents, type LiveEvent } from './live-events.js';
import { messageKey, renderMessageList } from './message-list.js';
import { renderMessagePane } from './message-pane.js';
import type { MessageDetail, MessageSummary } from './types.js';

const ALL = '*';
/** Messages asked for per account and shown at most. */
const PAGE_SIZE = 200;

/** The inbox: account and mailbox pickers, search, the live list and the open message. */
export class InboxApp {
  readonly #api: Api;
  readonly #root: HTMLElement;
  readonly #accountSelect = h('select', { name: 'account', 'aria-label': 'account' });
  readonly #mailboxSelect = h('select', { name: 'mailbox', 'aria-label': 'mailbox' });
  readonly #search = h('input', { type: 'search', name: 'search', placeholder: 'Search', 'aria-label': 'search' });
  readonly #live = h('span', { class: 'live', title: 'live updates' });
  readonly #list = h('ul', { class: 'list', 'aria-label': 'messages' });
  readonly #pane = h('section', { class: 'pane' }, h('p', { class: 'muted' }, 'Select a message.'));
  #accounts: string[] = [];
  #messages: MessageSummary[] = [];
  #openKey: string | null = null;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #generation = 0;

  constructor(api: Api, root: HTMLElement, openMode: boolean, onSignOut: () => void) {
    this.#api = api;
    this.#root = root;
    this.#accountSelect.addEventListener('change', () => void this.#loadMailboxes().then(() => this.refresh()));
    this.#mailboxSelect.addEventListener('change', () => void this.refresh());
    this.#search.addEventListener('input', () => this.#scheduleRefresh(250));
    const signOut = openMode ? null : h('button', { type: 'button', class: 'link', onclick: onSignOut }, 'Sign out');
    replace(root, h('header', { class: 'bar' }, h('h1', {}, 'posthouse'), this.#live, this.#accountSelect, this.#mailboxSelect, this.#search, signOut), h('main', { class: 'layout' }, this.#list, this.#pane));
  }

  /** Loads accounts and the list, then follows live events until `signal` aborts. */
  async start(signal: AbortSignal): Promise<void> {
    await this.#loadAccounts();
    await this.#loadMailboxes();
    await this.refresh();
    void followLiveEvents(this.#api, (event) => this.#onEvent(event), (connected) => this.#live.classList.toggle('on', connected), signal);
  }

  #selectedAccounts(): string[] {
    return this.#accountSelect.value === ALL ? this.#accounts : [this.#accountSelect.value];
  }

  async #loadAccounts(): Promise<void> {
    const { accounts } = await this.#api.json<{ accounts: string[] }>('/inbox/accounts');
    const current = this.#accountSelect.value;
    this.#accounts = accounts;
    const options = this.#accounts.map((address) => h('option', { value: address }, address));
    replace(this.#accountSelect, this.#accounts.length === 1 ? null : h('option', { value: ALL }, 'All accounts'), ...options);
    const offered = [...this.#accountSelect.options].map((option) => option.value);
    this.#accountSelect.value = offered.includes(current) ? current : (offered[0] ?? ALL);
  }

  async #loadMailboxes(): Promise<void> {
    const current = this.#mailboxSelect.value || 'INBOX';
    const names = new Set<string>(['INBOX']);
    const lists = await Promise.all(this.#selectedAccounts().map((account) => this.#api.json<{ mailboxes: Array<{ name: string }> }>(`/api/accounts/${encodeURIComponent(account)}/mailboxes`).catch(() => ({ mailboxes: [] }))));
    for (const list of lists) for (const mailbox of list.mailboxes) names.add(mailbox.name);
    replace(this.#mailboxSelect, ...[...names].sort().map((name) => h('option', { value: name }, name)));
    this.#mailboxSelect.value = names.has(current) ? current : 'INBOX';
  }

  #scheduleRefresh(delayMs = 100): void {
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => void this.refresh(), delayMs);
  }

  /** Reloads the list: every selected account's mailbox, merged newest first. */
  async refresh(): Promise<void> {
    const generation = ++this.#generation;
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (this.#search.value.trim() !== '') query.set('text', this.#search.value.trim());
    const mailbox = this.#mailboxSelect.value || 'INBOX';
    const pages = await Promise.all(
      this.#selectedAccounts().map((account) =>
        this.#api.json<{ messages: MessageSummary[] }>(`/api/accounts/${encodeURIComponent(account)}/mailboxes/${encodeURIComponent(mailbox)}/messages?${query}`).catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 404) return { messages: [] };
          throw error;
        }),
      ),
    );
    // A slower, older refresh must not overwrite a newer one.
    if (generation !== this.#generation) return;
    this.#messages = pages.flatMap((page) => page.messages).sort((a, b) => b.internalDate.localeCompare(a.internalDate) || b.uid - a.uid).slice(0, PAGE_SIZE);
    this.#renderList();
  }

  #renderList(): void {
    renderMessageList(this.#list, this.#messages, this.#openKey, this.#accountSelect.value === ALL, (message) => void this.open(message));
  }

  /** Opens a message in the pane, marking it read. */
  async open(summary: MessageSummary): Promise<void> {
    this.#openKey = messageKey(summary);
    this.#root.classList.add('reading');
    this.#renderList();
    try {
      let message = await this.#api.json<MessageDetail>(messagePath(summary));
      if (!message.flags.some((flag) => flag.toLowerCase() === '\\seen')) message = await this.#setFlags(message, true);
      this.#show(message);
    } catch (error) {
      replace(this.#pane, h('p', { class: 'error' }, (error as Error).message));
    }
  }

  #show(message: MessageDetail): void {
    renderMessagePane(this.#pane, this.#api, message, {
      setSeen: async (target, seen) => this.#show(await this.#setFlags(target, seen)),
      remove: async (target) => {
        await this.#api.json(messagePath(target), 'DELETE');
        this.close();
        await this.refresh();
      },
      close: () => this.close(),
    });
  }

  async #setFlags(message: MessageDetail, seen: boolean): Promise<MessageDetail> {
    const change = seen ? { add: ['\\Seen'] } : { remove: ['\\Seen'] };
    const { flags } = await this.#api.json<{ flags: string[] }>(messagePath(message, '/flags'), 'PATCH', change);
    const updated = { ...message, flags };
    this.#messages = this.#messages.map((entry) => (messageKey(entry) === messageKey(message) ? { ...entry, flags } : entry));
    this.#renderList();
    return updated;
  }

  /** Closes the open message (on phones, back to the list). */
  close(): void {
    this.#openKey = null;
    this.#root.classList.remove('reading');
    replace(this.#pane, h('p', { class: 'muted' }, 'Select a message.'));
    this.#renderList();
  }

  #onEvent(event: LiveEvent): void {
    const account = String(event.data['account'] ?? '');
    if (event.type === 'delivered' && !this.#accounts.includes(account)) {
      void this.#loadAccounts().then(() => this.#loadMailboxes()).then(() => this.#scheduleRefresh());
      return;
    }
    if (event.type === 'expunged' && this.#openKey === messageKey({ account, mailbox: String(event.data['mailbox']), uid: Number(event.data['uid']) })) this.close();
    if (['delivered', 'flags', 'expunged'].includes(event.type)) this.#scheduleRefresh();
  }
}
