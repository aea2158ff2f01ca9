/// <reference types="node" />
import { once } from 'node:events';
import fc from 'fast-check';
import { type Context, InMemStorageProvider, Unleash } from 'unleash-client';
import { afterEach, describe, expect, it } from 'vitest';
import { contextArb, FEATURE_NAMES, rulesetArb } from './flags.arbitraries.js';
import type { FlagContext, FlagRulesetInput } from './flags.schemas.js';
import { compileRuleset, getVariant, isEnabled } from './index.js';

/**
 * The evaluator agrees with npm `unleash-client` 6.12.1, run offline and bootstrapped with
 * the same ruleset (docs/flags.md, "Unleash compatibility"), on random rulesets and
 * contexts: every flag's isEnabled and variant.
 *
 * Random stickiness and gradualRolloutRandom draw from Math.random inside unleash-client;
 * for a run both sides get the same generated constant (the client through Math.random,
 * ours through `random`), so even those answers must agree, draw for draw.
 */

const APP = { appName: 'opsdesk-property', environment: 'default' };
const realRandom = Math.random;
afterEach(() => {
  Math.random = realRandom;
});

async function startOffline(ruleset: FlagRulesetInput): Promise<Unleash> {
  const unleash = new Unleash({
    ...APP,
    url: 'http://offline.invalid/api/',
    refreshInterval: 0,
    disableMetrics: true,
    storageProvider: new InMemStorageProvider(),
    bootstrap: { data: ruleset.features as never, segments: ruleset.segments as never },
    skipInstanceCountWarning: true,
  });
  unleash.on('error', () => {});
  unleash.on('warn', () => {});
  await once(unleash, 'ready');
  return unleash;
}

const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('agreement with unleash-client 6.12.1 (property)', () => {
  it('isEnabled and getVariant match on random rulesets and contexts', async () => {
    const seen = { evaluations: 0, on: 0, off: 0, strategyVariants: 0, featureVariants: 0 };
    await fc.assert(
      fc.asyncProperty(rulesetArb, fc.array(contextArb, { minLength: 1, maxLength: 6 }), fc.double({ min: 0, max: 0.999, noNaN: true }), async (ruleset, contexts, draw) => {
        const compiled = compileRuleset(ruleset);
        const unleash = await startOffline(ruleset);
        try {
          Math.random = () => draw;
          const options = { random: () => draw };
          for (const given of contexts) {
            // unleash-client adds its static context (appName, environment) to every call.
            const context: FlagContext = { ...APP, ...given };
            for (const name of [...FEATURE_NAMES, 'no-such-flag']) {
              expect(isEnabled(compiled, name, context, options), `isEnabled ${name} ${JSON.stringify(context)}`).toBe(unleash.isEnabled(name, given as Context));
              const { name: variant, enabled, feature_enabled, payload } = unleash.getVariant(name, given as Context);
              expect(plain(getVariant(compiled, name, context, options)), `getVariant ${name} ${JSON.stringify(context)}`).toEqual(
                plain({ name: variant, enabled, feature_enabled, featureEnabled: feature_enabled, payload }),
              );
              seen.evaluations += 2;
              seen[feature_enabled ? 'on' : 'off'] += 1;
              if (variant.startsWith('s')) seen.strategyVariants += 1;
              if (variant.startsWith('v')) seen.featureVariants += 1;
            }
          }
        } finally {
          Math.random = realRandom;
          unleash.destroy();
        }
      }),
      { numRuns: 200 },
    );
    // The generators reach both answers and both kinds of variant, not one degenerate case.
    expect(seen.evaluations).toBeGreaterThan(200 * 12);
    for (const count of [seen.on, seen.off, seen.strategyVariants, seen.featureVariants]) expect(count).toBeGreaterThan(seen.evaluations / 50);
    console.info('unleash-client agreement:', seen);
  });
});
