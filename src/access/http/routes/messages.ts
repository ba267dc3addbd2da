import { accountKey } from '../auth/scope.js';
import { route, type Route } from '../route.js';
import { flag, mailboxParams } from '../schema/fields.js';
import { dateTime, integer, object, oneOf, optional, string, type Infer } from '../schema/schema.js';
import { isEmptyFilter, matchesFilter, textMatches, type MessageFilter } from './message-filter.js';
import { messageView, summaryOf, type MessageView } from './message-view.js';
import type { ApiDependencies } from '../route.js';
import type { MessageSummary } from '../../../interfaces/message.js';

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

/**
 * The most messages one filtered page examines. A filter that matches little in a large mailbox
 * answers a short page (maybe empty) whose `nextCursor` continues the scan, instead of reading
 * the whole mailbox in one request.
 */
export const MAX_SCANNED_PER_PAGE = 5_000;
/** The most messages taken from the store at once. */
const BATCH_SIZE = 500;

/**
 * One page, read from the store in UID order from the cursor on (newest first: from the top
 * down), batch by batch, so a page costs what it shows (plus what it skips or filters out), not
 * the size of the mailbox.
 */
async function listPage(api: ApiDependencies, account: string, mailbox: string, query: ListQuery): Promise<MessagePage> {
  const limit = query.limit ?? 50;
  const newestFirst = (query.order ?? 'newest') === 'newest';
  const { from, to, subject, since, before, flag: withFlag, notFlag, text } = query;
  const filter: MessageFilter = { from, to, subject, since, before, flag: withFlag, notFlag, text };
  const filtered = !isEmptyFilter(filter);
  const skip = query.cursor === undefined ? (query.offset ?? 0) : 0;
  const views: MessageView[] = [];
  let skipped = 0;
  let scanned = 0;
  // The last UID looked at: the next batch starts past it.
  let position = query.cursor;
  for (;;) {
    const range = newestFirst ? { start: 1, end: position === undefined ? Infinity : position - 1 } : { start: (position ?? 0) + 1, end: Infinity };
    if (range.end < range.start) return { messages: views, nextCursor: null };
    // Unfiltered, exactly what is still to skip, show, and one more to learn whether a next page exists.
    const wanted = filtered ? BATCH_SIZE : Math.min(BATCH_SIZE, skip - skipped + limit - views.length + 1);
    const batch = await api.store.listMessages(account, mailbox, { uids: [range], order: newestFirst ? 'desc' : 'asc', limit: wanted });
    for (const message of batch) {
      position = message.uid;
      let summary: MessageSummary | null = null;
      if (filtered) {
        scanned += 1;
        summary = await summaryOf(api.store, message);
        if (!matchesFilter(message, summary, filter)) continue;
        if (text !== undefined && !(await textMatches(api.store, message, summary, text))) continue;
      }
      if (skipped < skip) {
        skipped += 1;
        continue;
      }
      if (views.length === limit) return { messages: views, nextCursor: views[views.length - 1]!.uid };
      views.push(messageView(message, summary ?? (await summaryOf(api.store, message))));
    }
    if (batch.length < wanted) return { messages: views, nextCursor: null };
    if (filtered && scanned >= MAX_SCANNED_PER_PAGE) {
      // Out of budget: continue after the last message shown when the page is full, else after the last one examined.
      return { messages: views, nextCursor: views.length === limit ? views[views.length - 1]!.uid : position! };
    }
  }
}

/** Message lists and searches of one mailbox. */
export const messageListRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/accounts/{account}/mailboxes/{mailbox}/messages',
    summary: 'List or search messages, newest first; page with cursor (or offset) and limit. A filtered page examines at most 5,000 messages: a short page with a nextCursor continues the search',
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
