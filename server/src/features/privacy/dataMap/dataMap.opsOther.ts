/**
 * Every `ops` table that holds no personal data about a product user or customer, with
 * why. A new `ops` table must be placed here or in dataMap.ops.ts: the completeness test
 * fails until it is. Staff ids and labels (who did something) are staff data, kept with
 * the staff account (ops.staff), and are not what a product subject's erasure touches.
 */
export const TABLES_WITHOUT_PERSONAL_DATA: Readonly<Record<string, string>> = {
  'ops.audit_chain_head': 'The hash chain head: one id and one hash.',
  'ops.audit_seals': 'HMAC seals of audit rows: key ids and MACs.',
  'ops.audit_sealed_rows': 'Recomputed hashes of converted audit rows: hashes and MACs.',
  'ops.audit_subject_keys': 'Per-subject audit keys: the erasure shreds them (features/audit), refs are pseudonymous ids.',
  'ops.flags': 'Feature flag definitions (staff owner id only).',
  'ops.flag_api_keys': 'SDK keys: token hashes and staff labels.',
  'ops.flag_clients': 'SDK instances: app names and versions.',
  'ops.flag_environments': 'Flag environments.',
  'ops.flag_environment_states': 'Flag strategies per environment: rules written by staff, not records about a person; a rule naming a subject is rewritten by the erasure (erasureFlags.ts).',
  'ops.flag_metrics_hourly': 'Aggregate yes/no counts per hour.',
  'ops.flag_schedules': 'Scheduled flag changes (staff labels; proposed rules naming a subject are rewritten by the erasure, erasureFlags.ts).',
  'ops.flag_segments': 'Targeting segments: constraints written by staff, not records about a person; a value naming a subject is removed by the erasure (erasureFlags.ts).',
  'ops.jobs': 'Durable jobs: parameters, checkpoints and results hold ids and counts only (house rule for job kinds).',
  'ops.job_log': 'Job log lines: ids and counts only, never personal values (house rule for job kinds).',
  'ops.moderation_bulk_items': 'Bulk moderation progress: queue entry ids and statuses.',
  'ops.moderation_bulk_runs': 'Bulk moderation runs: a filter and a reason for many entries, written by staff.',
  'ops.moderation_queue_counts': 'Aggregate queue counters.',
  'ops.moderation_reason_codes': 'The moderation policy table.',
  'ops.moderation_rule_cursor': 'Where the rule scan reached.',
  'ops.moderation_rules': 'Automatic moderation rules written by staff.',
  'ops.privacy_erasure_steps': "The erasure's own step ledger: step keys, counts and Stripe's deletion answers (ids only).",
  'ops.revenue_reconciliation_listed': "A reconciliation's staged Stripe amounts per subscription, emptied when the run stores its outcome.",
  'ops.revenue_reconciliations': 'Reconciliation runs: totals and progress.',
  'ops.runbook_runs': 'Runbook runs on infrastructure targets.',
  'ops.runbook_temporary_changes': 'Temporary infrastructure changes of runbooks.',
  'ops.saved_filters': "Staff's saved list filters.",
  'ops.settings': 'Application settings.',
  'ops.signal_samples': 'Service metrics per minute.',
  'ops.slos': 'Service level objectives.',
  'ops.slo_statuses': 'SLO evaluations.',
  'ops.slo_alert_states': 'SLO alert states.',
  'ops.slo_alert_events': 'SLO alert events and their delivery.',
  'ops.stripe_backfill_state': 'Where the Stripe backfill reached, per resource.',
};
