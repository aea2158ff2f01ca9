import { ZWebhookReplayParams } from '@opsdesk/shared';
import { defineRunbookAction } from '../runbookAction.js';
import { applyLedgerEvents } from './webhookBacklog.apply.js';
import { findBacklogEvents } from './webhookBacklog.queries.js';
import { backlogEventsTable, WEBHOOKS_ENTRY, WEBHOOKS_TARGET } from './webhookBacklog.show.js';

/**
 * The plan's state: each event with its status and attempts. An event applied, failed
 * again or newly failed between plan and run changes it, so the run re-plans instead
 * of replaying a list that is no longer the backlog.
 */
interface ReplayState {
  events: Array<{ id: string; status: string; attempts: number }>;
}

/**
 * Replays failed events and pending ones no worker applied ("stuck"), oldest first, as
 * `npm run stripe:replay` does (make them due now, drain the inbox), with progress and a
 * result per event. Applying an event twice is harmless (the mirror keeps the newest
 * state) but never happens: a batch claims its events.
 */
export const webhookReplayAction = defineRunbookAction({
  name: 'webhooks.replay',
  title: 'Replay failed webhook events',
  summary: 'Applies the failed and stuck events of the webhook ledger again, oldest first, once the cause of the failures is fixed (Stripe reachable, a deploy with the fix).',
  runbookEntry: WEBHOOKS_ENTRY,
  permission: 'runbooks.run',
  risk: 'low',
  params: ZWebhookReplayParams,
  target: () => WEBHOOKS_TARGET,
  timeoutMs: 10 * 60_000,
  async plan(ctx, params) {
    const { events, total } = await findBacklogEvents(ctx.deps.db, params.stuckAfterMinutes, params.limit);
    const state: ReplayState = { events: events.map((e) => ({ id: e.id, status: e.status, attempts: e.attempts })) };
    const left = total - events.length;
    return {
      summary: events.length === 0 ? 'Nothing to replay: no failed or stuck events.' : `Replay ${events.length} event(s)${left > 0 ? ` (${left} more left for another run)` : ''}`,
      steps: events.map((e) => `Apply ${e.id} (${e.type}, ${e.status === 'failed' ? `failed ${e.attempts}×` : 'stuck pending'})`),
      tables: [backlogEventsTable('Events to replay', events, total, 'act')],
      facts: [{ label: 'Events to replay', value: events.length, kind: 'number' }],
      state,
      empty: events.length === 0,
    };
  },
  async execute(ctx, _params, plan) {
    const { events } = plan.state as ReplayState;
    const ids = events.map((e) => e.id);
    await ctx.log(`Replaying ${ids.length} event(s), oldest first`);
    const result = await applyLedgerEvents(ctx, ids, new Map(events.map((e) => [e.id, e.status])));
    for (const row of result.table.rows) if (row.result === 'failed') await ctx.log(`${row.id} failed again: ${row.error ?? 'no message'}`, 'error');
    await ctx.log(`Applied ${result.applied}, failed ${result.failed}, unfinished ${result.unfinished}`);
    return {
      summary: `Replayed ${ids.length} event(s): ${result.applied} applied, ${result.failed} still failing${result.unfinished ? `, ${result.unfinished} unfinished` : ''}`,
      facts: [
        { label: 'Applied', value: result.applied, kind: 'number', status: 'ok' },
        { label: 'Still failing', value: result.failed, kind: 'number', status: result.failed > 0 ? 'fail' : 'ok' },
        { label: 'Unfinished', value: result.unfinished, kind: 'number', status: result.unfinished > 0 ? 'warn' : 'ok' },
      ],
      tables: [result.table],
    };
  },
});
