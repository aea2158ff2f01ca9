import type { Migration } from 'kysely';
import * as m0001 from './0001_ops_foundation.js';
import * as m0002 from './0002_billing_mirror.js';
import * as m0003 from './0003_staff_actions.js';
import * as m0004 from './0004_lookup.js';
import * as m0005 from './0005_timeline_and_live_requests.js';
import * as m0006 from './0006_intent_first_actions.js';
import * as m0007 from './0007_audit_seals.js';
import * as m0008 from './0008_webhook_inbox.js';
import * as m0009 from './0009_revenue_precomputed.js';
import * as m0010 from './0010_revenue_history_columns.js';
import * as m0011 from './0011_revenue_rollups.js';
import * as m0012 from './0012_revenue_reconciliations.js';
import * as m0013 from './0013_jobs.js';
import * as m0014 from './0014_runbooks.js';
import * as m0016 from './0016_signals.js';
import * as m0017 from './0017_slos.js';
import * as m0018 from './0018_revenue_reconciliation_jobs.js';
import * as m0019 from './0019_webhook_lz4.js';
import * as m0021 from './0021_flags.js';
import * as m0022 from './0022_flag_schedules.js';
import * as m0023 from './0023_flag_dependencies_and_metrics.js';
import * as m0024 from './0024_moderation.js';
import * as m0025 from './0025_moderation_appeals.js';
import * as m0026 from './0026_moderation_bulk.js';
import * as m0027 from './0027_moderation_rules.js';
import * as m0028 from './0028_moderation_product_appeals.js';
import * as m0029 from './0029_privacy.js';
import * as m0030 from './0030_audit_personal_data.js';
import * as m0031 from './0031_approval_list_indexes.js';
import * as m0032 from './0032_ledger_charge_link_indexes.js';
import * as m0033 from './0033_erasure_step_key_index.js';
import * as m0034 from './0034_mention_trgm_indexes.js';
import * as m0035 from './0035_slo_alert_history_order.js';
import * as m0036 from './0036_customer_home_lists.js';
import * as m0037 from './0037_jobs_notable_index.js';

/** Every migration, in order. Listed explicitly so bundling and tsx need no file scanning. */
export const migrations: Record<string, Migration> = {
  '0001_ops_foundation': m0001,
  '0002_billing_mirror': m0002,
  '0003_staff_actions': m0003,
  '0004_lookup': m0004,
  '0005_timeline_and_live_requests': m0005,
  '0006_intent_first_actions': m0006,
  '0007_audit_seals': m0007,
  '0008_webhook_inbox': m0008,
  '0009_revenue_precomputed': m0009,
  '0010_revenue_history_columns': m0010,
  '0011_revenue_rollups': m0011,
  '0012_revenue_reconciliations': m0012,
  '0013_jobs': m0013,
  '0014_runbooks': m0014,
  '0016_signals': m0016,
  '0017_slos': m0017,
  '0018_revenue_reconciliation_jobs': m0018,
  '0019_webhook_lz4': m0019,
  '0021_flags': m0021,
  '0022_flag_schedules': m0022,
  '0023_flag_dependencies_and_metrics': m0023,
  '0024_moderation': m0024,
  '0025_moderation_appeals': m0025,
  '0026_moderation_bulk': m0026,
  '0027_moderation_rules': m0027,
  '0028_moderation_product_appeals': m0028,
  '0029_privacy': m0029,
  '0030_audit_personal_data': m0030,
  '0031_approval_list_indexes': m0031,
  '0032_ledger_charge_link_indexes': m0032,
  '0033_erasure_step_key_index': m0033,
  '0034_mention_trgm_indexes': m0034,
  '0035_slo_alert_history_order': m0035,
  '0036_customer_home_lists': m0036,
  '0037_jobs_notable_index': m0037,
};
