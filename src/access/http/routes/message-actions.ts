import { accountKey } from '../auth/scope.js';
import { route, type Route } from '../route.js';
import { flag, mailboxName, messageParams } from '../schema/fields.js';
import { array, object, optional } from '../schema/schema.js';
import { storedMessage } from './message-content.js';

const flagList = array(flag, { maxItems: 100 });
const destination = object({ mailbox: mailboxName });

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
      const query = { uids: [{ start: message.uid, end: message.uid }] };
      if (body.add !== undefined && body.add.length > 0) await api.store.updateFlags(message.account, message.mailbox, query, { operation: 'add', flags: body.add });
      if (body.remove !== undefined && body.remove.length > 0) await api.store.updateFlags(message.account, message.mailbox, query, { operation: 'remove', flags: body.remove });
      const after = await storedMessage(api.store, params);
      return { json: { uid: after.uid, flags: after.flags, modseq: after.modseq } };
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
      await api.store.updateFlags(message.account, message.mailbox, { uids: [{ start: message.uid, end: message.uid }] }, { operation: 'set', flags: body.flags });
      const after = await storedMessage(api.store, params);
      return { json: { uid: after.uid, flags: after.flags, modseq: after.modseq } };
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
      const result = await api.store.moveMessages(message.account, message.mailbox, { uids: [{ start: message.uid, end: message.uid }] }, body.mailbox);
      return { json: { mailbox: body.mailbox, uid: result.mapping[0]?.destinationUid ?? null, uidValidity: result.uidValidity } };
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
      const result = await api.store.copyMessages(message.account, message.mailbox, { uids: [{ start: message.uid, end: message.uid }] }, body.mailbox);
      return { status: 201, json: { mailbox: body.mailbox, uid: result.mapping[0]?.destinationUid ?? null, uidValidity: result.uidValidity } };
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
      const query = { uids: [{ start: message.uid, end: message.uid }] };
      await api.store.updateFlags(accountKey(params.account), message.mailbox, query, { operation: 'add', flags: ['\\Deleted'] });
      await api.store.expunge(message.account, message.mailbox, query);
      return new Response(null, { status: 204 });
    },
  }),
];
