import type { CopyResult } from '../../../interfaces/store.js';
import { accountKey } from '../auth/scope.js';
import { route, type Route } from '../route.js';
import { flag, mailboxName, messageParams } from '../schema/fields.js';
import { array, object, optional } from '../schema/schema.js';
import { storedMessage } from './message-content.js';

const flagList = array(flag, { maxItems: 100 });
const destination = object({ mailbox: mailboxName });

/** The store query that addresses exactly this message. */
const only = (message: { uid: number }) => ({ uids: [{ start: message.uid, end: message.uid }] });

/** What the flag routes answer: the message's flags after the change. */
async function flagsNow(store: Parameters<typeof storedMessage>[0], params: Parameters<typeof storedMessage>[1]) {
  const after = await storedMessage(store, params);
  return { json: { uid: after.uid, flags: after.flags, modseq: after.modseq } };
}

/** Where a moved or copied message landed. */
const landed = (mailbox: string, result: CopyResult) => ({ mailbox, uid: result.mapping[0]?.destinationUid ?? null, uidValidity: result.uidValidity });

/** Changes to one message: flags, move, copy, delete. */
export const messageActionRoutes: Route[] = [
  route({
    method: 'PATCH',
    path: '/api/accounts/{account}/mailboxes/{mailbox}/messages/{uid}/flags',
    summary: 'Add and/or remove flags (IMAP +FLAGS / -FLAGS)',
    tag: 'messages',
    access: 'account',
    params: messageParams,
    body: object({ add: optional(flagList), remove: optional(flagList) }),
    success: { status: 200, description: '`{ uid, flags, modseq }`' },
    async handle({ api, params, body }) {
      const message = await storedMessage(api.store, params);
      if (body.add !== undefined && body.add.length > 0) await api.store.updateFlags(message.account, message.mailbox, only(message), { operation: 'add', flags: body.add });
      if (body.remove !== undefined && body.remove.length > 0) await api.store.updateFlags(message.account, message.mailbox, only(message), { operation: 'remove', flags: body.remove });
      return flagsNow(api.store, params);
    },
  }),
  route({
    method: 'PUT',
    path: '/api/accounts/{account}/mailboxes/{mailbox}/messages/{uid}/flags',
    summary: 'Replace the flags (IMAP FLAGS)',
    tag: 'messages',
    access: 'account',
    params: messageParams,
    body: object({ flags: flagList }),
    success: { status: 200, description: '`{ uid, flags, modseq }`' },
    async handle({ api, params, body }) {
      const message = await storedMessage(api.store, params);
      await api.store.updateFlags(message.account, message.mailbox, only(message), { operation: 'set', flags: body.flags });
      return flagsNow(api.store, params);
    },
  }),
  route({
    method: 'POST',
    path: '/api/accounts/{account}/mailboxes/{mailbox}/messages/{uid}/move',
    summary: 'Move the message to another mailbox of the account',
    tag: 'messages',
    access: 'account',
    params: messageParams,
    body: destination,
    success: { status: 200, description: '`{ mailbox, uid, uidValidity }` where it landed' },
    async handle({ api, params, body }) {
      const message = await storedMessage(api.store, params);
      return { json: landed(body.mailbox, await api.store.moveMessages(message.account, message.mailbox, only(message), body.mailbox)) };
    },
  }),
  route({
    method: 'POST',
    path: '/api/accounts/{account}/mailboxes/{mailbox}/messages/{uid}/copy',
    summary: 'Copy the message to another mailbox of the account',
    tag: 'messages',
    access: 'account',
    params: messageParams,
    body: destination,
    success: { status: 201, description: '`{ mailbox, uid, uidValidity }` of the copy' },
    async handle({ api, params, body }) {
      const message = await storedMessage(api.store, params);
      return { status: 201, json: landed(body.mailbox, await api.store.copyMessages(message.account, message.mailbox, only(message), body.mailbox)) };
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/accounts/{account}/mailboxes/{mailbox}/messages/{uid}',
    summary: 'Delete the message now (flag \\Deleted and expunge that UID alone)',
    tag: 'messages',
    access: 'account',
    params: messageParams,
    success: { status: 204, description: 'deleted' },
    async handle({ api, params }) {
      const message = await storedMessage(api.store, params);
      await api.store.updateFlags(accountKey(params.account), message.mailbox, only(message), { operation: 'add', flags: ['\\Deleted'] });
      await api.store.expunge(message.account, message.mailbox, only(message));
      return new Response(null, { status: 204 });
    },
  }),
];
