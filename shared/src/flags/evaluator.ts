import type { EvaluationInput } from './constraints.js';
import { ZFlagRulesetSchema, type FlagContext, type FlagDependency, type FlagFeature, type FlagPayload, type FlagRulesetInput, type FlagSegment } from './flags.schemas.js';
import { compileStrategy, type CompiledStrategy } from './strategies.js';
import { compileVariants, disabledVariant, type FlagVariantResult, type VariantChooser } from './variants.js';

/**
 * The flag evaluator: `compileRuleset` parses a ruleset once (zod), resolves segments into
 * each strategy's constraints and precompiles regexes, CIDR ranges and versions; then
 * `isEnabled` and `getVariant` answer as unleash-client's `client.js` does (dependencies
 * first, then the first active strategy, then variants). Pure: no I/O, runs in browsers.
 */

interface CompiledFeature {
  name: string;
  enabled: boolean;
  strategies: CompiledStrategy[];
  /** Every strategy was disabled: the flag is off (not "on for all", as an empty list is). */
  allStrategiesDisabled: boolean;
  variants: VariantChooser | null;
  dependencies: readonly FlagDependency[];
}

export interface CompiledRuleset {
  readonly kind: 'compiledFlagRuleset';
  readonly features: ReadonlyMap<string, CompiledFeature>;
  readonly featureNames: readonly string[];
}

export interface EvaluationOptions {
  /** In [0, 1); for `random` stickiness and gradualRolloutRandom. Default Math.random. */
  random?: () => number;
  /** For `DATE_*` constraints when the context has no `currentTime`. Default: the clock. */
  now?: () => Date;
}

function compileFeature(feature: FlagFeature, segments: ReadonlyMap<number, FlagSegment>): CompiledFeature {
  const active = feature.strategies.filter((strategy) => strategy.disabled !== true);
  const strategies = active.map((strategy) => {
    const segmentConstraints = (strategy.segments ?? []).flatMap((id) => {
      const segment = segments.get(id);
      return segment ? segment.constraints : [undefined];
    });
    return compileStrategy(strategy, feature.name, [...(strategy.constraints ?? []), ...segmentConstraints]);
  });
  const variants = feature.variants ?? [];
  return {
    name: feature.name,
    enabled: feature.enabled,
    strategies,
    allStrategiesDisabled: feature.strategies.length > 0 && active.length === 0,
    variants: variants.length > 0 ? compileVariants(variants, feature.name, variants[0]!.stickiness) : null,
    dependencies: feature.dependencies ?? [],
  };
}

/** Parse (throws a ZodError on an invalid ruleset) and compile. */
export function compileRuleset(input: FlagRulesetInput | unknown): CompiledRuleset {
  const ruleset = ZFlagRulesetSchema.parse(input);
  const segments = new Map((ruleset.segments ?? []).map((segment) => [segment.id, segment]));
  const features = new Map(ruleset.features.map((feature) => [feature.name, compileFeature(feature, segments)]));
  return { kind: 'compiledFlagRuleset', features, featureNames: [...features.keys()] };
}

/** Documents passed uncompiled are compiled once per object: treat them as immutable. */
const compiledCache = new WeakMap<object, CompiledRuleset>();

function compiled(ruleset: CompiledRuleset | FlagRulesetInput): CompiledRuleset {
  if ((ruleset as CompiledRuleset).kind === 'compiledFlagRuleset') return ruleset as CompiledRuleset;
  let found = compiledCache.get(ruleset);
  if (!found) {
    found = compileRuleset(ruleset);
    compiledCache.set(ruleset, found);
  }
  return found;
}

interface FeatureResult {
  enabled: boolean;
  variant?: { name: string; payload?: FlagPayload | undefined };
}

class Evaluation {
  readonly input: EvaluationInput;
  constructor(
    private readonly ruleset: CompiledRuleset,
    context: FlagContext,
    options: EvaluationOptions,
  ) {
    this.input = { context, random: options.random ?? Math.random, now: options.now ?? (() => new Date()) };
  }

  /** Only one level: a parent that itself has parents is never satisfied (Unleash's rule). */
  private parentsSatisfied(feature: CompiledFeature): boolean {
    return feature.dependencies.every((parent) => {
      const parentFeature = this.ruleset.features.get(parent.feature);
      if (!parentFeature || parentFeature.dependencies.length > 0) return false;
      if (parent.enabled === false) return !this.featureResult(parentFeature).enabled;
      if (parent.variants?.length) {
        const variant = this.variant(parentFeature);
        return variant.feature_enabled && parent.variants.includes(variant.name);
      }
      return this.featureResult(parentFeature).enabled;
    });
  }

  featureResult(feature: CompiledFeature): FeatureResult {
    if (!feature.enabled || feature.allStrategiesDisabled || !this.parentsSatisfied(feature)) return { enabled: false };
    if (feature.strategies.length === 0) return { enabled: true };
    for (const strategy of feature.strategies) {
      if (!strategy.isActive(this.input)) continue;
      const chosen = strategy.variants?.choose(this.input);
      return chosen ? { enabled: true, variant: { name: chosen.name, payload: chosen.payload } } : { enabled: true };
    }
    return { enabled: false };
  }

  variant(feature: CompiledFeature): FlagVariantResult {
    const result = this.featureResult(feature);
    if (!result.enabled) return disabledVariant(false);
    const chosen = result.variant ?? feature.variants?.choose(this.input);
    if (!chosen) return disabledVariant(true);
    return {
      name: chosen.name,
      enabled: true,
      feature_enabled: true,
      featureEnabled: true,
      ...(chosen.payload ? { payload: chosen.payload } : {}),
    };
  }
}

/** Whether `featureName` is on for `context`; an unknown flag is `fallback` (false). */
export function isEnabled(
  ruleset: CompiledRuleset | FlagRulesetInput,
  featureName: string,
  context: FlagContext = {},
  options: EvaluationOptions & { fallback?: boolean } = {},
): boolean {
  const rules = compiled(ruleset);
  const feature = rules.features.get(featureName);
  if (!feature) return options.fallback ?? false;
  return new Evaluation(rules, context, options).featureResult(feature).enabled;
}

/** The variant `context` gets: a strategy's variant, else the feature's, else `disabled`. */
export function getVariant(
  ruleset: CompiledRuleset | FlagRulesetInput,
  featureName: string,
  context: FlagContext = {},
  options: EvaluationOptions = {},
): FlagVariantResult {
  const rules = compiled(ruleset);
  const feature = rules.features.get(featureName);
  if (!feature) return disabledVariant(false);
  return new Evaluation(rules, context, options).variant(feature);
}

/** Every flag's answer for one context (the evaluation API's "all flags"). */
export function evaluateAll(
  ruleset: CompiledRuleset | FlagRulesetInput,
  context: FlagContext = {},
  options: EvaluationOptions = {},
): { name: string; enabled: boolean; variant: FlagVariantResult }[] {
  const rules = compiled(ruleset);
  const evaluation = new Evaluation(rules, context, options);
  return rules.featureNames.map((name) => {
    const variant = evaluation.variant(rules.features.get(name)!);
    return { name, enabled: variant.feature_enabled, variant };
  });
}
