import { accountKey } from '../auth/scope.js';
import { route, type Route } from '../route.js';
import { flag, mailboxParams } from '../schema/fields.js';
import { dateTime, integer, object, oneOf, optional, string, type Infer } from '../schema/schema.js';
import { isEmptyFilter, matchesFilter, textMatches, type MessageFilter } from './message-filter.js';
import { messageView, summaryOf, type MessageView } from './message-view.js';
import type { ApiDependencies } from '../route.js';

const needle = string({ minLength: 1, maxLength: 500 });

/** The query of a message list: paging (cursor, or offset + limit), order and filters. */
export const messageListQuery = object({
  limit: optional(integer({ minimum: 1, maximum: 500, description: 'page size (default 50)' })),
  offset: optional(integer({ minimum: 0, maximum: 10_000_000, description: 'messages to skip (ignored with cursor)' })),
  cursor: optional(integer({ minimum: 1, maximum: 4_294_967_296, description: 'nextCursor of the previous page: continue after that UID' })),
  order: optional(oneOf(['newest', 'oldest'] as const, 'newest first (default) or oldest first')),
  from: optional(needle),
  to: optional(needle),
  subject: optional(needle),
  text: optional(needle),
  since: optional(dateTime('on or after this date')),
  before: optional(dateTime('before this date')),
  flag: optional(flag),
  notFlag: optional(flag),
});

type ListQuery = Infer<typeof messageListQuery>;

/** One page of a message list. */
interface MessagePage {
  messages: MessageView[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: number | null;
}

async function listPage(api: ApiDependencies, account: string, mailbox: string, query: ListQuery): Promise<MessagePage> {
  const limit = query.limit ?? 50;
  const newestFirst = (query.order ?? 'newest') === 'newest';
  const range = query.cursor === undefined ? undefined : newestFirst ? { start: 1, end: query.cursor - 1 } : { start: query.cursor + 1, end: Infinity };
  if (range !== undefined && range.end < range.start) return { messages: [], nextCursor: null };
  const stored = await api.store.listMessages(account, mailbox, range === undefined ? {} : { uids: [range] });
  if (newestFirst) stored.reverse();
  const { from, to, subject, since, before, flag: withFlag, notFlag, text } = query;
  const filter: MessageFilter = { from, to, subject, since, before, flag: withFlag, notFlag, text };
  const skip = query.cursor === undefined ? (query.offset ?? 0) : 0;
  const views: MessageView[] = [];
  let skipped = 0;
  let more = false;
  for (const message of stored) {
    if (isEmptyFilter(filter) && skipped < skip) {
      skipped += 1;
      continue;
    }
    const summary = await summaryOf(api.store, message);
    if (!matchesFilter(message, summary, filter)) continue;
    if (query.text !== undefined && !(await textMatches(api.store, message, summary, query.text))) continue;
    if (skipped < skip) {
      skipped += 1;
      continue;
    }
    if (views.length === limit) {
      more = true;
      break;
    }
    views.push(messageView(message, summary));
  }
  return { messages: views, nextCursor: more ? views[views.length - 1]!.uid : null };
}

/** Message lists and searches of one mailbox. */
export const messageListRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/accounts/{account}/mailboxes/{mailbox}/messages',
    summary: 'List or search messages, newest first; page with cursor (or offset) and limit',
    tag: 'messages',
    access: 'account',
    params: mailboxParams,
    query: messageListQuery,
    success: { status: 200, description: '`{ messages: MessageView[], nextCursor: number | null }`' },
    async handle({ api, params, query }) {
      return { json: await listPage(api, accountKey(params.account), params.mailbox, query) };
    },
  }),
];
