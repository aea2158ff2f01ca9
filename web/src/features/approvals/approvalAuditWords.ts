import { rulesInWords } from '../flags/changes/ruleWords';
import { toFacts, type Fact } from '../customers/actions/previewFormat';
import { actionLabel } from './approvalTypes';
import { isPlainObject } from '../../app/isPlainObject';

const isRules = (value: unknown): value is Parameters<typeof rulesInWords>[0] => isPlainObject(value) && typeof value.enabled === 'boolean' && Array.isArray(value.strategies) && Array.isArray(value.variants);

/**
 * An `approval.*` audit snapshot as the approval page reads it: the action by name
 * ("Refund", "Flag change") and the preview the requester saw as lines of "Label: value",
 * money as money, a flag's rules in words (the entry showed the preview's JSON, in cents).
 */
export function approvalSnapshotInWords(snapshot: Record<string, unknown>): Record<string, unknown> {
  const { preview, action, ...rest } = snapshot;
  const words: Record<string, unknown> = { ...rest };
  if (typeof action === 'string') words.action = actionLabel(action);
  if (isPlainObject(preview)) words.whatTheRequesterSaw = factsText(toFacts(withRulesInWords(preview))).join('\n');
  else if (preview !== undefined) words.preview = preview;
  return words;
}

function withRulesInWords(preview: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(preview).map(([key, value]) => [key, isRules(value) ? rulesInWords(value).join('; ') : value]));
}

function factsText(facts: readonly Fact[], indent = ''): string[] {
  return facts.flatMap((fact) => {
    if (fact.kind === 'text') return [`${indent}${fact.label}: ${fact.text}`];
    if (fact.kind === 'lines') return [`${indent}${fact.label}:`, ...fact.lines.map((line) => `${indent}  ${line.description} ${line.amount}`)];
    return [`${indent}${fact.label}:`, ...factsText(fact.facts, `${indent}  `)];
  });
}
