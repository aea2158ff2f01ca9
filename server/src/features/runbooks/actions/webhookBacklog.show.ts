import { ZWebhookBacklogParams, type TWebhookBacklogParams } from '@opsdesk/shared';
import type { Db } from '../../../db/database.js';
import { defineRunbookAction, type RunbookPlan, type RunbookTable } from '../runbookAction.js';
import { findBacklogEvents, summarizeBacklog, summarizeBacklogByType, type BacklogEvent } from './webhookBacklog.queries.js';

export const WEBHOOKS_TARGET = 'stripe:webhooks';
export const WEBHOOKS_ENTRY = 'stripe-webhook-backlog';

/** Types and events shown at most: the backlog's shape, not all of it. */
const TYPES_SHOWN = 20;
const EVENTS_SHOWN = 50;

/**
 * The backlog's events as a table; `act` marks rows a replay would apply. A replay's plan
 * leaves the errors out (they are here, in the backlog): a plan is kept within 64 kB.
 */
export function backlogEventsTable(title: string, events: BacklogEvent[], total: number, highlight: 'act' | 'warn'): RunbookTable {
  const withErrors = highlight === 'warn';
  return {
    title,
    columns: [
      { key: 'id', label: 'Event', kind: 'code' },
      { key: 'type', label: 'Type', kind: 'code' },
      { key: 'status', label: 'Status' },
      { key: 'attempts', label: 'Attempts', kind: 'number' },
      { key: 'ageSeconds', label: 'Received', kind: 'seconds' },
      ...(withErrors ? [{ key: 'lastError', label: 'Last error' }] : []),
    ],
    rows: events.map((e) => ({
      id: e.id,
      type: e.type,
      status: e.status === 'pending' ? 'stuck' : 'failed',
      attempts: e.attempts,
      ageSeconds: Math.round(e.ageSeconds),
      ...(withErrors && { lastError: e.lastError }),
      highlight,
    })),
    empty: 'No failed or stuck events.',
    omitted: Math.max(0, total - events.length),
  };
}

export async function describeBacklog(db: Db, params: TWebhookBacklogParams): Promise<Omit<RunbookPlan, 'steps' | 'state'>> {
  const [totals, byType, { events, total }] = await Promise.all([
    summarizeBacklog(db, params.stuckAfterMinutes),
    summarizeBacklogByType(db, params.stuckAfterMinutes, TYPES_SHOWN),
    findBacklogEvents(db, params.stuckAfterMinutes, EVENTS_SHOWN),
  ]);
  const size = totals.failed + totals.stuck;
  const status = (bad: boolean) => (bad ? 'warn' : 'ok');
  return {
    summary: size === 0 ? 'No failed or stuck webhook events.' : `${totals.failed} failed and ${totals.stuck} stuck webhook event(s)`,
    facts: [
      { label: 'Failed events', value: totals.failed, kind: 'number', status: status(totals.failed > 0) },
      { label: `Stuck (pending over ${params.stuckAfterMinutes} min)`, value: totals.stuck, kind: 'number', status: status(totals.stuck > 0) },
      { label: 'Pending (all)', value: totals.pending, kind: 'number' },
      { label: 'Oldest failed event received', value: roundOrNull(totals.oldestFailedSeconds), kind: 'seconds' },
      { label: 'Oldest pending event received', value: roundOrNull(totals.oldestPendingSeconds), kind: 'seconds' },
    ],
    tables: [
      {
        title: 'By type',
        columns: [
          { key: 'type', label: 'Type', kind: 'code' },
          { key: 'failed', label: 'Failed', kind: 'number' },
          { key: 'stuck', label: 'Stuck', kind: 'number' },
          { key: 'oldestSeconds', label: 'Oldest', kind: 'seconds' },
        ],
        rows: byType.map((t) => ({ type: t.type, failed: t.failed, stuck: t.stuck, oldestSeconds: Math.round(t.oldestSeconds) })),
        empty: 'No failed or stuck events.',
      },
      backlogEventsTable('Oldest events', events, total, 'warn'),
    ],
    empty: size === 0,
  };
}

const roundOrNull = (seconds: number | null) => (seconds === null ? null : Math.round(seconds));

/** Read-only: what is failed or stuck in the webhook ledger, by type, with the oldest ages. */
export const webhookBacklogAction = defineRunbookAction({
  name: 'webhooks.backlog',
  title: 'Show the webhook backlog',
  summary: 'Failed and stuck Stripe events in the webhook ledger: how many, how old, of which types. Start here when the mirror looks behind Stripe.',
  runbookEntry: WEBHOOKS_ENTRY,
  permission: 'runbooks.read',
  risk: 'low',
  readOnly: true,
  params: ZWebhookBacklogParams,
  target: () => WEBHOOKS_TARGET,
  timeoutMs: 30_000,
  async plan(ctx, params) {
    return { ...(await describeBacklog(ctx.deps.db, params)), steps: [], state: null };
  },
  async execute(ctx, params) {
    return describeBacklog(ctx.deps.db, params);
  },
});
