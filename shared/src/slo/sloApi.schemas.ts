import { z } from 'zod';
import { opaqueCursor, safeText } from '../text/safeText.js';
import type { AlertSeverity, AlertState, BurnRateAlertRule, BurnWindow } from './burnRateAlerts.js';
import { ZSloDefinitionSchema, type TSloDefinition } from './slo.schemas.js';

/**
 * The `slo` router's contract (docs/observability.md): SLOs stored in the console,
 * their status, and the alert history. The server implements it; the console's SLO and
 * Alerts pages and home cards read it. Dates travel as ISO strings.
 */

/**
 * The runbook action an SLO's alerts open, with parameters. A string value may hold
 * `{{label}}` placeholders filled from the alert's labels (`service`, `slo`, `alert`,
 * `severity`), e.g. `{ "minAgeMinutes": 5 }` or `{ "service": "{{service}}" }`.
 */
export const ZSloRunbookLinkSchema = z.strictObject({
  action: z.string().regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/, 'Unknown runbook action').max(100),
  params: z.record(z.string().max(100), z.union([z.string().max(500), z.number(), z.boolean()])).refine((p) => Object.keys(p).length <= 20, 'at most 20 parameters').default({}),
});
export type TSloRunbookLink = z.infer<typeof ZSloRunbookLinkSchema>;

export const ZSloWriteSchema = z.strictObject({
  definition: ZSloDefinitionSchema,
  runbook: ZSloRunbookLinkSchema.nullable().default(null),
  /** Send this SLO's alert changes to the configured webhook (SLO_ALERT_WEBHOOK_URL). */
  notify: z.boolean().default(true),
  reason: safeText({ max: 1000, multiline: true }).optional(),
});
export type TSloWrite = z.infer<typeof ZSloWriteSchema>;

export const ZSloCreateRequestSchema = ZSloWriteSchema;
export const ZSloUpdateRequestSchema = ZSloWriteSchema.extend({ id: z.uuid() });
export const ZSloGetRequestSchema = z.strictObject({ id: z.uuid() });

export const ZSloAlertsRequestSchema = z
  .strictObject({
    sloId: z.uuid().optional(),
    state: z.enum(['firing', 'resolved']).optional(),
    severity: z.enum(['page', 'ticket']).optional(),
    /**
     * Keyset cursor: the previous page's `nextBefore`, as handed out. It holds the last
     * event's own ordering key, not a reference to it, so a page still follows after that
     * event has been pruned; the server decodes and checks it (else BAD_REQUEST).
     */
    before: opaqueCursor(200).optional(),
    limit: z.int().min(1).max(100).default(50),
  })
  .default({ limit: 50 });

export interface SloAlertView {
  rule: BurnRateAlertRule['id'];
  severity: AlertSeverity;
  longWindow: BurnWindow;
  shortWindow: BurnWindow;
  factor: number;
  state: AlertState;
  longBurnRate: number | null;
  shortBurnRate: number | null;
}

export interface SloStatusView {
  at: string;
  /** Over the whole SLO window. */
  good: number;
  valid: number;
  sli: number | null;
  /** 1 = the whole budget left (a fresh window starts at 100 %); may go below 0. */
  budgetRemaining: number;
  enoughData: boolean;
  burnRateNow: number | null;
  timeToExhaustionMs: number | null;
  alerts: SloAlertView[];
  /**
   * Set when the last pass could not evaluate the SLO: Prometheus failing, or a stored
   * definition that no longer reads under the current schema (then the summary's
   * `definition` is null). The other fields are from the last pass that could; with none,
   * zero counts and `enoughData` false.
   */
  error?: string;
}

export interface SloSummary {
  id: string;
  /** The stored service and name (their own columns): an SLO is named even when its definition does not read. */
  service: string;
  name: string;
  /** Null when the stored definition does not read under the current schema (written by an older version, or by hand): not evaluated until saved again. */
  definition: TSloDefinition | null;
  /** Why `definition` is null, in words; null when it reads. */
  definitionProblem: string | null;
  runbook: TSloRunbookLink | null;
  notify: boolean;
  /** Where the samples come from: the built-in source or Prometheus. */
  source: 'builtin' | 'prometheus';
  updatedAt: string;
  updatedBy: string | null;
  /** Null until the first evaluation. */
  status: SloStatusView | null;
}

export interface SloBudgetPoint {
  at: string;
  budgetRemaining: number;
  sli: number | null;
}

export interface SloDetail extends SloSummary {
  /** Budget remaining over the SLO window, one point per hour (7 d) or per 6 hours (30 d). */
  budgetChart: SloBudgetPoint[];
}

/** The runbook action an alert opens, parameters already filled from its labels. */
export interface SloAlertRunbook {
  action: string;
  title: string;
  params: Record<string, string | number | boolean>;
  /** Console path of the action's page with the parameters prefilled. */
  href: string;
  /** The action's entry in docs/runbook.md (its anchor), shown to everyone who sees the alert. */
  entry: string | null;
}

export interface SloAlertEventView {
  id: string;
  sloId: string;
  service: string;
  sloName: string;
  rule: BurnRateAlertRule['id'];
  severity: AlertSeverity;
  state: 'firing' | 'resolved';
  at: string;
  longBurnRate: number | null;
  shortBurnRate: number | null;
  budgetRemaining: number;
  runbook: SloAlertRunbook | null;
  delivery: { status: 'not_configured' | 'pending' | 'delivered' | 'failed'; attempts: number; lastError: string | null };
}

export interface SloAlertsPage {
  events: SloAlertEventView[];
  /** Pass as `before` for the next page (opaque: the last event's `at` and `id`); null on the last one. */
  nextBefore: string | null;
}

/** Alerts firing now (the on-call home card and the top of the Alerts page). */
export interface SloActiveAlert extends SloAlertEventView {
  firingSince: string;
}
