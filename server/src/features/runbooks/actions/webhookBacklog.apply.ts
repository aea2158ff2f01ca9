import { drainInboxOnce } from '../../billing/webhooks/eventLedger.js';
import type { RunbookRunContext, RunbookTable } from '../runbookAction.js';
import { countDueAmong, findLedgerOutcomes, makeEventsDueNow } from './webhookBacklog.queries.js';

/** Events per pass: small enough that progress moves while a big backlog drains. */
const PASS_SIZE = 100;
/** Error text per row in the result: a run's result is kept within 64 kB; the ledger keeps the whole message. */
const ERROR_SHOWN = 120;

const shortError = (message: string | null) => (message === null || message.length <= ERROR_SHOWN ? message : `${message.slice(0, ERROR_SHOWN - 1)}…`);

export interface AppliedEvents {
  applied: number;
  failed: number;
  /** Still pending: another worker holds them, or the run was stopped. */
  unfinished: number;
  table: RunbookTable;
}

/**
 * Applies the ledger events `ids` the way the inbox worker does (billing/webhooks/
 * eventLedger.ts: batches that claim their events, failures isolated and recorded with
 * their backoff), pass after pass until none of them is due, reporting progress. Each
 * event is applied at most once however many workers run: a batch claims its events,
 * and a failure pushes the event's next attempt into the future. Other due events met on
 * the way are applied too, as the worker would.
 */
export async function applyLedgerEvents(ctx: RunbookRunContext, ids: string[], before: Map<string, string>): Promise<AppliedEvents> {
  const { db, stripe } = ctx.deps;
  await makeEventsDueNow(db, ids);
  for (;;) {
    const due = await countDueAmong(db, ids);
    await ctx.progress(ids.length - due, ids.length);
    if (due === 0 || ctx.signal.aborted) break;
    const pass = await drainInboxOnce(db, stripe, { batchSize: PASS_SIZE });
    if (pass.due === 0) break;
    if (pass.failed > 0) await ctx.log(`${pass.failed} event(s) failed again in this pass; see the table for the errors`, 'warn');
  }
  return outcomeTable(ctx, ids, before);
}

async function outcomeTable(ctx: RunbookRunContext, ids: string[], before: Map<string, string>): Promise<AppliedEvents> {
  const outcomes = await findLedgerOutcomes(ctx.deps.db, ids);
  const result: AppliedEvents = { applied: 0, failed: 0, unfinished: 0, table: { title: 'Per event', columns: [], rows: [] } };
  result.table.columns = [
    { key: 'id', label: 'Event', kind: 'code' },
    { key: 'type', label: 'Type', kind: 'code' },
    { key: 'before', label: 'Before' },
    { key: 'result', label: 'Result' },
    { key: 'attempts', label: 'Attempts', kind: 'number' },
    { key: 'error', label: 'Error' },
  ];
  for (const id of ids) {
    const outcome = outcomes.get(id);
    const status = outcome?.status ?? 'missing';
    if (status === 'processed' || status === 'ignored') result.applied += 1;
    else if (status === 'failed') result.failed += 1;
    else result.unfinished += 1;
    result.table.rows.push({
      id,
      type: outcome?.type ?? null,
      before: before.get(id) ?? null,
      result: status,
      attempts: outcome?.attempts ?? null,
      error: status === 'failed' ? shortError(outcome?.lastError ?? null) : null,
      highlight: status === 'failed' ? 'danger' : status === 'processed' || status === 'ignored' ? null : 'warn',
    });
  }
  return result;
}
