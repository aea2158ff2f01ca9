import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { FLAG_CONTEXT_FIELDS, FLAG_SUBSCRIPTION_STATUSES, getVariant, type FlagContext } from '@opsdesk/shared';
import type { TFlagImpact, TFlagImpactRequest } from '@opsdesk/shared/flags/flagsApi.schemas';
import type { Db } from '../../db/database.js';
import { AnswerCodes, findKeptAnswers, keepAnswers } from './flagImpactAnswers.js';
import { accountSnapshotFor, DEFAULT_SNAPSHOT_POLICY, type AccountSnapshot, type SnapshotPolicy } from './flagImpactSnapshot.js';
import { ImpactTally, changeBetween, compileImpactRulesets } from './flagImpactTally.js';

/**
 * The impact preview (docs/flags.md, "Impact preview"): the current and the proposed
 * ruleset, each compiled once, evaluated with the shared evaluator over every product
 * account of the account snapshot (flagImpactSnapshot.ts). What flips is counted, with
 * the paying customers (Stripe customers with MRR) behind the flipped accounts and their
 * MRR counted once per customer. The answer says `asOf`, when the accounts were read.
 * The current state's answers are kept between previews when they are fixed
 * (flagImpactAnswers.ts), so a preview again evaluates the proposal only.
 */

/**
 * One context object, refilled per account, instead of 1M short-lived ones. It holds what
 * `flagContextForAccount` builds (flagImpact.test.ts checks the answers are the same):
 * a field it would leave out is null here, which the evaluator reads as absent. Safe
 * because the evaluator keeps no reference to a context after answering.
 */
function accountContexts(snapshot: AccountSnapshot) {
  const f = FLAG_CONTEXT_FIELDS;
  const properties: Record<string, string | number | null> = { [f.workspace]: null, [f.plan]: null, [f.subscriptionStatus]: 'none', [f.country]: null, [f.signupDate]: null };
  const context: FlagContext & { userId: string } = { userId: '', properties };
  // flagContextForAccount's rules, once per distinct value: empty values are left out, countries upper-cased.
  const presentOrNull = (value: string) => value || null;
  const plans = snapshot.plans.map(presentOrNull);
  const countries = snapshot.countries.map((country) => presentOrNull(country.toUpperCase()));
  const workspaces = snapshot.workspaces.map(presentOrNull);
  return (i: number): FlagContext => {
    context.userId = snapshot.userIds[i]!;
    properties[f.workspace] = snapshot.workspace[i]! < 0 ? null : workspaces[snapshot.workspace[i]!]!;
    properties[f.plan] = snapshot.plan[i]! < 0 ? null : plans[snapshot.plan[i]!]!;
    properties[f.subscriptionStatus] = FLAG_SUBSCRIPTION_STATUSES[snapshot.status[i]!]!;
    properties[f.country] = snapshot.country[i]! < 0 ? null : countries[snapshot.country[i]!]!;
    properties[f.signupDate] = snapshot.signupDate[i]!;
    return context;
  };
}

export async function previewFlagImpact(db: Db, request: TFlagImpactRequest, policy: SnapshotPolicy = DEFAULT_SNAPSHOT_POLICY): Promise<TFlagImpact> {
  const { current, proposed, currentDocument } = await compileImpactRulesets(db, request);
  const snapshot = await accountSnapshotFor(db, policy);
  const tally = new ImpactTally();
  const contextOf = accountContexts(snapshot);
  const keptAnswers = findKeptAnswers(snapshot, request.key, currentDocument);
  const recording = keptAnswers ? null : new AnswerCodes(snapshot.size);
  let fixed = true;
  // `random` stickiness: the same draw for both rulesets, so an unchanged rule never "flips".
  let draw = 0;
  const evaluation = { random: () => draw };
  // The current ruleset's answers are fixed unless one drew randomness or read the clock.
  const currentEvaluation = {
    random: () => ((fixed = false), draw),
    now: () => ((fixed = false), new Date()),
  };
  for (let i = 0; i < snapshot.size; i++) {
    // Other requests are served between slices of 65,536 accounts, not held up for the whole preview.
    if ((i & 0xffff) === 0xffff) await yieldToEventLoop();
    const context = contextOf(i);
    draw = Math.random();
    const before = keptAnswers ? keptAnswers.answer(i) : getVariant(current, request.key, context, currentEvaluation);
    if (recording && fixed) fixed = recording.record(i, before);
    const after = getVariant(proposed, request.key, context, evaluation);
    const change = changeBetween(before, after);
    if (!change) {
      tally.unchanged();
      continue;
    }
    const customer = snapshot.customer[i]!;
    tally.changed(change, before, after, customer < 0 ? null : customer, customer < 0 ? 0 : snapshot.customerMrrCents[customer]!, () => ({
      userId: snapshot.userIds[i]!,
      plan: snapshot.plan[i]! < 0 ? null : snapshot.plans[snapshot.plan[i]!]!,
    }));
  }
  if (recording && fixed) keepAnswers(snapshot, request.key, currentDocument, recording);
  return tally.result(db, request, snapshot.asOf);
}
