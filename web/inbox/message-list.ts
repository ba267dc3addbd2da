import { h, replace } from './dom.js';
import { isSeen, senderOf, type MessageSummary } from './types.js';

/** Today's messages show the time, older ones the date. */
function shortDate(iso: string): string {
  const date = new Date(iso);
  const today = new Date().toDateString() === date.toDateString();
  return today ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : date.toLocaleDateString();
}

/** A stable key of a message across accounts and mailboxes. */
export function messageKey(message: { account: string; mailbox: string; uid: number }): string {
  return `${message.account}\u0000${message.mailbox}\u0000${message.uid}`;
}

/** Renders the list into `container`; `showAccount` in the all-accounts view. */
export function renderMessageList(container: HTMLElement, messages: MessageSummary[], openKey: string | null, showAccount: boolean, onOpen: (message: MessageSummary) => void): void {
  if (messages.length === 0) {
    replace(container, h('li', { class: 'empty muted' }, 'No messages.'));
    return;
  }
  replace(
    container,
    ...messages.map((message) => {
      const key = messageKey(message);
      const classes = ['message', isSeen(message) ? 'seen' : 'unread', key === openKey ? 'open' : ''].join(' ');
      return h(
        'li',
        { class: classes, 'data-uid': String(message.uid), 'data-account': message.account },
        h(
          'button',
          { type: 'button', onclick: () => onOpen(message) },
          h('span', { class: 'from' }, senderOf(message)),
          h('time', { datetime: message.date ?? message.internalDate }, shortDate(message.date ?? message.internalDate)),
          h('span', { class: 'subject' }, message.hasAttachments ? h('span', { class: 'clip', title: 'has attachments' }) : null, message.subject || '(no subject)'),
          h('span', { class: 'snippet' }, showAccount ? `${message.account} · ${message.snippet}` : message.snippet),
        ),
      );
    }),
  );
}
