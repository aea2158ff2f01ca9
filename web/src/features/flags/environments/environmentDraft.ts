import type { FlagVariant } from '@opsdesk/shared/flags/flags.schemas';
import type { TFlagEnvironmentRules } from '@opsdesk/shared/flags/flagsApi.schemas';
import { formToStrategy, strategyFormProblems, strategyToForm, type TStrategyForm } from './strategyForm';

/**
 * One environment's rules while they are edited: on/off, the ordered strategy forms and
 * the variants. `draftToRules` gives exactly what `setEnvironment`, the impact preview,
 * a change request and a schedule send, so all four describe the same change.
 */
export const PAYLOAD_TYPES = ['string', 'json', 'csv', 'number'] as const;
export const VARIANT_WEIGHT_TOTAL = 1000;

export interface TVariantForm {
  name: string;
  /** Per mille, as Unleash stores it (1000 = 100 %). */
  weight: number;
  /** '' when not set: the flag's default stickiness. */
  stickiness: string;
  /** '' for no payload. */
  payloadType: '' | (typeof PAYLOAD_TYPES)[number];
  payloadValue: string;
  /** The variant as loaded (overrides are kept from it). */
  original: FlagVariant | null;
}

export interface TEnvironmentDraft {
  enabled: boolean;
  strategies: TStrategyForm[];
  variants: TVariantForm[];
}

export function draftFromRules(rules: TFlagEnvironmentRules, flagKey: string): TEnvironmentDraft {
  return {
    enabled: rules.enabled,
    strategies: rules.strategies.map((s) => strategyToForm(s, flagKey)),
    variants: rules.variants.map(variantToForm),
  };
}

function variantToForm(variant: FlagVariant): TVariantForm {
  const type = variant.payload?.type;
  return {
    name: variant.name,
    weight: variant.weight,
    stickiness: variant.stickiness ?? '',
    payloadType: (PAYLOAD_TYPES as readonly string[]).includes(type ?? '') ? (type as TVariantForm['payloadType']) : '',
    payloadValue: variant.payload?.value ?? '',
    original: variant,
  };
}

function formToVariant(form: TVariantForm): FlagVariant {
  const { payload: _payload, stickiness: _stickiness, ...kept } = form.original ?? { name: form.name, weight: form.weight };
  return {
    ...kept,
    name: form.name.trim(),
    weight: form.weight,
    ...(form.original ? {} : { weightType: 'variable' as const }),
    ...(form.stickiness ? { stickiness: form.stickiness } : {}),
    ...(form.payloadType ? { payload: { type: form.payloadType, value: form.payloadValue } } : {}),
  };
}

export function newVariantForm(name: string): TVariantForm {
  return { name, weight: 0, stickiness: '', payloadType: '', payloadValue: '', original: null };
}

/** Even weights adding up to exactly 1000 (the first ones take the remainder). */
export function evenWeights(count: number): number[] {
  const base = Math.floor(VARIANT_WEIGHT_TOTAL / count);
  return Array.from({ length: count }, (_, i) => base + (i < VARIANT_WEIGHT_TOTAL - base * count ? 1 : 0));
}

export function draftToRules(draft: TEnvironmentDraft): TFlagEnvironmentRules {
  return { enabled: draft.enabled, strategies: draft.strategies.map(formToStrategy), variants: draft.variants.map(formToVariant) };
}

export function variantProblems(variants: readonly TVariantForm[]): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  variants.forEach((v, index) => {
    const name = v.name.trim();
    if (!name) problems.push(`Variant ${index + 1}: enter a name.`);
    else if (names.has(name)) problems.push(`Two variants are named "${name}".`);
    names.add(name);
    if (!Number.isInteger(v.weight) || v.weight < 0 || v.weight > VARIANT_WEIGHT_TOTAL) problems.push(`Variant ${index + 1}: the weight must be from 0 to 100 %.`);
    if (v.payloadType === 'json' && !isJson(v.payloadValue)) problems.push(`Variant ${index + 1}: the payload is not valid JSON.`);
    if (v.payloadType === 'number' && (v.payloadValue.trim() === '' || Number.isNaN(Number(v.payloadValue)))) problems.push(`Variant ${index + 1}: the payload is not a number.`);
  });
  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  if (variants.length > 0 && total !== VARIANT_WEIGHT_TOTAL) problems.push(`The weights add up to ${total / 10} %; they must add up to 100 %.`);
  return problems;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function draftProblems(draft: TEnvironmentDraft): string[] {
  const strategyProblems = draft.strategies.flatMap((s, index) => strategyFormProblems(s).map((problem) => `Strategy ${index + 1}: ${problem}`));
  return [...strategyProblems, ...variantProblems(draft.variants)];
}

/** The list with the item at `index` moved by `delta` places (unchanged at either end). */
export function moveItem<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (target < 0 || target >= list.length) return [...list];
  const next = [...list];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

/** Compared as what would be saved, so reordering back or retyping the same value is "unchanged". */
export function sameRules(a: TFlagEnvironmentRules, b: TFlagEnvironmentRules): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
