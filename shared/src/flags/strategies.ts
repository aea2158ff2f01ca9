import { parseAddress4 } from './addresses.js';
import { randomStickiness, strategyBucket } from './bucketing.js';
import { compileConstraints, type ConstraintPredicate, type EvaluationInput } from './constraints.js';
import { resolveContextValue } from './context.js';
import type { FlagConstraint, FlagStrategy } from './flags.schemas.js';
import { compileVariants, type VariantChooser } from './variants.js';

/**
 * Unleash's built-in activation strategies, each compiled from its parameters once. A
 * strategy name Opsdesk does not know (a custom strategy, or `applicationHostname`,
 * which needs the host's name) is never active, as in unleash-client without it.
 */

type Parameters = Record<string, string>;
type Activation = (input: EvaluationInput) => boolean;

export const STRATEGY_NAMES = [
  'default',
  'userWithId',
  'flexibleRollout',
  'gradualRolloutUserId',
  'gradualRolloutSessionId',
  'gradualRolloutRandom',
  'remoteAddress',
] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

const listParameter = (text: string | undefined) => (text ? text.split(/\s*,\s*/) : []);

function rollout(percentage: number, id: string, groupId: string): boolean {
  return percentage > 0 && strategyBucket(id, groupId) <= percentage;
}

function userWithId(parameters: Parameters): Activation {
  const userIds = new Set(listParameter(parameters.userIds));
  return ({ context }) => context.userId !== undefined && userIds.has(context.userId);
}

function gradualRolloutBy(field: 'userId' | 'sessionId') {
  return (parameters: Parameters): Activation => {
    const percentage = Number(parameters.percentage);
    const groupId = parameters.groupId || '';
    return ({ context }) => {
      const id = context[field];
      return !!id && rollout(percentage, id, groupId);
    };
  };
}

function gradualRolloutRandom(parameters: Parameters): Activation {
  const percentage = Number(parameters.percentage);
  return ({ random }) => percentage >= randomStickiness.percentage(random);
}

/** `groupId` defaults to the feature name (Unleash's rule; the Unleash server always sends one). */
function flexibleRollout(parameters: Parameters, featureName: string): Activation {
  const groupId = parameters.groupId || featureName;
  const percentage = Number(parameters.rollout);
  const stickiness = parameters.stickiness || 'default';
  const stickyId: (input: EvaluationInput) => string | undefined =
    stickiness === 'default'
      ? ({ context, random }) => context.userId || context.sessionId || randomStickiness.rollout(random)
      : stickiness === 'random'
        ? ({ random }) => randomStickiness.rollout(random)
        : ({ context }) => resolveContextValue(context, stickiness);
  return (input) => {
    const id = stickyId(input);
    return !!id && rollout(percentage, id, groupId);
  };
}

/** IPv4 addresses and CIDR ranges, comma-separated (IPv6 only by exact text, as unleash-client). */
function remoteAddress(parameters: Parameters): Activation {
  if (!parameters.IPs) return () => false;
  const ranges = parameters.IPs.split(/\s*,\s*/).map((text) => ({ text, subnet: parseAddress4(text) }));
  return ({ context }) => {
    const text = context.remoteAddress;
    const address = text ? parseAddress4(text) : null;
    return ranges.some((range) => range.text === text || (address !== null && range.subnet !== null && address.isInSubnet(range.subnet)));
  };
}

const ACTIVATIONS: Record<StrategyName, (parameters: Parameters, featureName: string) => Activation> = {
  default: () => () => true,
  userWithId,
  flexibleRollout,
  gradualRolloutUserId: gradualRolloutBy('userId'),
  gradualRolloutSessionId: gradualRolloutBy('sessionId'),
  gradualRolloutRandom,
  remoteAddress,
};

export interface CompiledStrategy {
  /** Constraints (its own, then its segments') and the activation both hold. */
  isActive: (input: EvaluationInput) => boolean;
  /** Strategy variants, when it has any. */
  variants: VariantChooser | null;
}

/** `constraints`: the strategy's own followed by its segments' (an unknown segment as `undefined`, never met). */
export function compileStrategy(strategy: FlagStrategy, featureName: string, constraints: readonly (FlagConstraint | undefined)[]): CompiledStrategy {
  const build = Object.hasOwn(ACTIVATIONS, strategy.name) ? ACTIVATIONS[strategy.name as StrategyName] : undefined;
  if (!build) return { isActive: () => false, variants: null };
  const parameters = strategy.parameters ?? {};
  const activation = build(parameters, featureName);
  const constraintsHold: ConstraintPredicate = compileConstraints(constraints);
  const variants = strategy.variants ?? [];
  return {
    isActive: (input) => constraintsHold(input) && activation(input),
    variants:
      variants.length > 0 ? compileVariants(variants, parameters.groupId || featureName, variants[0]!.stickiness || parameters.stickiness) : null,
  };
}
