import { messagePath, type Api, type MessageRef } from './api.js';
import { formatSize, h, replace } from './dom.js';
import { explanationView } from './explain-view.js';
import { hasRemoteContent, messageFrame } from './html-frame.js';
import { addressLine, isSeen, type Explanation, type MessageDetail } from './types.js';

/** What the pane asks of the app around it. */
export interface PaneActions {
  setSeen(message: MessageDetail, seen: boolean): Promise<void>;
  remove(message: MessageDetail): Promise<void>;
  close(): void;
}

type Tab = 'html' | 'text' | 'headers' | 'raw' | 'attachments' | 'explain';

/** Saves a download fetched with the reader's credentials (a plain link could not send them). */
async function download(api: Api, path: string, filename: string): Promise<void> {
  const blob = await (await api.request(path)).blob();
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function headerRows(headers: MessageDetail['headers']): HTMLElement {
  const rows = Object.entries(headers).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((one) => h('tr', {}, h('th', {}, name), h('td', {}, typeof one === 'string' ? one : JSON.stringify(one)))));
  return h('table', { class: 'headers' }, h('tbody', {}, ...rows));
}

/** Renders one opened message with its tabs into `container`. */
export function renderMessagePane(container: HTMLElement, api: Api, message: MessageDetail, actions: PaneActions): void {
  const ref: MessageRef = message;
  const body = h('div', { class: 'tab-body' });
  let allowRemote = false;
  const tabs = new Map<Tab, HTMLButtonElement>();
  const show = async (tab: Tab): Promise<void> => {
    for (const [name, button] of tabs) button.setAttribute('aria-selected', String(name === tab));
    try {
      if (tab === 'html') {
        const html = message.html ?? '';
        const toggle = hasRemoteContent(html)
          ? h('button', { type: 'button', class: 'remote', onclick: () => ((allowRemote = !allowRemote), void show('html')) }, allowRemote ? 'Block remote content' : 'Load remote content')
          : null;
        replace(body, toggle, messageFrame(html, allowRemote));
      } else if (tab === 'text') replace(body, h('pre', { class: 'text' }, message.text ?? '(no text part)'));
      else if (tab === 'headers') replace(body, headerRows(message.headers));
      else if (tab === 'raw') replace(body, h('pre', { class: 'raw' }, await (await api.request(messagePath(ref, '/raw'))).text()));
      else if (tab === 'attachments')
        replace(
          body,
          h(
            'ul',
            { class: 'attachments' },
            ...message.attachments.map((attachment) => {
              const filename = attachment.filename ?? `attachment-${attachment.index}`;
              return h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => void download(api, messagePath(ref, `/attachments/${attachment.index}`), filename) }, filename), ` ${attachment.contentType}, ${formatSize(attachment.size)}`);
            }),
          ),
        );
      else replace(body, explanationView((await api.json<{ explanation: Explanation | null }>(messagePath(ref, '/explain'))).explanation));
    } catch (error) {
      replace(body, h('p', { class: 'error' }, (error as Error).message));
    }
  };
  const tabButton = (tab: Tab, label: string): HTMLButtonElement => {
    const button = h('button', { type: 'button', role: 'tab', 'data-tab': tab, onclick: () => void show(tab) }, label);
    tabs.set(tab, button);
    return button;
  };
  const seen = isSeen(message);
  replace(
    container,
    h(
      'header',
      { class: 'pane-head' },
      h('button', { type: 'button', class: 'back', onclick: actions.close }, '← Back'),
      h('h2', { class: 'pane-subject' }, message.subject || '(no subject)'),
      h('p', {}, h('strong', {}, addressLine(message.from) || '(no sender)')),
      h('p', { class: 'muted' }, `To ${addressLine([...message.to, ...message.cc]) || '(none)'} · ${new Date(message.date ?? message.internalDate).toLocaleString()} · ${message.account} / ${message.mailbox}`),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', 'data-action': 'toggle-seen', onclick: () => void actions.setSeen(message, !seen) }, seen ? 'Mark unread' : 'Mark read'),
        h('button', { type: 'button', 'data-action': 'delete', class: 'danger', onclick: () => void actions.remove(message) }, 'Delete'),
      ),
    ),
    h(
      'nav',
      { class: 'tabs', role: 'tablist' },
      message.html === null ? null : tabButton('html', 'HTML'),
      tabButton('text', 'Text'),
      tabButton('headers', 'Headers'),
      tabButton('raw', 'Raw'),
      message.attachments.length === 0 ? null : tabButton('attachments', `Attachments (${message.attachments.length})`),
      tabButton('explain', 'Why here'),
    ),
    body,
  );
  void show(message.html === null ? 'text' : 'html');
}
