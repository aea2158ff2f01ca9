import type { FlagConstraint, FlagStrategy, FlagVariant } from '@opsdesk/shared';
import type { DbOrTrx, Trx } from '../../db/database.js';
import { insertAuditEntry } from '../audit/audit.queries.js';
import { bumpRevisions } from './flags.queries.js';
import { flagChangeWithoutSubject } from './flagChangeRequestErasure.js';
import {
  constraintsWithoutSubject,
  noRemoval,
  strategiesWithoutSubject,
  subjectMatcher,
  subjectMentioner,
  variantsWithoutSubject,
  type MentionsSubject,
  type NamesSubject,
  type TargetingRemoval,
} from './flagSubjectErasure.js';
import {
  findFlagChangesNaming,
  findSchedulesNaming,
  findSegmentsNaming,
  findStatesNaming,
  lockAllEnvironments,
  lockFlagChangesNaming,
  lockSchedulesNaming,
  lockSegmentsNaming,
  updateScheduleRules,
  updateSegmentConstraints,
  updateStateRules,
  updateStoredFlagChange,
} from './flagSubjectErasure.queries.js';

/**
 * Flag change requests (ops.action_requests, flags.changeEnvironment), as the plan and the
 * receipt name them: the table also holds other staff actions, which the data map covers.
 */
export const FLAG_CHANGE_REQUESTS = 'ops.action_requests (flag changes)';

/**
 * Where targeting can name a person, per table, for the GDPR erasure's plan and steps
 * (privacy/erasure/erasureFlags.ts): the rows whose rules name one of the identifiers,
 * and their rewrite (flagSubjectErasure.ts). Change requests come first and schedules
 * next, so neither can write the person back into a state already cleaned: an approval
 * applies the request as stored when it executes (flagChange.action.ts), and from this
 * step on that is without them. Each rewrite runs in the step's transaction, locked as
 * the feature's own writers lock; it moves the revisions of what is served (the client
 * API's ETag) and leaves each changed row a history row.
 *
 * Rewriting a pending request, rather than rejecting it, keeps a change staff asked for
 * (often for other people too) decidable, and shows the approver what it would now do. A
 * request made after the erasure that names the person again is a new staff decision:
 * it is neither refused nor rewritten.
 */
export const FLAG_TARGETING_TABLES = [FLAG_CHANGE_REQUESTS, 'ops.flag_schedules', 'ops.flag_segments', 'ops.flag_environment_states'] as const;
export type FlagTargetingTable = (typeof FLAG_TARGETING_TABLES)[number];

/**
 * The audit log's target types of the feature's rows. They have no data subject
 * (audit/auditSubjects.ts), so they are written in plaintext, and many quote rules, a
 * change request's input or its impact sample: the erasure seals those naming the person
 * (privacy/erasure/erasureFlagAudit.ts).
 */
export const FLAG_AUDIT_TARGET_TYPES = ['flag', 'flag_segment', 'flag_schedule'] as const;

export const isFlagTargetingTable = (table: string): table is FlagTargetingTable => (FLAG_TARGETING_TABLES as readonly string[]).includes(table);

export interface TargetingErasure extends TargetingRemoval {
  rows: number;
}

/** One table: its rows naming the person (read, or locked for the step), the new rules with the tally, and the write, which names the history row's target. */
interface Rewrite<Row> {
  find(db: DbOrTrx, needles: readonly string[]): Promise<Row[]>;
  lock(trx: Trx, needles: readonly string[]): Promise<Row[]>;
  rewrite(row: Row, names: NamesSubject, tally: TargetingRemoval, mentions: MentionsSubject): (trx: Trx) => Promise<{ type: string; id: string }>;
  served?: (changed: Row[]) => readonly string[] | 'all';
}

type StateRow = Awaited<ReturnType<typeof findStatesNaming>>[number];
type SegmentRow = Awaited<ReturnType<typeof findSegmentsNaming>>[number];
type ScheduleRow = Awaited<ReturnType<typeof findSchedulesNaming>>[number];
type FlagChangeRow = Awaited<ReturnType<typeof findFlagChangesNaming>>[number];

const rulesOf = (row: { strategies: unknown; variants: unknown }, names: NamesSubject, tally: TargetingRemoval) => ({
  strategies: strategiesWithoutSubject(row.strategies as FlagStrategy[], names, tally),
  variants: variantsWithoutSubject(row.variants as FlagVariant[], names, tally),
});

/** Nothing served changes: the request applies its rules only once approved. */
const REQUESTS: Rewrite<FlagChangeRow> = {
  find: findFlagChangesNaming,
  lock: lockFlagChangesNaming,
  rewrite: (row, names, tally, mentions) => {
    const stored = flagChangeWithoutSubject(row, names, mentions, tally);
    return async (trx) => {
      await updateStoredFlagChange(trx, row.id, stored);
      return { type: 'action_request', id: row.id };
    };
  },
};

const SCHEDULES: Rewrite<ScheduleRow> = {
  find: findSchedulesNaming,
  lock: lockSchedulesNaming,
  rewrite: (row, names, tally) => {
    const rules = rulesOf(row, names, tally);
    return async (trx) => {
      await updateScheduleRules(trx, row.id, rules);
      return { type: 'flag_schedule', id: row.id };
    };
  },
};

const SEGMENTS: Rewrite<SegmentRow> = {
  find: findSegmentsNaming,
  lock: lockSegmentsNaming,
  rewrite: (row, names, tally) => {
    const constraints = constraintsWithoutSubject(row.constraints as FlagConstraint[], names, tally);
    return async (trx) => {
      await updateSegmentConstraints(trx, row.id, constraints);
      return { type: 'flag_segment', id: String(row.id) };
    };
  },
  // Every environment serves every segment.
  served: () => 'all',
};

const STATES: Rewrite<StateRow> = {
  find: findStatesNaming,
  lock: async (trx, needles) => {
    await lockAllEnvironments(trx);
    return findStatesNaming(trx, needles);
  },
  rewrite: (row, names, tally) => {
    const rules = rulesOf(row, names, tally);
    return async (trx) => {
      await updateStateRules(trx, row.flagId, row.environment, rules);
      return { type: 'flag', id: `${row.key}@${row.environment}` };
    };
  },
  served: (changed) => [...new Set(changed.map((row) => row.environment))],
};

/** The table's rewrite, handed to `use` whatever its row type. */
function withRewrite<R>(table: FlagTargetingTable, use: <Row>(rewrite: Rewrite<Row>) => R): R {
  switch (table) {
    case FLAG_CHANGE_REQUESTS:
      return use(REQUESTS);
    case 'ops.flag_schedules':
      return use(SCHEDULES);
    case 'ops.flag_segments':
      return use(SEGMENTS);
    case 'ops.flag_environment_states':
      return use(STATES);
  }
}

/** The rows whose rewrite would remove at least one value. */
function changing<Row>(rewrite: Rewrite<Row>, rows: Row[], needles: readonly string[]) {
  const names = subjectMatcher(needles);
  const mentions = subjectMentioner(needles);
  return rows.flatMap((row) => {
    const tally = noRemoval();
    const write = rewrite.rewrite(row, names, tally, mentions);
    return tally.valuesRemoved > 0 ? [{ row, write, tally }] : [];
  });
}

const needlesOf = (identifiers: readonly string[]) => [...new Set(identifiers.map((id) => id.trim().toLowerCase()).filter((id) => id !== ''))];

/** The plan's count: rows of the table whose rules name one of the identifiers. */
export async function countTargetingNaming(db: DbOrTrx, table: FlagTargetingTable, identifiers: readonly string[]): Promise<number> {
  const needles = needlesOf(identifiers);
  if (needles.length === 0) return 0;
  return withRewrite(table, async (rewrite) => changing(rewrite, await rewrite.find(db, needles), needles).length);
}

/** The changed rule's history row (flags.history shows it): counts only, the values removed would name the person. */
function insertErasureHistoryRow(trx: Trx, target: { type: string; id: string }, tally: TargetingRemoval, privacyRequestId: string) {
  return insertAuditEntry(trx, {
    actor: null,
    action: 'flags.subject_erased',
    target,
    subject: null,
    input: { via: 'privacy.erase', privacyRequestId },
    after: tally,
    result: 'success',
    request: { requestId: `job:privacy.erase:${privacyRequestId}`, ip: null, userAgent: 'opsdesk-jobs' },
  });
}

/**
 * Removes the identifiers from the table's rules, in the caller's transaction. A second
 * run finds nothing to remove and changes nothing (0 rows), so a resumed erasure is safe.
 */
export async function eraseFromTargeting(trx: Trx, table: FlagTargetingTable, identifiers: readonly string[], privacyRequestId: string): Promise<TargetingErasure> {
  const total: TargetingErasure = { rows: 0, ...noRemoval() };
  const needles = needlesOf(identifiers);
  if (needles.length === 0) return total;
  return withRewrite(table, async (rewrite) => {
    const changes = changing(rewrite, await rewrite.lock(trx, needles), needles);
    for (const { write, tally } of changes) {
      await insertErasureHistoryRow(trx, await write(trx), tally, privacyRequestId);
      total.rows++;
      total.valuesRemoved += tally.valuesRemoved;
      total.listsEmptied += tally.listsEmptied;
    }
    if (changes.length > 0 && rewrite.served) await bumpRevisions(trx, rewrite.served(changes.map((change) => change.row)));
    return total;
  });
}
