import type { TSloDefinition } from '@opsdesk/shared';
import { sliLabel } from '../slo/sloText';
import { isPlainObject } from '../../app/isPlainObject';

/** A runbook's parameters as "name: value" lines. */
const paramsText = (params: Record<string, unknown>) => Object.entries(params).map(([name, value]) => `${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`).join('\n');

/** An SLO's definition as fields of its own, in words: a changed objective is the row that lights up, not one JSON cell. */
export function sloSnapshotInWords(snapshot: Record<string, unknown>): Record<string, unknown> {
  const { definition, runbook, ...rest } = snapshot;
  const words: Record<string, unknown> = {};
  if (isPlainObject(definition) && isPlainObject(definition.sli)) {
    const d = definition as unknown as TSloDefinition;
    Object.assign(words, { name: `${d.service} / ${d.name}`, description: d.description || null, indicator: sliLabel(d.sli), objective: `${d.objectivePercent} % over ${d.windowDays} days`, minValidRequests: d.minValidRequests });
  } else if (definition !== undefined) words.definition = definition;
  if (isPlainObject(runbook) && typeof runbook.action === 'string') words.runbook = [runbook.action, isPlainObject(runbook.params) ? paramsText(runbook.params) : ''].filter(Boolean).join('\n');
  else if (runbook !== undefined) words.runbook = runbook;
  return { ...words, ...rest };
}

/** A runbook run's plan as its summary and numbered steps, its parameters as lines. */
export function runbookSnapshotInWords(snapshot: Record<string, unknown>): Record<string, unknown> {
  const { plan, params, ...rest } = snapshot;
  const words: Record<string, unknown> = { ...rest };
  if (isPlainObject(params)) words.params = Object.keys(params).length ? paramsText(params) : null;
  else if (params !== undefined) words.params = params;
  if (isPlainObject(plan) && typeof plan.summary === 'string') {
    const steps = Array.isArray(plan.steps) ? plan.steps.filter((step): step is string => typeof step === 'string') : [];
    words.plan = [plan.summary, ...steps.map((step, index) => `${index + 1}. ${step}`)].join('\n');
  } else if (plan !== undefined) words.plan = plan;
  return words;
}
