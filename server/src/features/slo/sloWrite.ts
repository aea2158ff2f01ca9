import { TRPCError } from '@trpc/server';
import { SIGNAL_LATENCY_BOUNDS_MS, type SloSummary, type TSloWrite } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import type { AuditRecorder } from '../../trpc/auditMutations.js';
import { deleteSloStatus, findSloById, findSloByName, findSloSharingRulesId, insertSloIfNameFree, lockSloById, lockSloRulesId, updateSlo, type SloValues } from './slo.queries.js';
import type { SloRow } from './slo.table.js';
import { runbookLinkProblem } from './sloRunbooks.js';
import { PrometheusError } from '../signals/prometheus/prometheusClient.js';
import { declaredThresholdProblem, sloPrometheus } from './sloPrometheus.js';
import { sloId } from './sloRules.js';
import { isMeasurableThreshold } from './sloSli.js';
import { readDefinition, runbookOf, summaryView } from './sloViews.js';

/**
 * Creating and editing an SLO (audited by the base procedure, in its transaction, with
 * the reason). Both are idempotent: a create repeated with the same content answers the
 * SLO it made; an update writes the same values again. A service and name taken by
 * another SLO is a CONFLICT (the unique pair decides under concurrency too), and so is
 * one another SLO's rules id reads the same (checkout-api/latency beside checkout/api-latency).
 */
interface Actor {
  id: string;
}

/** A latency threshold must be a bucket bound of the histogram the SLO is evaluated from: Prometheus's for declared services, else the built-in one. */
async function thresholdProblem(definition: TSloWrite['definition']): Promise<string | null> {
  const prometheus = sloPrometheus();
  if (!prometheus?.services.has(definition.service)) {
    return isMeasurableThreshold(definition.sli) ? null : `The latency threshold must be one of the built-in histogram's bucket bounds: ${SIGNAL_LATENCY_BOUNDS_MS.join(', ')} ms.`;
  }
  try {
    return await declaredThresholdProblem(prometheus, definition);
  } catch (error) {
    if (!(error instanceof PrometheusError)) throw error;
    throw new TRPCError({ code: 'BAD_GATEWAY', message: `The latency threshold cannot be checked against ${definition.service}'s histogram: ${error.message}` });
  }
}

async function valuesOf(input: TSloWrite): Promise<SloValues> {
  const problem = (await thresholdProblem(input.definition)) ?? (input.runbook && runbookLinkProblem(input.runbook, { service: input.definition.service, slo: input.definition.name }));
  if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem });
  return {
    service: input.definition.service,
    name: input.definition.name,
    definitionJson: JSON.stringify(input.definition),
    runbookJson: input.runbook ? JSON.stringify(input.runbook) : null,
    notify: input.notify,
  };
}

/**
 * The part of an SLO a staff member writes, in a stable form: the audit's before/after and
 * the "same content" test. A stored definition that no longer reads is kept as stored, so
 * saving a valid one over it (the repair) works and audits what it replaced.
 */
function contentOf(row: Pick<SloRow, 'definition' | 'runbook' | 'notify'>) {
  const runbook = runbookOf(row);
  return { definition: readDefinition(row).definition ?? row.definition, runbook: runbook && { action: runbook.action, params: Object.fromEntries(Object.entries(runbook.params).sort(([a], [b]) => a.localeCompare(b))) }, notify: row.notify };
}
const sameContent = (a: Pick<SloRow, 'definition' | 'runbook' | 'notify'>, b: Pick<SloRow, 'definition' | 'runbook' | 'notify'>) => JSON.stringify(contentOf(a)) === JSON.stringify(contentOf(b));
const asRow = (values: SloValues) => ({ definition: JSON.parse(values.definitionJson) as unknown, runbook: values.runbookJson && (JSON.parse(values.runbookJson) as unknown), notify: values.notify });

/** The exported rules name an SLO `service-name`: a second SLO under the same string would break the whole export. */
async function assertRulesIdFree(trx: DbOrTrx, values: SloValues, exceptId: string | null): Promise<void> {
  const rulesId = sloId(values);
  await lockSloRulesId(trx, rulesId);
  const other = await findSloSharingRulesId(trx, values.service, values.name, exceptId);
  if (other) {
    throw new TRPCError({ code: 'CONFLICT', message: `${values.service}/${values.name} would be exported to Prometheus as ${rulesId}, like ${other.service}/${other.name}; choose another name.` });
  }
}

async function summaryOf(trx: DbOrTrx, id: string): Promise<SloSummary> {
  return summaryView((await findSloById(trx, id))!);
}

export async function createSlo(trx: DbOrTrx, audit: AuditRecorder, staff: Actor, input: TSloWrite): Promise<SloSummary> {
  const values = await valuesOf(input);
  await assertRulesIdFree(trx, values, null);
  const created = await insertSloIfNameFree(trx, values, staff.id);
  if (created) {
    audit.target('slo', created.id);
    audit.change(null, contentOf(created));
    return summaryOf(trx, created.id);
  }
  const existing = (await findSloByName(trx, values.service, values.name))!;
  if (!sameContent(existing, asRow(values))) {
    throw new TRPCError({ code: 'CONFLICT', message: `An SLO named ${values.service}/${values.name} already exists; edit that one or choose another name.` });
  }
  audit.target('slo', existing.id);
  audit.action('slo.create_repeated');
  return summaryOf(trx, existing.id);
}

export async function updateSloById(trx: DbOrTrx, audit: AuditRecorder, staff: Actor, input: TSloWrite & { id: string }): Promise<SloSummary> {
  const values = await valuesOf(input);
  const before = await lockSloById(trx, input.id);
  if (!before) throw new TRPCError({ code: 'NOT_FOUND', message: 'No SLO with that id.' });
  audit.target('slo', before.id);
  await assertRulesIdFree(trx, values, before.id);
  const holder = await findSloByName(trx, values.service, values.name);
  if (holder && holder.id !== before.id) {
    throw new TRPCError({ code: 'CONFLICT', message: `Another SLO is already named ${values.service}/${values.name}.` });
  }
  const after = await updateSlo(trx, before.id, values, staff.id);
  audit.change(contentOf(before), contentOf(after));
  if (JSON.stringify(contentOf(before).definition) !== JSON.stringify(contentOf(after).definition)) await deleteSloStatus(trx, before.id);
  return summaryOf(trx, before.id);
}
