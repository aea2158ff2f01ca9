import type { FlagsClient, FlagsClientEvents } from '../flagsClient.js';

/** The next `event` from the client, or a rejection after `timeoutMs` (a bound, not a sleep). */
export function nextEvent<E extends keyof FlagsClientEvents>(client: FlagsClient, event: E, timeoutMs = 5_000): Promise<FlagsClientEvents[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no "${String(event)}" event within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = client.on(event, (payload) => {
      clearTimeout(timer);
      stop();
      resolve(payload);
    });
  });
}
