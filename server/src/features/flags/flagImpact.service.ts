import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import {
  FLAG_SUBSCRIPTION_STATUSES,
  compileRuleset,
  flagContextForAccount,
  getVariant,
  type CompiledRuleset,
  type FlagRuleset,
  type FlagStrategy,
} from '@opsdesk/shared';
import type { TFlagImpactRequest } from '@opsdesk/shared/flags/flagsApi.schemas';
import type { Db } from '../../db/database.js';
import { buildRuleset, servedStrategy } from './flagRuleset.service.js';
import { findImpactAccountsPage, findImpactSampleAccounts, findRevenueCurrency, hasProductSchema, type ImpactAccountKey, type ImpactAccountRow } from './flagImpact.queries.js';

/**
 * The impact preview (docs/flags.md, "Impact preview"): the current and the proposed
 * ruleset, each compiled once, evaluated with the shared evaluator over every product
 * account read in keyset pages, so 1M users never sit in memory at once. What flips is
 * counted, with the paying customers (Stripe customers with MRR) behind the flipped
 * accounts and their MRR counted once per customer.
 */

const PAGE_SIZE = 10_000;
const SAMPLE_SIZE = 20;
const STATUSES = new Set<string>(FLAG_SUBSCRIPTION_STATUSES);

export type ImpactChange = 'offToOn' | 'onToOff' | 'variantChanged';

export interface FlagImpact {
  key: string;
  environment: string;
  accounts: number;
  offToOn: number;
  onToOff: number;
  variantChanged: number;
  unchanged: number;
  payingCustomersAffected: number;
  mrrAffectedCents: number;
  currency: string;
  sample: { userId: string; email: string; name: string; plan: string | null; change: ImpactChange; before: string; after: string }[];
}

function proposedRuleset(current: FlagRuleset, request: TFlagImpactRequest): CompiledRuleset {
  const features = current.features.map((feature) =>
    feature.name !== request.key
      ? feature
      : {
          ...feature,
          enabled: request.enabled,
          strategies: request.strategies.map((strategy) => servedStrategy(strategy as FlagStrategy, request.key)),
          variants: (request.variants ?? []) as typeof feature.variants,
        },
  );
  try {
    return compileRuleset({ ...current, features });
  } catch (error) {
    if (error instanceof ZodError) throw new TRPCError({ code: 'BAD_REQUEST', message: `The proposed state is not a valid ruleset: ${error.issues[0]?.message ?? 'invalid'}.`, cause: error });
    throw error;
  }
}

const answerLabel = (variant: { feature_enabled: boolean; name: string }) => (variant.feature_enabled ? (variant.name === 'disabled' ? 'on' : `on:${variant.name}`) : 'off');

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

export async function previewFlagImpact(db: Db, request: TFlagImpactRequest): Promise<FlagImpact> {
  const served = await buildRuleset(db, request.environment);
  if (!served) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no environment "${request.environment}".` });
  if (!served.document.features.some((feature) => feature.name === request.key)) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no flag "${request.key}".` });
  const current = served.compiled;
  const proposed = proposedRuleset(served.document, request);

  const impact: FlagImpact = { key: request.key, environment: request.environment, accounts: 0, offToOn: 0, onToOff: 0, variantChanged: 0, unchanged: 0, payingCustomersAffected: 0, mrrAffectedCents: 0, currency: await findRevenueCurrency(db), sample: [] };
  if (!(await hasProductSchema(db))) return impact;

  const affectedCustomers = new Map<string, number>();
  const sampled: { row: ImpactAccountRow; change: ImpactChange; before: string; after: string }[] = [];
  let after: ImpactAccountKey | null = null;
  // The next page is read while this one is evaluated.
  let next: Promise<ImpactAccountRow[]> = findImpactAccountsPage(db, after, PAGE_SIZE);
  for (;;) {
    const page = await next;
    if (page.length === 0) break;
    const last = page.at(-1)!;
    after = { createdAtKey: last.createdAtKey, userId: last.userId };
    next = page.length === PAGE_SIZE ? findImpactAccountsPage(db, after, PAGE_SIZE) : Promise.resolve([]);
    for (const row of page) {
      const context = contextOf(row);
      // `random` stickiness: the same draw for both rulesets, so an unchanged rule never "flips".
      const draw = Math.random();
      const options = { random: () => draw };
      const before = getVariant(current, request.key, context, options);
      const afterVariant = getVariant(proposed, request.key, context, options);
      impact.accounts++;
      let change: ImpactChange | null = null;
      if (before.feature_enabled !== afterVariant.feature_enabled) change = afterVariant.feature_enabled ? 'offToOn' : 'onToOff';
      else if (before.feature_enabled && before.name !== afterVariant.name) change = 'variantChanged';
      if (!change) {
        impact.unchanged++;
        continue;
      }
      impact[change]++;
      const mrr = Number(row.mrrCents ?? 0);
      if (row.stripeCustomerId && mrr > 0) affectedCustomers.set(row.stripeCustomerId, mrr);
      if (sampled.length < SAMPLE_SIZE) sampled.push({ row, change, before: answerLabel(before), after: answerLabel(afterVariant) });
    }
  }
  impact.payingCustomersAffected = affectedCustomers.size;
  for (const mrr of affectedCustomers.values()) impact.mrrAffectedCents += mrr;

  const people = new Map((await findImpactSampleAccounts(db, sampled.map((s) => s.row.userId))).map((p) => [p.id, p]));
  impact.sample = sampled.map(({ row, change, before, after: afterLabel }) => ({
    userId: row.userId,
    email: people.get(row.userId)?.email ?? '',
    name: people.get(row.userId)?.name ?? '',
    plan: row.plan,
    change,
    before,
    after: afterLabel,
  }));
  return impact;
}
