import { sql } from 'kysely';
import { BURN_WINDOW_MINUTES, BURN_WINDOWS, sloStatusFromCounts, type BurnWindow, type EventCounts, type SloStatus, type SloStatusView, type TSloDefinition } from '@opsdesk/shared';
import type { Db, Trx } from '../../db/database.js';
import { enqueueJob } from '../jobs/enqueueJob.js';
import { closeAbandonedDeliveries, deleteOldAlertEvents, findAlertStates, insertAlertEvent, upsertAlertStates, type AlertStateRow } from './sloAlerts.queries.js';
import { findLatestEvaluation, findSlos, upsertSloStatuses, type SloWithStatus } from './slo.queries.js';
import { segmentsOf, sumSamplesBySegment } from './sloSamples.queries.js';
import { isPrometheusService, readDeclaredSloCounts, sloPrometheus, type SloPrometheus } from './sloPrometheus.js';
import { eventCountsOf } from './sloSli.js';
import { sloNotifyJob } from './sloNotify.job.js';
import { readDefinition, statusView } from './sloViews.js';
import { sloAlertWebhook } from './sloWebhook.js';

/** What one evaluation pass did (the job logs it, the benchmark prints it). */
export interface SloEvaluationResult {
  /** SLOs evaluated (or tried, for Prometheus's). */
  slos: number;
  /** Alert state changes recorded (firing or resolved). */
  changes: number;
  /** Alert events older than the retention dropped. */
  pruned: number;
  /** Pending events whose delivery job ended without sending them (cancelled, timed out): marked failed. */
  abandoned: number;
  /** SLOs whose counts Prometheus could not give: their last status kept, with the error. */
  unreadable: number;
  /** SLOs whose stored definition does not read under the current schema: not evaluated, the problem stored as their status's error. */
  skipped: SkippedSlo[];
}

export interface SkippedSlo {
  id: string;
  /** `service/name`, from the row's own columns. */
  slo: string;
  problem: string;
}

export interface SloEvaluationOptions {
  /** Whether recorded changes are queued for the webhook; default: SLO_ALERT_WEBHOOK_URL is set. */
  webhookConfigured?: boolean;
  /** Where SLOs of declared services read their counts; default: PROMETHEUS_URL and SIGNAL_SERVICES_FILE (sloPrometheus.ts). */
  prometheus?: SloPrometheus | null;
  /** The job's: aborted on its timeout or a cancel, after which the pass stops reading and writes nothing more. */
  signal?: AbortSignal;
  /** How long the pass waits for Prometheus, all declared SLOs together; default 30 s, well inside the job's 50 s. */
  prometheusBoundMs?: number;
}

const MINUTE_MS = 60_000;
const PROMETHEUS_BOUND_MS = 30_000;
// Passes never overlap (two instances, a slow pass and the next minute's): the second
// waits, then compares against the states the first recorded, so a change is recorded once.
const PASS_LOCK = sql`select pg_advisory_xact_lock(hashtext('opsdesk.slo.evaluate'))`;

type SloToEvaluate = { id: string; notify: boolean; definition: TSloDefinition; stored: SloStatusView | null };
type EvaluatedSlo = SloToEvaluate & { status: SloStatus };
/** Prometheus could not give its counts, or its definition does not read: the last status, with the error. */
type FailedSlo = { id: string; view: SloStatusView };
type PassCommit = { changes: number; pruned: number; abandoned: number };

/**
 * One pass over every stored SLO at `now` (docs/observability.md, "Evaluation and alert
 * history"): good and valid counts per burn window and per SLO window, summed in one
 * statement from ops.signal_samples (minute and hourly rows); the status from the shared
 * arithmetic; the status stored; each alert's state compared with the last pass's, and a
 * change (firing, resolved) recorded with its values and, for SLOs that notify, queued for
 * the webhook. Windows end at the start of `now`'s minute: a minute still being counted
 * never reaches a window.
 *
 * SLOs of services declared in SIGNAL_SERVICES_FILE read their counts from Prometheus
 * (sloPrometheus.ts). Those reads start first but are committed last, in a transaction of
 * their own: Opsdesk's own SLOs are evaluated, stored and alerted on without waiting for
 * Prometheus, so a hanging Prometheus cannot delay the console's alerts about itself. The
 * reads are bounded as a whole (`prometheusBoundMs`); an SLO Prometheus failed to give
 * keeps its last status with the error and its alerts keep their state (no data is not
 * good news). So does an SLO whose stored definition no longer reads (readStoredSlos):
 * skipped, with the reason, while every other SLO is evaluated as usual.
 */
export async function evaluateAllSlos(db: Db, now: Date, options: SloEvaluationOptions = {}): Promise<SloEvaluationResult> {
  const at = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS);
  const prometheus = options.prometheus !== undefined ? options.prometheus : sloPrometheus();
  const notifying = options.webhookConfigured ?? sloAlertWebhook().url !== null;
  const { rows, unreadable, skipped } = readStoredSlos(await findSlos(db), at);
  const declared = rows.filter((slo) => isPrometheusService(slo.definition.service, prometheus));
  const builtIn = rows.filter((slo) => !isPrometheusService(slo.definition.service, prometheus));

  const boundMs = options.prometheusBoundMs ?? PROMETHEUS_BOUND_MS;
  const stopReading = new AbortController();
  const bound = setTimeout(() => stopReading.abort(new Error(`the evaluation pass stopped waiting after ${boundMs} ms`)), boundMs);
  const readSignal = options.signal ? AbortSignal.any([options.signal, stopReading.signal]) : stopReading.signal;
  const reads = declared.length > 0 ? readDeclaredSloCounts(prometheus!, declared, at, readSignal) : Promise.resolve([]);
  try {
    const own = await commitPass(db, at, { evaluated: await evaluateFromSamples(db, builtIn, at), failed: unreadable, housekeeping: true }, notifying, options.signal);
    // A pass that waited behind a later one would record its older view as new changes.
    if (!own) return { slos: rows.length, changes: 0, pruned: 0, abandoned: 0, unreadable: 0, skipped: [] };
    if (declared.length === 0) return { slos: rows.length, ...own, unreadable: 0, skipped };

    const evaluated: EvaluatedSlo[] = [];
    const failed: FailedSlo[] = [];
    for (const read of await reads) {
      const { slo } = read;
      if (read.error === undefined) {
        evaluated.push({ ...slo, status: sloStatusFromCounts(slo.definition, read.counts.burn, read.counts.window, at.getTime()) });
      } else {
        const last = slo.stored ?? statusView(sloStatusFromCounts(slo.definition, emptyBurnCounts(), { good: 0, valid: 0 }, at.getTime()));
        failed.push({ id: slo.id, view: { ...last, error: read.error.slice(0, 500) } });
      }
    }
    const fromPrometheus = await commitPass(db, at, { evaluated, failed, housekeeping: false }, notifying, options.signal);
    return { slos: rows.length, changes: own.changes + (fromPrometheus?.changes ?? 0), pruned: own.pruned, abandoned: own.abandoned, unreadable: fromPrometheus ? failed.length : 0, skipped };
  } finally {
    clearTimeout(bound);
    // Returning early (or failing) leaves no request to Prometheus running behind the pass.
    stopReading.abort(new Error('the evaluation pass ended'));
  }
}

/**
 * The stored SLOs whose definition reads, to evaluate; the others are skipped, not allowed
 * to stop the pass (every other SLO's alerts would go silent). A skipped SLO keeps its last
 * figures and its alert states, like one Prometheus failed to give, with the problem as
 * its status's error; it is evaluated again once saved with a definition that reads.
 */
function readStoredSlos(stored: readonly SloWithStatus[], at: Date): { rows: SloToEvaluate[]; unreadable: FailedSlo[]; skipped: SkippedSlo[] } {
  const rows: SloToEvaluate[] = [];
  const unreadable: FailedSlo[] = [];
  const skipped: SkippedSlo[] = [];
  for (const row of stored) {
    const last = row.status as SloStatusView | null;
    const read = readDefinition(row);
    if (read.definition) {
      rows.push({ id: row.id, notify: row.notify, definition: read.definition, stored: last });
      continue;
    }
    unreadable.push({ id: row.id, view: { ...(last ?? notEvaluatedView(at)), error: read.problem } });
    skipped.push({ id: row.id, slo: `${row.service}/${row.name}`, problem: read.problem });
  }
  return { rows, unreadable, skipped };
}

/** Opsdesk's own SLOs (and any service not declared): their counts summed from ops.signal_samples in one statement. */
async function evaluateFromSamples(db: Db, slos: readonly SloToEvaluate[], at: Date): Promise<EvaluatedSlo[]> {
  const wholeWindows = new Set(slos.map((slo) => slo.definition.windowDays));
  const minutesOf: [string, number][] = [...BURN_WINDOWS.map((w) => [w, BURN_WINDOW_MINUTES[w]] as [string, number]), ...[...wholeWindows].map((days) => [`${days}d-slo`, days * 1440] as [string, number])];
  const segments = minutesOf.flatMap(([key, minutes]) => segmentsOf(key, new Date(at.getTime() - minutes * MINUTE_MS), at));
  const sums = await sumSamplesBySegment(db, [...new Set(slos.map((slo) => slo.definition.service))], segments);
  return slos.map((slo) => {
    const { service, sli } = slo.definition;
    const countsOf = (key: string): EventCounts => eventCountsOf(sli, sums.get(service)?.get(key));
    const totals = Object.fromEntries(BURN_WINDOWS.map((w) => [w, countsOf(w)])) as Record<BurnWindow, EventCounts>;
    return { ...slo, status: sloStatusFromCounts(slo.definition, totals, countsOf(`${slo.definition.windowDays}d-slo`), at.getTime()) };
  });
}

/**
 * Stores statuses and records alert changes under the pass lock; null (nothing written)
 * when a later pass has already written. The first commit of a pass (Opsdesk's own SLOs)
 * also does the housekeeping: old events pruned, abandoned deliveries closed.
 */
async function commitPass(db: Db, at: Date, slos: { evaluated: readonly EvaluatedSlo[]; failed: readonly FailedSlo[]; housekeeping: boolean }, notifying: boolean, signal: AbortSignal | undefined): Promise<PassCommit | null> {
  const { evaluated, failed } = slos;
  signal?.throwIfAborted();
  return db.transaction().execute(async (trx) => {
    await PASS_LOCK.execute(trx);
    // The job gave up on this pass while it waited for the lock: its view is no longer wanted.
    signal?.throwIfAborted();
    const latest = await findLatestEvaluation(trx);
    if (latest && latest > at) return null;
    // Before this pass's own events, whose jobs are queued in this transaction anyway.
    const abandoned = slos.housekeeping ? await closeAbandonedDeliveries(trx) : 0;
    const changes = await recordAlertChanges(trx, evaluated, at, notifying);
    await upsertSloStatuses(trx, [
      ...evaluated.map((slo) => ({ sloId: slo.id, evaluatedAt: at, statusJson: JSON.stringify(statusView(slo.status)) })),
      ...failed.map((slo) => ({ sloId: slo.id, evaluatedAt: at, statusJson: JSON.stringify(slo.view) })),
    ]);
    const pruned = slos.housekeeping ? await deleteOldAlertEvents(trx, at) : 0;
    return { changes, pruned, abandoned };
  });
}

/** Writes a state row only when it changed, and an event only when an alert starts or stops firing. */
async function recordAlertChanges(trx: Trx, slos: readonly { id: string; notify: boolean; status: SloStatus }[], at: Date, notifying: boolean): Promise<number> {
  const previous = new Map((await findAlertStates(trx)).map((row) => [`${row.sloId} ${row.rule}`, row]));
  const changed: AlertStateRow[] = [];
  let events = 0;
  for (const slo of slos) {
    for (const alert of slo.status.alerts) {
      const before = previous.get(`${slo.id} ${alert.rule.id}`);
      if (before?.state === alert.state) continue;
      const wasFiring = before?.state === 'firing';
      const isFiring = alert.state === 'firing';
      let firingEventId = before?.firingEventId ?? null;
      if (wasFiring !== isFiring) {
        const deliver = notifying && slo.notify;
        const eventId = await insertAlertEvent(trx, {
          sloId: slo.id,
          rule: alert.rule.id,
          severity: alert.rule.severity,
          state: isFiring ? 'firing' : 'resolved',
          at,
          longBurnRate: alert.longBurnRate,
          shortBurnRate: alert.shortBurnRate,
          budgetRemaining: slo.status.window.budgetRemaining,
          deliveryStatus: deliver ? 'pending' : 'not_configured',
        });
        // Queued in this transaction: a change is sent exactly when it is recorded.
        if (deliver) await enqueueJob(trx, sloNotifyJob, { eventId }, { startedBy: null });
        firingEventId = isFiring ? eventId : null;
        events += 1;
      }
      changed.push({ sloId: slo.id, rule: alert.rule.id, state: alert.state, since: at, firingEventId });
    }
  }
  await upsertAlertStates(trx, changed);
  return events;
}

const emptyBurnCounts = () => Object.fromEntries(BURN_WINDOWS.map((w) => [w, { good: 0, valid: 0 }])) as Record<BurnWindow, EventCounts>;

/** The figures of an SLO no pass could evaluate yet: no events, not enough data, no alert. */
const notEvaluatedView = (at: Date): SloStatusView => ({
  at: at.toISOString(),
  good: 0,
  valid: 0,
  sli: null,
  budgetRemaining: 1,
  enoughData: false,
  burnRateNow: null,
  timeToExhaustionMs: null,
  alerts: [],
});
