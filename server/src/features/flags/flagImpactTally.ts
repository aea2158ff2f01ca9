import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { compileRuleset, type CompiledRuleset, type FlagRuleset, type FlagStrategy, type FlagVariantResult } from '@opsdesk/shared';
import type { FlagImpactChange, TFlagImpact, TFlagImpactRequest } from '@opsdesk/shared/flags/flagsApi.schemas';
import type { Db } from '../../db/database.js';
import { buildRuleset, servedStrategy } from './flagRuleset.service.js';
import { findImpactSampleAccounts, findRevenueCurrency } from './flagImpact.queries.js';

/**
 * What both ways of computing an impact preview share (the snapshot in
 * flagImpact.service.ts and the row-by-row reference in flagImpactRowByRow.ts): the two
 * rulesets compiled once, and the tally of what flips, so the two can only differ in
 * where the accounts come from.
 */

export const IMPACT_SAMPLE_SIZE = 20;

export interface ImpactRulesets {
  current: CompiledRuleset;
  proposed: CompiledRuleset;
  /** The current ruleset document as JSON: what the current answers depend on (flagImpactAnswers.ts). */
  currentDocument: string;
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

/** The environment's current ruleset and the same with the proposal in place; 404 for an unknown environment or flag, 400 for an invalid proposal. */
export async function compileImpactRulesets(db: Db, request: TFlagImpactRequest): Promise<ImpactRulesets> {
  const served = await buildRuleset(db, request.environment);
  if (!served) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no environment "${request.environment}".` });
  if (!served.document.features.some((feature) => feature.name === request.key)) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no flag "${request.key}".` });
  return { current: served.compiled, proposed: proposedRuleset(served.document, request), currentDocument: JSON.stringify(served.document) };
}

const answerLabel = (variant: FlagVariantResult) => (variant.feature_enabled ? (variant.name === 'disabled' ? 'on' : `on:${variant.name}`) : 'off');

/** The change between two answers, or null when the account sees the same thing. */
export function changeBetween(before: FlagVariantResult, after: FlagVariantResult): FlagImpactChange | null {
  if (before.feature_enabled !== after.feature_enabled) return after.feature_enabled ? 'offToOn' : 'onToOff';
  if (before.feature_enabled && before.name !== after.name) return 'variantChanged';
  return null;
}

interface SampledAccount {
  userId: string;
  plan: string | null;
  change: FlagImpactChange;
  before: string;
  after: string;
}

/** Counts flips account by account; paying customers are counted once each, with their MRR. */
export class ImpactTally {
  accounts = 0;
  readonly counts = { offToOn: 0, onToOff: 0, variantChanged: 0, unchanged: 0 };
  private readonly affectedCustomers = new Map<string | number, number>();
  private readonly sampled: SampledAccount[] = [];

  unchanged(): void {
    this.accounts++;
    this.counts.unchanged++;
  }

  /** `customer`: any key naming the Stripe customer (its id or an index), null without one. */
  changed(change: FlagImpactChange, before: FlagVariantResult, after: FlagVariantResult, customer: string | number | null, mrrCents: number, account: () => { userId: string; plan: string | null }): void {
    this.accounts++;
    this.counts[change]++;
    if (customer !== null && mrrCents > 0) this.affectedCustomers.set(customer, mrrCents);
    if (this.sampled.length < IMPACT_SAMPLE_SIZE) this.sampled.push({ ...account(), change, before: answerLabel(before), after: answerLabel(after) });
  }

  /** The answer, with the sample's emails and names read for the sampled accounts only. */
  async result(db: Db, request: TFlagImpactRequest, asOf: Date | null): Promise<TFlagImpact> {
    let mrrAffectedCents = 0;
    for (const mrr of this.affectedCustomers.values()) mrrAffectedCents += mrr;
    const people = new Map((await findImpactSampleAccounts(db, this.sampled.map((s) => s.userId))).map((p) => [p.id, p]));
    return {
      key: request.key,
      environment: request.environment,
      accounts: this.accounts,
      ...this.counts,
      payingCustomersAffected: this.affectedCustomers.size,
      mrrAffectedCents,
      currency: await findRevenueCurrency(db),
      sample: this.sampled.map((s) => ({ ...s, email: people.get(s.userId)?.email ?? '', name: people.get(s.userId)?.name ?? '' })),
      ...(asOf && { asOf: asOf.toISOString() }),
    };
  }
}
