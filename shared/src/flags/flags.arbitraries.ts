import fc from 'fast-check';
import { FLAG_OPERATORS, type FlagConstraint, type FlagContext, type FlagFeature, type FlagRulesetInput, type FlagSegment, type FlagStrategy, type FlagVariant } from './flags.schemas.js';

/**
 * Random rulesets and contexts for the property tests (and the bench). Values come from
 * small shared pools, so constraints and ids hit as often as they miss, and the awkward
 * cases (padding, empty strings, invalid versions, regexes and CIDRs, non-ASCII ids)
 * turn up in most runs.
 */

const USER_IDS = ['u1', 'u2', 'U1', 'user-42', 'ünï-7', '123', ''];
const SESSION_IDS = ['s1', 's2', 'sess-99', ''];
const ADDRESSES = ['10.0.0.1', '10.1.2.3', '192.168.1.20', '127.0.0.1', '::1', '2001:db8::5', 'not-an-ip', ''];
/** Each field's values, so constraints on a field meet the values contexts carry. */
const FIELD_VALUES: Record<string, string[]> = {
  userId: USER_IDS,
  sessionId: SESSION_IDS,
  remoteAddress: ADDRESSES,
  appName: ['opsdesk-property', 'Opsdesk-Property', 'other'],
  environment: ['default', 'production'],
  plan: ['pro', 'Pro', ' pro ', 'free', 'PRO-annual', ''],
  country: ['NO', 'no', 'SE', 'se', ''],
  version: ['1.2.3', '1.2.3-rc.1', '2.0.0-beta.1', 'v1.2.3', '10.0.0', ' 1.2.3', 'not-semver'],
  score: ['5', '10.5', '-3', '0', '1e3', 'abc', ''],
  customField: ['x', 'X', 'y'],
};
const FIELDS = Object.keys(FIELD_VALUES);
const OPERATOR_VALUES: Record<string, string[]> = {
  REGEX: ['^p', 'ro$', '(?i)PRO', '[invalid', 'u\\d', '.*', '^1\\.2', 'ü'],
  IN_CIDR: ['10.0.0.0/8', '192.168.1.0/24', '10.0.0.1', '::1', '2001:db8::/32', '300.1.1.1', ''],
  DATE_AFTER: ['2019-06-01T00:00:00Z', '2030-01-01T00:00:00.000Z', 'not-a-date'],
  DATE_BEFORE: ['2019-06-01T00:00:00Z', '2030-01-01T00:00:00.000Z', 'not-a-date'],
};
const VALUES = [...new Set([...Object.values(FIELD_VALUES).flat(), ...Object.values(OPERATOR_VALUES).flat()])];
const OPERATORS = [...FLAG_OPERATORS, 'NOT_A_VALID_OPERATOR'];
const PERCENTAGES = ['0', '1', '33', '50', '99', '100', 'abc'];
const STICKINESS = ['default', 'userId', 'sessionId', 'random', 'plan', 'customField'];

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Mostly values of the field (or of the operator's kind), sometimes anything. */
const valuesFor = (field: string, operator: string) => {
  const pool = OPERATOR_VALUES[operator] ?? FIELD_VALUES[field] ?? VALUES;
  return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: fc.constantFrom(...VALUES) });
};

export const constraintArb: fc.Arbitrary<FlagConstraint> = fc
  .tuple(fc.constantFrom(...FIELDS, 'currentTime'), fc.constantFrom(...OPERATORS))
  .chain(([contextName, operator]) =>
    fc.record({
      contextName: fc.constant(contextName),
      operator: fc.constant(operator),
      values: fc.array(valuesFor(contextName, operator), { maxLength: 4 }),
      value: valuesFor(contextName, operator),
      inverted: fc.boolean(),
      caseInsensitive: fc.boolean(),
    }),
  );

const payloadArb = fc.record({ type: fc.constantFrom('string', 'json', 'number'), value: fc.constantFrom('on', '{"a":1}', '42', '') });

const variantArb = (names: string[], withOverrides: boolean): fc.Arbitrary<FlagVariant> =>
  fc.record(
    {
      name: fc.constantFrom(...names),
      weight: fc.constantFrom(0, 1, 33, 100, 500, 1000),
      stickiness: fc.constantFrom('default', 'userId', 'sessionId', 'plan'),
      payload: payloadArb,
      overrides: withOverrides
        ? fc.array(fc.record({ contextName: fc.constantFrom('userId', 'plan', 'country'), values: fc.array(fc.constantFrom(...VALUES), { maxLength: 3 }) }), { maxLength: 2 })
        : fc.constant(undefined),
    },
    { requiredKeys: ['name', 'weight'] },
  ) as fc.Arbitrary<FlagVariant>;

const parametersArb = (name: string): fc.Arbitrary<Record<string, string>> => {
  // Every strategy gets a groupId, as the Unleash server sends (unleash-client has no feature-name default).
  const groupId = fc.constantFrom('g1', 'checkout', 'feature-x');
  switch (name) {
    case 'userWithId':
      return fc.record({ userIds: fc.constantFrom('u1', 'u1,u2', 'u2, user-42 ,ünï-7', ''), groupId });
    case 'flexibleRollout':
      return fc.record({ rollout: fc.constantFrom(...PERCENTAGES), stickiness: fc.constantFrom(...STICKINESS), groupId });
    case 'gradualRolloutUserId':
    case 'gradualRolloutSessionId':
    case 'gradualRolloutRandom':
      return fc.record({ percentage: fc.constantFrom(...PERCENTAGES), groupId });
    case 'remoteAddress':
      return fc.record({ IPs: fc.constantFrom('10.0.0.1', '10.0.0.0/8, 192.168.1.20', '127.0.0.1,::1', 'garbage'), groupId });
    default:
      return fc.record({ groupId });
  }
};

const STRATEGIES = ['default', 'default', 'userWithId', 'flexibleRollout', 'gradualRolloutUserId', 'gradualRolloutSessionId', 'gradualRolloutRandom', 'remoteAddress', 'customStrategy'];

const strategyArb: fc.Arbitrary<FlagStrategy> = fc.constantFrom(...STRATEGIES).chain((name) =>
  fc.record({
    name: fc.constant(name),
    parameters: parametersArb(name),
    // Mostly none: each random constraint fails more often than it holds.
    constraints: fc.oneof({ weight: 3, arbitrary: fc.constant<never[]>([]) }, { weight: 2, arbitrary: fc.array(constraintArb, { minLength: 1, maxLength: 3 }) }),
    segments: fc.oneof({ weight: 4, arbitrary: fc.constant<never[]>([]) }, { weight: 1, arbitrary: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 2 }) }),
    variants: fc.array(variantArb(['sa', 'sb', 'sc'], false), { maxLength: 3 }),
  }),
);

const featureArb = (name: string, others: string[]): fc.Arbitrary<FlagFeature> =>
  fc.record(
    {
      name: fc.constant(name),
      enabled: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      strategies: fc.array(strategyArb, { maxLength: 3 }),
      variants: fc.array(variantArb(['va', 'vb', 'vc'], true), { maxLength: 3 }),
      dependencies: fc.array(
        fc.record(
          { feature: fc.constantFrom(...others, 'missing-flag'), enabled: fc.boolean(), variants: fc.array(fc.constantFrom('va', 'vb', 'sa', 'disabled'), { minLength: 1, maxLength: 2 }) },
          { requiredKeys: ['feature'] },
        ),
        { maxLength: 1 },
      ),
    },
    { requiredKeys: ['name', 'enabled', 'strategies'] },
  ) as fc.Arbitrary<FlagFeature>;

export const FEATURE_NAMES = ['f0', 'f1', 'f2', 'ünicode-f3', 'f4'];

const segmentArb = (id: number): fc.Arbitrary<FlagSegment> =>
  fc.record({ id: fc.constant(id), constraints: fc.array(constraintArb, { maxLength: 2 }) }) as fc.Arbitrary<FlagSegment>;

export const rulesetArb: fc.Arbitrary<FlagRulesetInput> = fc.record({
  version: fc.constant(2),
  features: fc.tuple(...FEATURE_NAMES.map((name) => featureArb(name, FEATURE_NAMES.filter((other) => other !== name)))),
  // Segment 4 never exists: a strategy using it is never active.
  segments: fc.subarray([1, 2, 3]).chain((ids) => fc.tuple(...ids.map(segmentArb))),
});

const propertyValue = (field: string) => fc.option(fc.constantFrom(...FIELD_VALUES[field]!), { nil: undefined, freq: 4 });

export const contextArb: fc.Arbitrary<FlagContext> = fc.record(
  {
    userId: maybe(fc.constantFrom(...USER_IDS)),
    sessionId: maybe(fc.constantFrom(...SESSION_IDS)),
    remoteAddress: maybe(fc.constantFrom(...ADDRESSES)),
    currentTime: maybe(fc.constantFrom('2019-01-01T00:00:00Z', '2031-06-01T00:00:00.000Z', 'garbage')),
    properties: fc.record({ plan: propertyValue('plan'), country: propertyValue('country'), version: propertyValue('version'), score: propertyValue('score'), customField: propertyValue('customField') }),
  },
  { requiredKeys: [] },
);
