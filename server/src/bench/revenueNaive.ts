import {
  aggregatePeriods,
  allMovements,
  buildTimelines,
  periodsBetween,
  type Movement,
  type RevenuePolicyName,
  type TimelinePoint,
} from '@opsdesk/shared';
import type { Db } from '../db/database.js';
import type { RevenueSettings } from '../features/revenue/revenueCompute.js';
import { toSubscriptionState } from '../features/revenue/revenueCompute.js';
import { findHistoryOfCustomers } from '../features/revenue/revenueHistory.queries.js';

/**
 * The naive way, for comparison: what a dashboard without precomputed rows does per
 * page view — read the whole subscription history and run the engine over it.
 */
async function timelinesNow(db: Db, policy: RevenuePolicyName, settings: RevenueSettings): Promise<Map<string, TimelinePoint[]>> {
  const rows = await findHistoryOfCustomers(db, 'all');
  return buildTimelines(rows.map((row) => toSubscriptionState(row, settings.currency)), { policy, ...settings }).timelines;
}

export async function naiveSeries(db: Db, settings: RevenueSettings, range: { from: string; to: string; interval: 'day' | 'week' | 'month' }) {
  return aggregatePeriods(await timelinesNow(db, 'stripe', settings), periodsBetween(range.from, range.to, range.interval));
}

export async function naiveCohorts(db: Db, settings: RevenueSettings, to: string) {
  const movements = allMovements(await timelinesNow(db, 'stripe', settings));
  const cohortOf = new Map<string, string>();
  const cells = new Map<string, number>();
  for (const m of movements) {
    if (m.day > to) continue;
    if (!cohortOf.has(m.customerId)) cohortOf.set(m.customerId, m.day.slice(0, 7));
    const key = `${cohortOf.get(m.customerId)} ${m.day.slice(0, 7)}`;
    cells.set(key, (cells.get(key) ?? 0) + m.amountCents);
  }
  return cells;
}

export async function naiveDrillDown(db: Db, settings: RevenueSettings, range: { from: string; to: string }, kind: Movement['kind'], limit: number) {
  const movements = allMovements(await timelinesNow(db, 'stripe', settings));
  return movements.filter((m) => m.kind === kind && m.day >= range.from && m.day <= range.to).slice(0, limit);
}
