import { notFound } from '../http-error.js';
import { route, type ApiDependencies, type Route } from '../route.js';
import { noParams } from '../schema/fields.js';
import { object, string } from '../schema/schema.js';

/**
 * What the queue routes need of the outbound sender (issue 5's `Sender` has exactly these):
 * answers are JSON objects, a missing id rejects with `QUEUE_MESSAGE_NOT_FOUND` (a 404).
 */
export interface QueueAdmin {
  list(): Promise<object[]>;
  show(id: string): Promise<object>;
  retryNow(id: string): Promise<object>;
  hold(id: string): Promise<object>;
  release(id: string): Promise<object>;
  remove(id: string): Promise<void>;
}

/** A queue id as the sender makes them (`<ms hex>-<seq hex>-<random hex>`); kept loose but bounded. */
const queueParams = object({ id: string({ minLength: 1, maxLength: 64, pattern: /^[0-9a-f-]+$/, patternName: 'a queue id (hex digits and dashes)' }) });

function queueOf(api: ApiDependencies): QueueAdmin {
  if (api.queue === undefined) throw notFound('this server has no outbound sender');
  return api.queue;
}

function action(verb: 'retry' | 'hold' | 'release', summary: string, run: (queue: QueueAdmin, id: string) => Promise<object>): Route {
  return route({
    method: 'POST',
    path: `/api/queue/{id}/${verb}`,
    summary,
    tag: 'queue',
    access: 'server',
    params: queueParams,
    success: { status: 200, description: 'the queued message after the change (QueueSummary)' },
    async handle({ api, params }) {
      return { json: await run(queueOf(api), params.id) };
    },
  });
}

/** The outbound queue: list, inspect, retry now, hold, release, delete. Server scope only. */
export const queueRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/queue',
    summary: 'List the outbound queue, oldest first, with each message’s recipient states',
    tag: 'queue',
    access: 'server',
    params: noParams,
    success: { status: 200, description: '`{ messages: QueueSummary[] }`' },
    async handle({ api }) {
      return { json: { messages: await queueOf(api).list() } };
    },
  }),
  route({
    method: 'GET',
    path: '/api/queue/{id}',
    summary: 'One queued message with its recipients and attempt history',
    tag: 'queue',
    access: 'server',
    params: queueParams,
    success: { status: 200, description: 'QueueEntry' },
    async handle({ api, params }) {
      return { json: await queueOf(api).show(params.id) };
    },
  }),
  action('retry', 'Make every waiting recipient due now', (queue, id) => queue.retryNow(id)),
  action('hold', 'Keep the message queued without trying it until released', (queue, id) => queue.hold(id)),
  action('release', 'Release a held message', (queue, id) => queue.release(id)),
  route({
    method: 'DELETE',
    path: '/api/queue/{id}',
    summary: 'Delete a message from the queue, without a bounce',
    tag: 'queue',
    access: 'server',
    params: queueParams,
    success: { status: 204, description: 'deleted' },
    async handle({ api, params }) {
      await queueOf(api).remove(params.id);
      return new Response(null, { status: 204 });
    },
  }),
];
