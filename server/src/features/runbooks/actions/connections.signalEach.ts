import type { RunbookRunContext } from '../runbookAction.js';

/** What a signal did to one planned pid: acted, skipped (gone or no longer matching), or sent but not yet effective. */
export interface SignalWords {
  done: string;
  skipped: string;
  pending: string;
}

/**
 * Terminate and cancel share this walk: each planned pid in turn, a streamed line and a
 * progress step per pid, a refusal (a backend of another role without pg_signal_backend)
 * said and not fatal, and a stop between pids when the run is cancelled.
 */
export async function signalEachPlanned<T extends { pid: number }>(ctx: RunbookRunContext, planned: readonly T[], signal: (item: T) => Promise<boolean | null>, words: SignalWords): Promise<{ done: number; results: Array<{ item: T; result: string; acted: boolean }> }> {
  const results: Array<{ item: T; result: string; acted: boolean }> = [];
  let done = 0;
  for (const [i, item] of planned.entries()) {
    if (ctx.signal.aborted) break;
    let result: string;
    try {
      const outcome = await signal(item);
      result = outcome === null ? words.skipped : outcome ? words.done : words.pending;
      if (outcome) done += 1;
    } catch (error) {
      result = `refused: ${(error as Error).message}`;
    }
    const acted = result === words.done;
    await ctx.log(`pid ${item.pid}: ${result}`, acted ? 'info' : 'warn');
    results.push({ item, result, acted });
    await ctx.progress(i + 1, planned.length);
  }
  return { done, results };
}
