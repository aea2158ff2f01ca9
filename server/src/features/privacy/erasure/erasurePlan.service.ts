import { createHash } from 'node:crypto';
import type { TErasurePlan, TErasurePlanStep } from '@opsdesk/shared';
import type { DbOrTrx } from '../../../db/database.js';
import { auditSubjectRefs, countAuditRowsOfSubjects } from '../../audit/auditSubjects.js';
import { canonicalJson } from '../../runbooks/planHash.js';
import { countSubjectRows } from '../dataMap/subjectRows.queries.js';
import { countFlagAuditSteps } from './erasureFlagAudit.js';
import { countFlagTargetingSteps } from './erasureFlags.js';
import { findMentionsElsewhere } from './erasureMentions.js';
import { countLiveAuditKeys } from './erasureSteps.queries.js';
import { resolveErasureSubject, type ErasureSubject } from './erasureSubject.queries.js';
import type { PrivacyRequestRow } from '../privacy.table.js';

export const AUDIT_LOG_TABLE = 'ops.audit_log';

/** The audit log's part of every plan: its rows stay (the chain), their personal values become unreadable. */
function auditStep(rows: number): TErasurePlanStep {
  return {
    table: AUDIT_LOG_TABLE,
    action: 'keep',
    rows,
    columns: [{ column: 'input', strategy: 'crypto_shred' }],
    basis: 'accountability (GDPR Art. 5(2)): the record of who did what stays, its personal values are shredded',
    retention: 'as long as the audit log is kept; the sealed values are unreadable from the erasure on',
  };
}

/**
 * Tables the request for the erasure writes to itself: its approval (ops.action_requests,
 * target privacy_request) and the audit rows of requesting and approving it. Their counts
 * change by the act of approving, so the hash leaves them out; every such row is masked or
 * shredded whatever their number.
 */
const WRITTEN_BY_THE_APPROVAL = new Set([AUDIT_LOG_TABLE, 'ops.action_requests']);

/**
 * The plan's hash, which the approval binds: sha256 of its canonical JSON without `hash`,
 * `plannedAt`, the audit counts, the tables above and the mentions elsewhere. Those are
 * informational (the erasure does not change them), and removing one by hand between the
 * request and the approval is what the officer is asked to do: it must not make the
 * approval stale.
 */
export function erasurePlanHash(plan: Omit<TErasurePlan, 'hash' | 'plannedAt'>): string {
  const { audit: _audit, mentions: _mentions, ...bound } = plan;
  const steps = bound.steps.filter((step) => !WRITTEN_BY_THE_APPROVAL.has(step.table));
  return createHash('sha256').update(canonicalJson({ ...bound, steps })).digest('hex');
}

type PlannedRequest = Pick<PrivacyRequestRow, 'id' | 'subjectKind' | 'subjectValue' | 'userId' | 'customerIds'>;

/** The plan and the subject it was made for (the job erases exactly that subject, never one resolved again). */
export async function planErasureWithSubject(db: DbOrTrx, request: PlannedRequest): Promise<{ plan: TErasurePlan; subject: ErasureSubject }> {
  const { label, ...subject } = await resolveErasureSubject(db, request);
  const refs = auditSubjectRefs(subject);
  // One after another: on a transaction they share one connection anyway.
  const tableSteps = await countSubjectRows(db, subject);
  const targetingSteps = await countFlagTargetingSteps(db, subject);
  const flagAuditSteps = await countFlagAuditSteps(db, subject);
  const auditRows = await countAuditRowsOfSubjects(db, refs);
  const subjectKeys = await countLiveAuditKeys(db, refs);
  const unhashed: Omit<TErasurePlan, 'hash' | 'plannedAt'> = {
    requestId: request.id,
    subject: { userId: subject.userId, customerIds: subject.customerIds, label: label ?? request.subjectValue },
    steps: [...tableSteps, ...targetingSteps, ...flagAuditSteps, auditStep(auditRows)],
    stripe: { customerIds: subject.customerIds, action: 'delete_customer' },
    audit: { subjectKeys, rows: auditRows },
  };
  return { plan: { ...unhashed, hash: erasurePlanHash(unhashed), plannedAt: new Date().toISOString() }, subject };
}

/** What an erasure of this request would do now: per table, rows deleted, masked and kept (flag rules, change requests and history naming the subject too); the Stripe customers; the audit keys. */
export async function planErasure(db: DbOrTrx, request: PlannedRequest): Promise<TErasurePlan> {
  return (await planErasureWithSubject(db, request)).plan;
}

/**
 * The plan a privacy officer reviews and a second person approves: the plan, and the
 * mentions of the subject in other records' free text, which they remove by hand. The
 * staleness check and the execution plan without them (the hash leaves them out).
 */
export async function planErasureForReview(db: DbOrTrx, request: PlannedRequest): Promise<TErasurePlan> {
  const { plan, subject } = await planErasureWithSubject(db, request);
  return { ...plan, mentions: await findMentionsElsewhere(db, subject) };
}
