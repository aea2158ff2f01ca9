import type { TErasurePlan, TErasurePlanStep } from '@opsdesk/shared';
import type { DbOrTrx, Trx } from '../../../db/database.js';
import { countTargetingNaming, eraseFromTargeting, FLAG_CHANGE_REQUESTS, FLAG_TARGETING_TABLES, type FlagTargetingTable } from '../../flags/flagSubjectErasure.service.js';
import type { ErasureSubject } from '../dataMap/subjectRows.queries.js';
import type { ErasureStepRow } from './erasureSteps.queries.js';

export { FLAG_TARGETING_TABLES, isFlagTargetingTable } from '../../flags/flagSubjectErasure.service.js';

/**
 * Feature-flag targeting in an erasure (docs/gdpr.md, "The data map"): strategies,
 * segments, schedules and flag change requests (pending approval or decided) whose value
 * lists name the subject by user id, email or Stripe customer id. The data map cannot
 * express it (a rule is not a row about the person, and only one value inside its JSON
 * is), so the rows are planned, run and receipted as table steps of their own: `keep`,
 * the rule stays for everyone else, with the identifiers removed
 * (features/flags/flagSubjectErasure.ts says what an emptied list then matches). Every
 * run does these steps, planned or not: staff edit rules at any time, and a plan approved
 * before a step existed must not leave a rule naming them. The audit rows that quote
 * rules are the audit step's (erasureFlagAudit.ts).
 */
const BASIS = "targeting written by staff, not a record about the person: the rule keeps serving everyone else, the subject's user id, emails and Stripe customer ids are removed from its value lists";
const RETENTION = 'as long as the rule exists';
const REQUEST_BASIS =
  "a staff decision on targeting, kept as its record: the proposed and replaced rules lose the subject's identifiers as the live rules do (so approving it cannot write them back), the impact sample loses their account, and a reason or comment naming them is erased";
const REQUEST_RETENTION = 'as long as the request is kept';

/** The values a rule can name the subject by. */
export function subjectIdentifiers(subject: Pick<ErasureSubject, 'userId' | 'emails' | 'customerIds'>): string[] {
  return [...(subject.userId ? [subject.userId] : []), ...subject.emails, ...subject.customerIds];
}

function targetingStep(table: FlagTargetingTable, rows: number): TErasurePlanStep {
  const request = table === FLAG_CHANGE_REQUESTS;
  return { table, action: 'keep', rows, columns: [], basis: request ? REQUEST_BASIS : BASIS, retention: request ? REQUEST_RETENTION : RETENTION };
}

/** The plan's steps: one per table with rules naming the subject. */
export async function countFlagTargetingSteps(db: DbOrTrx, subject: ErasureSubject): Promise<TErasurePlanStep[]> {
  const steps: TErasurePlanStep[] = [];
  for (const table of FLAG_TARGETING_TABLES) {
    const rows = await countTargetingNaming(db, table, subjectIdentifiers(subject));
    if (rows > 0) steps.push(targetingStep(table, rows));
  }
  return steps;
}

/** One table's step, in the step's transaction: ids and counts for the ledger and the job's log. */
export async function eraseFlagTargeting(trx: Trx, table: FlagTargetingTable, subject: ErasureSubject, requestId: string): Promise<{ result: unknown; line: string }> {
  const { rows, valuesRemoved, listsEmptied } = await eraseFromTargeting(trx, table, subjectIdentifiers(subject), requestId);
  const emptied = listsEmptied > 0 ? `, ${listsEmptied} lists left empty` : '';
  return { result: { rows, valuesRemoved, listsEmptied }, line: `${table}: ${rows} rules, ${valuesRemoved} values removed${emptied}` };
}

/** Receipt lines for targeting the run changed although the plan had none there (a rule edited after approval). */
export function unplannedTargetingSteps(plan: TErasurePlan, steps: ReadonlyMap<string, ErasureStepRow>): TErasurePlanStep[] {
  return FLAG_TARGETING_TABLES.flatMap((table) => {
    const rows = (steps.get(`table:${table}`)?.result as { rows?: number } | null | undefined)?.rows ?? 0;
    return rows > 0 && !plan.steps.some((step) => step.table === table) ? [targetingStep(table, rows)] : [];
  });
}
