export * from './flags.schemas.js';
export { STRATEGY_SEED, VARIANT_SEED, normalizedValue, strategyBucket, variantTarget, type RandomSource } from './bucketing.js';
export { resolveContextValue } from './context.js';
export { STRATEGY_NAMES, type StrategyName } from './strategies.js';
export { DISABLED_VARIANT_NAME, type FlagVariantResult } from './variants.js';
export { compileRuleset, isEnabled, getVariant, evaluateAll, type CompiledRuleset, type EvaluationOptions } from './evaluator.js';
export * from './targeting.js';
