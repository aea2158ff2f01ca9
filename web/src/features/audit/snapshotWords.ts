import { isPlainObject } from '../../app/isPlainObject';
import { approvalSnapshotInWords } from '../approvals/approvalAuditWords';
import { flagSnapshotInWords } from '../flags/flagText';
import { ruleSnapshotInWords } from '../moderation/ruleText';
import { privacyRequestSnapshotInWords } from '../privacy/privacyText';
import { runbookSnapshotInWords, sloSnapshotInWords } from './operationsSnapshotWords';

/**
 * Snapshots whose fields a feature words better than the generic diff can (which shows an
 * object as JSON): a flag's rules, a moderation rule's conditions, an approval's preview,
 * a privacy request's state, an SLO's definition, a runbook run's plan. Keyed by the
 * audited action's prefix; any other action's snapshot is shown as it is.
 */
const WORDERS: ReadonlyArray<readonly [prefix: string, words: (snapshot: Record<string, unknown>) => Record<string, unknown>]> = [
  ['flags.', flagSnapshotInWords],
  ['moderation.rule_', ruleSnapshotInWords],
  ['approval.', approvalSnapshotInWords],
  ['privacy.', privacyRequestSnapshotInWords],
  ['slo.', sloSnapshotInWords],
  ['runbooks.run_requested', runbookSnapshotInWords],
];

export function snapshotInWords(action: string | undefined, snapshot: unknown): unknown {
  if (!action || !isPlainObject(snapshot)) return snapshot;
  const words = WORDERS.find(([prefix]) => action.startsWith(prefix))?.[1];
  return words ? words(snapshot) : snapshot;
}
