import type { TErasurePlan } from '@opsdesk/shared';
import type { Db, Trx } from '../../../db/database.js';
import type { AppDeps } from '../../../trpc/context.js';
import { auditSubjectRefs, shredAuditSubjectKeys } from '../../audit/auditSubjects.js';
import { lockMirrorWrites } from '../../billing/mirror/mirror.queries.js';
import { eraseSubjectRows, maskingKeyFromConfig, type ErasureSubject } from '../dataMap/subjectRows.queries.js';
import { findPrivacyRequest } from '../requests/privacyRequests.queries.js';
import { BILLING_CLOSED_STEP } from './erasedCustomers.queries.js';
import { FLAG_AUDIT_ROWS, sealFlagAuditRows } from './erasureFlagAudit.js';
import { eraseFlagTargeting, FLAG_TARGETING_TABLES, isFlagTargetingTable } from './erasureFlags.js';
import { AUDIT_LOG_TABLE } from './erasurePlan.service.js';
import { writeErasureReceipt } from './erasureReceiptStep.js';
import { AUDIT_SHRED_STEP, claimStep, findErasureSteps, recordStepDone, SUBJECT_STEP } from './erasureSteps.queries.js';
import { deleteStripeCustomer, stripeStepKey, waitForDeletionEvent } from './erasureStripe.js';

/**
 * Runs an approved erasure (docs/gdpr.md, "The erasure plan"), step by step in this order:
 * 1. the product's and Opsdesk's own records (the plan's tables but the billing ones),
 *    then flag change requests and rules naming the subject (every run, planned or not:
 *    erasureFlags.ts);
 * 2. the Stripe customers (Stripe ends their subscriptions), each once its
 *    `customer.deleted` webhook is applied to the mirror (erasureStripe.ts);
 * 3. `billing:closed`: from its commit on, the webhook drain keeps the customers' events
 *    out of the mirror and masks them in the ledger (erasedCustomers.queries.ts). It
 *    takes the mirror write lock, so no webhook batch that read them as not erased is
 *    still writing;
 * 4. the billing mirror and webhook ledger, one table per step — after Stripe, so the
 *    `customer.deleted` webhook is masked with the rest; each step takes the mirror write
 *    lock too, so a mirror writer in flight (a backfill) ends before the table is masked;
 * 5. the audit log: flag history rows naming the subject sealed under their key
 *    (erasureFlagAudit.ts), then the subject's keys shredded (the rows stay, the chain
 *    still verifies);
 * 6. the privacy requests themselves (kept as proof, masked), then the signed receipt.
 * Each step commits with its ledger row (ops.privacy_erasure_steps), so a run resumed
 * after a crash skips what committed and never does a step twice. Log lines hold ids and
 * counts only.
 */
export interface ErasureRunContext {
  db: Db;
  log(line: string, level?: 'info' | 'warn' | 'error'): Promise<void>;
  progress(done: number, total?: number | null): Promise<void>;
}

const LATE_TABLES = /^(billing\.|ops\.stripe_events$|ops\.revenue_reconciliation_differences$)/;
const REQUESTS_TABLE = 'ops.privacy_requests';

type Step = { key: string; run(): Promise<string> };

export async function runErasure(deps: AppDeps, ctx: ErasureRunContext, requestId: string): Promise<{ requestId: string; steps: number }> {
  const request = await findPrivacyRequest(ctx.db, requestId);
  if (!request) throw new Error(`There is no privacy request ${requestId}.`);
  if (request.status === 'completed') {
    await ctx.log(`Request ${requestId} is already completed: nothing to do.`);
    return { requestId, steps: 0 };
  }
  // Checked again by every status change; a hold can only be placed before the erasure starts.
  if (request.status === 'on_hold') throw new Error(`Request ${requestId} is on legal hold: the erasure stopped before its next step, and runs again once the hold is lifted.`);
  if (request.status !== 'in_progress') throw new Error(`Request ${requestId} is ${request.status}, not in progress: only an approved erasure runs.`);

  const done = await findErasureSteps(ctx.db, requestId);
  const subject = done.find((step) => step.stepKey === SUBJECT_STEP)?.result as ErasureSubject | undefined;
  const plan = request.plan as TErasurePlan | null;
  if (!subject || !plan) throw new Error(`Request ${requestId} has no approved plan.`);
  const finished = new Set(done.filter((step) => step.state === 'done').map((step) => step.stepKey));

  const masking = maskingKeyFromConfig(deps.config);
  const tableStep = (table: string): Step => ({
    key: `table:${table}`,
    run: () =>
      inStep(ctx.db, requestId, `table:${table}`, async (trx) => {
        if (LATE_TABLES.test(table)) await lockMirrorWrites(trx);
        const { rows } = await eraseSubjectRows(trx, table, subject, masking);
        return { result: { rows }, line: `${table}: ${rows} rows` };
      }),
  });
  const targetingStep = (table: (typeof FLAG_TARGETING_TABLES)[number]): Step => ({
    key: `table:${table}`,
    run: () => inStep(ctx.db, requestId, `table:${table}`, (trx) => eraseFlagTargeting(trx, table, subject, requestId)),
  });
  const tables = plan.steps.map((step) => step.table).filter((table) => table !== AUDIT_LOG_TABLE && table !== FLAG_AUDIT_ROWS && table !== REQUESTS_TABLE && !isFlagTargetingTable(table));
  const steps: Step[] = [
    ...tables.filter((table) => !LATE_TABLES.test(table)).map(tableStep),
    ...FLAG_TARGETING_TABLES.map(targetingStep),
    ...plan.stripe.customerIds.map(
      (customerId): Step => ({
        key: stripeStepKey(customerId),
        run: async () => {
          const deletion = await deleteStripeCustomer(ctx.db, deps.stripe, requestId, customerId);
          if ('error' in deletion.response) return `Stripe customer ${customerId} was already deleted`;
          // Its customer.deleted webhook carries the customer as it was: applied before billing:closed sets such events aside, and masked with the mirror.
          const applied = await waitForDeletionEvent(ctx.db, customerId);
          if (!applied) await ctx.log(`Stripe's customer.deleted for ${customerId} was not applied in time: the mirror is closed and masked without it`, 'warn');
          return `Stripe customer ${customerId} deleted`;
        },
      }),
    ),
    {
      key: BILLING_CLOSED_STEP,
      run: () =>
        inStep(ctx.db, requestId, BILLING_CLOSED_STEP, async (trx) => {
          await lockMirrorWrites(trx);
          return { result: { customers: plan.stripe.customerIds.length }, line: `billing mirror and webhook ledger closed to ${plan.stripe.customerIds.length} Stripe customers' events` };
        }),
    },
    ...tables.filter((table) => LATE_TABLES.test(table)).map(tableStep),
    {
      key: `table:${FLAG_AUDIT_ROWS}`,
      run: () => inStep(ctx.db, requestId, `table:${FLAG_AUDIT_ROWS}`, (trx) => sealFlagAuditRows(trx, subject, requestId)),
    },
    {
      key: AUDIT_SHRED_STEP,
      run: () =>
        inStep(ctx.db, requestId, AUDIT_SHRED_STEP, async (trx) => {
          const { keysShredded } = await shredAuditSubjectKeys(trx, auditSubjectRefs(subject), requestId);
          return { result: { keysShredded }, line: `audit log: ${keysShredded} subject keys shredded` };
        }),
    },
    tableStep(REQUESTS_TABLE),
    { key: 'receipt', run: () => writeErasureReceipt(deps, ctx.db, requestId) },
  ];

  await ctx.progress(0, steps.length);
  for (const [index, step] of steps.entries()) {
    if (!finished.has(step.key)) await ctx.log(await step.run());
    await ctx.progress(index + 1, steps.length);
  }
  return { requestId, steps: steps.length };
}

/** One step and its ledger row in one transaction: a step whose row is already there committed earlier, and is skipped. */
async function inStep(db: Db, requestId: string, stepKey: string, work: (trx: Trx) => Promise<{ result: unknown; line: string }>): Promise<string> {
  return db.transaction().execute(async (trx) => {
    if (!(await claimStep(trx, requestId, stepKey))) return `${stepKey}: already done`;
    const { result, line } = await work(trx);
    await recordStepDone(trx, requestId, stepKey, result);
    return line;
  });
}
