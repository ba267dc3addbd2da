import type { Api } from './api.js';

/** One server-sent event: its `event:` name and parsed JSON `data:`. */
export interface LiveEvent {
  type: string;
  data: Record<string, unknown>;
}

/** Turns complete `text/event-stream` blocks (HTML Living Standard §9.2.6) into events. */
function parseBlock(block: string): LiveEvent | null {
  let type = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) type = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (data.length === 0) return null;
  try {
    return { type, data: JSON.parse(data.join('\n')) as Record<string, unknown> };
  } catch {
    return null;
  }
}

/**
 * Follows `/api/events` until `signal` aborts, reconnecting after a drop. It reads the stream with
 * fetch rather than EventSource because EventSource cannot send an Authorization header.
 */
export async function followLiveEvents(api: Api, onEvent: (event: LiveEvent) => void, onState: (connected: boolean) => void, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      const response = await api.request('/api/events', { signal, headers: { accept: 'text/event-stream' } });
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      onState(true);
      let buffered = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value.replace(/\r\n?/g, '\n');
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const event = parseBlock(buffered.slice(0, end));
          buffered = buffered.slice(end + 2);
          if (event !== null) onEvent(event);
        }
      }
    } catch {
      // Dropped or refused: wait and try again, as EventSource would.
    }
    onState(false);
    if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}
