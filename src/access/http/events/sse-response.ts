import type { Principal } from '../auth/scope.js';
import { subscribeLiveEvents, type LiveEvent, type LiveEventSources } from './event-stream.js';

/** Events queued for one slow client before it is disconnected, so memory stays bounded. */
const MAX_QUEUED_EVENTS = 1000;

/**
 * A `text/event-stream` response (HTML Living Standard §9.2) of the live events `principal` may
 * see. A comment line every `keepAliveMs` keeps proxies from closing an idle stream; the
 * subscription ends when the client goes away (the stream is cancelled or the request aborted).
 */
export function liveEventResponse(sources: LiveEventSources, principal: Principal, signal: AbortSignal, keepAliveMs: number): Response {
  const encoder = new TextEncoder();
  let stop = (): void => {};
  let sequence = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const write = (text: string): void => {
          if ((controller.desiredSize ?? 0) <= -MAX_QUEUED_EVENTS) {
            stop();
            controller.error(new Error('client too slow for the event stream'));
            return;
          }
          controller.enqueue(encoder.encode(text));
        };
        const send = (event: LiveEvent): void => {
          sequence += 1;
          write(`id: ${sequence}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
        };
        const unsubscribe = subscribeLiveEvents(sources, principal, send);
        const keepAlive = setInterval(() => write(': keep-alive\n\n'), keepAliveMs);
        keepAlive.unref?.();
        const onAbort = (): void => {
          stop();
          try {
            controller.close();
          } catch {
            // Already closed or errored: nothing left to end.
          }
        };
        stop = () => {
          clearInterval(keepAlive);
          unsubscribe();
          signal.removeEventListener('abort', onAbort);
        };
        signal.addEventListener('abort', onAbort);
        write(`retry: 3000\n: connected as ${principal.scope.kind}\n\n`);
      },
      cancel() {
        stop();
      },
    },
    { highWaterMark: 1, size: () => 1 },
  );
  return new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' } });
}
