import { ErrorCodes } from '../../../errors/codes.js';
import { PosthouseError } from '../../../errors/posthouse-error.js';
import { route, type Route } from '../route.js';
import { accountParams, mailboxName, mailboxParams } from '../schema/fields.js';
import { boolean, object, oneOf, optional } from '../schema/schema.js';
import { accountKey } from '../auth/scope.js';

const specialUse = oneOf(['\\Sent', '\\Drafts', '\\Junk', '\\Trash', '\\Archive'] as const, 'RFC 6154 special use');

/** Mailboxes of one account: list, status, create, rename or (un)subscribe, delete. */
export const mailboxRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/accounts/{account}/mailboxes',
    summary: 'List the mailboxes of an account with their counts',
    tag: 'mailboxes',
    access: 'account',
    params: accountParams,
    success: { status: 200, description: '`{ mailboxes: MailboxStatus[] }`' },
    async handle({ api, params }) {
      return { json: { mailboxes: await api.store.listMailboxes(accountKey(params.account)) } };
    },
  }),
  route({
    method: 'POST',
    path: '/api/accounts/{account}/mailboxes',
    summary: 'Create a mailbox',
    tag: 'mailboxes',
    access: 'account',
    params: accountParams,
    body: object({ name: mailboxName, specialUse: optional(specialUse) }),
    success: { status: 201, description: 'the new MailboxStatus' },
    async handle({ api, params, body }) {
      const status = await api.store.createMailbox(accountKey(params.account), body.name, body.specialUse === undefined ? {} : { specialUse: body.specialUse });
      return { status: 201, json: status };
    },
  }),
  route({
    method: 'GET',
    path: '/api/accounts/{account}/mailboxes/{mailbox}',
    summary: 'The status of one mailbox (UIDVALIDITY, UIDNEXT, counts)',
    tag: 'mailboxes',
    access: 'account',
    params: mailboxParams,
    success: { status: 200, description: 'MailboxStatus' },
    async handle({ api, params }) {
      const status = await api.store.mailboxStatus(accountKey(params.account), params.mailbox);
      if (status === null) throw new PosthouseError(ErrorCodes.MAILBOX_NOT_FOUND, `no mailbox ${params.mailbox}`);
      return { json: status };
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/accounts/{account}/mailboxes/{mailbox}',
    summary: 'Rename a mailbox and/or change its subscription',
    tag: 'mailboxes',
    access: 'account',
    params: mailboxParams,
    body: object({ name: optional(mailboxName), subscribed: optional(boolean()) }),
    success: { status: 200, description: 'the MailboxStatus after the change' },
    async handle({ api, params, body }) {
      const account = accountKey(params.account);
      let name = params.mailbox;
      if (body.name !== undefined && body.name !== name) {
        await api.store.renameMailbox(account, name, body.name);
        name = body.name;
      }
      if (body.subscribed !== undefined) await api.store.setSubscribed(account, name, body.subscribed);
      const status = await api.store.mailboxStatus(account, name);
      if (status === null) throw new PosthouseError(ErrorCodes.MAILBOX_NOT_FOUND, `no mailbox ${name}`);
      return { json: status };
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/accounts/{account}/mailboxes/{mailbox}',
    summary: 'Delete a mailbox with its messages (not INBOX)',
    tag: 'mailboxes',
    access: 'account',
    params: mailboxParams,
    success: { status: 204, description: 'deleted' },
    async handle({ api, params }) {
      await api.store.deleteMailbox(accountKey(params.account), params.mailbox);
      return new Response(null, { status: 204 });
    },
  }),
];
