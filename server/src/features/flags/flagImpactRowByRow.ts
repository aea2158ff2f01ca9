import { FLAG_SUBSCRIPTION_STATUSES, flagContextForAccount, getVariant } from '@opsdesk/shared';
import type { TFlagImpact, TFlagImpactRequest } from '@opsdesk/shared/flags/flagsApi.schemas';
import type { Db } from '../../db/database.js';
import { findImpactAccountsPage, hasProductSchema, type ImpactAccountKey, type ImpactAccountRow } from './flagImpact.queries.js';
import { ImpactTally, changeBetween, compileImpactRulesets } from './flagImpactTally.js';

/**
 * The impact preview computed the direct way: every account read from PostgreSQL in
 * keyset pages, a context built with `flagContextForAccount`, both rulesets evaluated.
 * Exact and memory-flat, but 20+ s over 1M users (docs/flags.md, "Benchmark"). Not
 * served: it is the reference the snapshot is tested against (flagImpact.test.ts) and
 * measured against (bench:flags), optionally over the first `limitAccounts` only.
 */

const PAGE_SIZE = 10_000;
const STATUSES = new Set<string>(FLAG_SUBSCRIPTION_STATUSES);

function contextOf(row: ImpactAccountRow) {
  const status = row.stripeCustomerId ? (row.subscriptionStatus ?? 'none') : 'none';
  return flagContextForAccount({
    userId: row.userId,
    workspaceId: row.workspaceId,
    plan: row.plan,
    subscriptionStatus: (STATUSES.has(status) ? status : 'none') as (typeof FLAG_SUBSCRIPTION_STATUSES)[number],
    country: row.country,
    signedUpAt: row.signupDay,
  });
}

export async function previewFlagImpactRowByRow(db: Db, request: TFlagImpactRequest, options: { limitAccounts?: number } = {}): Promise<TFlagImpact> {
  const { current, proposed } = await compileImpactRulesets(db, request);
  const tally = new ImpactTally();
  if (!(await hasProductSchema(db))) return tally.result(db, request, null);
  const limit = options.limitAccounts ?? Infinity;
  let after: ImpactAccountKey | null = null;
  // The next page is read while this one is evaluated.
  let next: Promise<ImpactAccountRow[]> = findImpactAccountsPage(db, after, Math.min(PAGE_SIZE, limit));
  while (tally.accounts < limit) {
    const page = await next;
    if (page.length === 0) break;
    const last = page.at(-1)!;
    after = { createdAtKey: last.createdAtKey, userId: last.userId };
    const remaining = limit - tally.accounts - page.length;
    next = page.length === PAGE_SIZE && remaining > 0 ? findImpactAccountsPage(db, after, Math.min(PAGE_SIZE, remaining)) : Promise.resolve([]);
    for (const row of page) {
      const context = contextOf(row);
      // `random` stickiness: the same draw for both rulesets, so an unchanged rule never "flips".
      const draw = Math.random();
      const evaluation = { random: () => draw };
      const before = getVariant(current, request.key, context, evaluation);
      const afterVariant = getVariant(proposed, request.key, context, evaluation);
      const change = changeBetween(before, afterVariant);
      if (!change) tally.unchanged();
      else tally.changed(change, before, afterVariant, row.stripeCustomerId || null, Number(row.mrrCents ?? 0), () => ({ userId: row.userId, plan: row.plan }));
    }
  }
  return tally.result(db, request, null);
}
