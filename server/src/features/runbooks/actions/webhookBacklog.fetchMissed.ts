import { STRIPE_EVENT_RETENTION_DAYS, ZWebhookFetchMissedParams, type TWebhookFetchMissedParams } from '@opsdesk/shared';
import type Stripe from 'stripe';
import { stripeErrorToTrpc } from '../../billing/stripeErrors.js';
import { mapLimit } from '../../billing/mirror/mapLimit.js';
import { insertReceivedEvents, type ReceivedEvent } from '../../billing/webhooks/eventLedger.queries.js';
import { MIRRORED_EVENT_TYPES } from '../../billing/webhooks/processEvent.js';
import { defineRunbookAction, type RunbookContext } from '../runbookAction.js';
import { applyLedgerEvents } from './webhookBacklog.apply.js';
import { findKnownEventIds, findNewestLedgerEventTime } from './webhookBacklog.queries.js';
import { WEBHOOKS_ENTRY, WEBHOOKS_TARGET } from './webhookBacklog.show.js';

/** Events listed from Stripe at most per plan: 30 days of a busy account stays a bounded read. */
const MAX_SCANNED = 50_000;
/** Events fetched from Stripe at once when a run retrieves them. */
const FETCH_CONCURRENCY = 8;
/** Only the types Opsdesk's endpoint subscribes to: the ledger lacks the others on purpose. */
const SUBSCRIBED = new Set<string>(MIRRORED_EVENT_TYPES);

interface MissedEvent {
  id: string;
  type: string;
  created: number;
}

/** The plan's state: exactly the events a run will fetch and apply. */
interface FetchMissedState {
  ids: string[];
}

interface MissedScan {
  since: Date;
  until: Date;
  scanned: number;
  /** Missing, oldest first. */
  missing: MissedEvent[];
  scanCapped: boolean;
}

/**
 * Lists Stripe's events (GET /v1/events, newest first) from a little before the newest
 * event the ledger holds, at most 30 days back (what Stripe keeps), up to `settleSeconds`
 * ago, and keeps the subscribed types the ledger lacks.
 */
async function scanForMissedEvents(ctx: RunbookContext, params: TWebhookFetchMissedParams): Promise<MissedScan> {
  const { db, stripe } = ctx.deps;
  const now = Date.now();
  const floor = now - STRIPE_EVENT_RETENTION_DAYS * 24 * 3600_000;
  const newest = await findNewestLedgerEventTime(db);
  const since = new Date(newest ? Math.max(newest.getTime() - params.overlapMinutes * 60_000, floor) : floor);
  const until = new Date(now - params.settleSeconds * 1000);
  const listed: MissedEvent[] = [];
  let scanned = 0;
  try {
    const created = { gte: Math.floor(since.getTime() / 1000), lte: Math.floor(until.getTime() / 1000) };
    for await (const event of stripe.events.list({ created, limit: 100 })) {
      scanned += 1;
      if (SUBSCRIBED.has(event.type)) listed.push({ id: event.id, type: event.type, created: event.created });
      if (scanned >= MAX_SCANNED) break;
    }
  } catch (error) {
    throw stripeErrorToTrpc(error);
  }
  const known = new Set<string>();
  for (let i = 0; i < listed.length; i += 1000) {
    for (const id of await findKnownEventIds(db, listed.slice(i, i + 1000).map((e) => e.id))) known.add(id);
  }
  const missing = listed.filter((e) => !known.has(e.id)).sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
  return { since, until, scanned, missing, scanCapped: scanned >= MAX_SCANNED };
}

/**
 * Fetches the events Stripe has and the ledger lacks (a webhook endpoint that was down
 * longer than Stripe retries, or misconfigured) and applies exactly those, through the
 * path a delivered webhook takes: stored in the inbox (an event that arrived meanwhile is
 * a duplicate and is not stored twice), then applied by the inbox's drain.
 */
export const webhookFetchMissedAction = defineRunbookAction({
  name: 'webhooks.fetchMissed',
  title: 'Fetch missed webhook events',
  summary: 'Asks Stripe for its events since the newest one in the ledger (at most 30 days back) and applies those Opsdesk never received.',
  runbookEntry: WEBHOOKS_ENTRY,
  permission: 'runbooks.run',
  risk: 'low',
  params: ZWebhookFetchMissedParams,
  target: () => WEBHOOKS_TARGET,
  timeoutMs: 10 * 60_000,
  async plan(ctx, params) {
    const scan = await scanForMissedEvents(ctx, params);
    const chosen = scan.missing.slice(0, params.limit);
    const state: FetchMissedState = { ids: chosen.map((e) => e.id) };
    return {
      summary: chosen.length === 0 ? 'The ledger lacks no event Stripe has in the window.' : `Fetch and apply ${chosen.length} missed event(s)`,
      steps: chosen.map((e) => `Fetch ${e.id} (${e.type}) from Stripe and apply it`),
      facts: [
        { label: 'Window from', value: scan.since.toISOString(), kind: 'datetime' },
        { label: 'Window to', value: scan.until.toISOString(), kind: 'datetime' },
        { label: 'Events listed by Stripe', value: scan.scanned, kind: 'number', status: scan.scanCapped ? 'warn' : null },
        { label: 'Missing from the ledger', value: scan.missing.length, kind: 'number', status: scan.missing.length > 0 ? 'warn' : 'ok' },
      ],
      tables: [
        {
          title: 'Missing events',
          columns: [
            { key: 'id', label: 'Event', kind: 'code' },
            { key: 'type', label: 'Type', kind: 'code' },
            { key: 'created', label: 'Created', kind: 'datetime' },
          ],
          rows: chosen.map((e) => ({ id: e.id, type: e.type, created: new Date(e.created * 1000).toISOString(), highlight: 'act' })),
          empty: 'None: the ledger has every event Stripe listed.',
          omitted: scan.missing.length - chosen.length,
        },
      ],
      state,
      empty: chosen.length === 0,
    };
  },
  async execute(ctx, _params, plan) {
    const { ids } = plan.state as FetchMissedState;
    await ctx.log(`Fetching ${ids.length} event(s) from Stripe`);
    const fetched = await mapLimit(ids, FETCH_CONCURRENCY, (id) => retrieveEvent(ctx.deps.stripe, id));
    const events = fetched.filter((e): e is Stripe.Event => e !== null);
    for (const id of ids.filter((_id, i) => fetched[i] === null)) await ctx.log(`${id}: Stripe no longer has it; skipped`, 'warn');
    const before = new Map<string, string>(ids.map((id) => [id, 'missing']));
    for (let i = 0; i < events.length; i += 100) {
      const chunk = events.slice(i, i + 100);
      const queued = await insertReceivedEvents(ctx.deps.db, chunk.map(receivedEvent));
      for (const event of chunk) if (!queued.has(event.id)) before.set(event.id, 'delivered meanwhile');
    }
    await ctx.log(`Stored ${events.length} event(s) in the inbox; applying them`);
    const result = await applyLedgerEvents(ctx, events.map((e) => e.id), before);
    await ctx.log(`Applied ${result.applied}, failed ${result.failed}, unfinished ${result.unfinished}`);
    return {
      summary: `Fetched ${events.length} missed event(s): ${result.applied} applied, ${result.failed} failed${result.unfinished ? `, ${result.unfinished} unfinished` : ''}`,
      facts: [
        { label: 'Fetched', value: events.length, kind: 'number' },
        { label: 'Applied', value: result.applied, kind: 'number', status: 'ok' },
        { label: 'Failed', value: result.failed, kind: 'number', status: result.failed > 0 ? 'fail' : 'ok' },
      ],
      tables: [result.table],
    };
  },
});

async function retrieveEvent(stripe: Stripe, id: string): Promise<Stripe.Event | null> {
  try {
    return await stripe.events.retrieve(id);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw stripeErrorToTrpc(error);
  }
}

/** The event as the webhook endpoint stores it: Stripe's JSON, as text. */
function receivedEvent(event: Stripe.Event): ReceivedEvent {
  return { id: event.id, type: event.type, created: event.created, apiVersion: event.api_version ?? null, body: JSON.stringify(event) };
}
