import { randomStickiness, variantTarget } from './bucketing.js';
import { resolveContextValue } from './context.js';
import type { EvaluationInput } from './constraints.js';
import type { FlagPayload, FlagVariant } from './flags.schemas.js';

/**
 * Variant choice, as unleash-client's `variant.js`: an override wins; otherwise the
 * sticky value is hashed (seed 86028157) to a target 1…totalWeight and the variants are
 * walked, adding weights, to the first whose running total reaches it.
 */

/** What `getVariant` answers: Unleash's shape (`feature_enabled`, and `featureEnabled` as unleash-client 6 adds). */
export interface FlagVariantResult {
  name: string;
  enabled: boolean;
  feature_enabled: boolean;
  featureEnabled: boolean;
  payload?: FlagPayload;
}

export const DISABLED_VARIANT_NAME = 'disabled';

export function disabledVariant(featureEnabled: boolean): FlagVariantResult {
  return { name: DISABLED_VARIANT_NAME, enabled: false, feature_enabled: featureEnabled, featureEnabled };
}

export interface VariantChooser {
  /** The chosen variant, or null when the weights add up to nothing. */
  choose(input: EvaluationInput): FlagVariant | null;
}

const DEFAULT_STICKY_FIELDS = ['userId', 'sessionId', 'remoteAddress'] as const;

function stickyValue(input: EvaluationInput, stickiness: string): string {
  const { context } = input;
  if (stickiness !== 'default') {
    return resolveContextValue(context, stickiness) || randomStickiness.variant(input.random);
  }
  for (const field of DEFAULT_STICKY_FIELDS) {
    const value = context[field];
    if (typeof value === 'string' && value !== '') return value;
  }
  return randomStickiness.variant(input.random);
}

/** `groupId`: the feature name for feature variants, the strategy's group for strategy variants. */
export function compileVariants(variants: readonly FlagVariant[], groupId: string, stickiness: string | undefined): VariantChooser {
  const totalWeight = variants.reduce((sum, variant) => sum + variant.weight, 0);
  if (totalWeight <= 0) return { choose: () => null };
  const sticky = stickiness || 'default';
  const overridden = variants
    .filter((variant) => variant.overrides && variant.overrides.length > 0)
    .map((variant) => ({ variant, overrides: variant.overrides!.map((o) => ({ contextName: o.contextName, values: new Set(o.values) })) }));
  const weighted = variants.filter((variant) => variant.weight > 0);
  return {
    choose(input) {
      for (const { variant, overrides } of overridden) {
        for (const override of overrides) {
          const value = resolveContextValue(input.context, override.contextName);
          if (value !== undefined && override.values.has(value)) return variant;
        }
      }
      const target = variantTarget(stickyValue(input, sticky), groupId, totalWeight);
      let counter = 0;
      for (const variant of weighted) {
        counter += variant.weight;
        if (counter >= target) return variant;
      }
      return null;
    },
  };
}
