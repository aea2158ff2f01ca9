import { once } from 'node:events';
import { InMemStorageProvider, Unleash, type Context } from 'unleash-client';
import { compileRuleset, getVariant, isEnabled } from '@opsdesk/shared';
import { BENCH_FLAG, benchContexts, benchRuleset } from './flagsBenchData.js';

/**
 * Part (a): local evaluations per second, the shared evaluator against npm unleash-client
 * (offline, bootstrapped with the same ruleset, docs/flags.md "Unleash compatibility"),
 * on the same contexts: one isEnabled and one getVariant of the rollout flag per context,
 * for a fixed wall time each, after a warm-up.
 */
const CONTEXTS = benchContexts(10_000);

function rate(durationMs: number, evaluate: (context: (typeof CONTEXTS)[number]) => unknown): number {
  for (const context of CONTEXTS) evaluate(context);
  let evaluations = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < durationMs) {
    for (const context of CONTEXTS) evaluate(context);
    evaluations += CONTEXTS.length * 2;
    elapsed = performance.now() - started;
  }
  return evaluations / (elapsed / 1000);
}

export async function measureLocalEvaluation(durationMs: number): Promise<{ opsdesk: number; unleash: number }> {
  const compiled = compileRuleset(benchRuleset);
  const opsdesk = rate(durationMs, (context) => (isEnabled(compiled, BENCH_FLAG, context), getVariant(compiled, BENCH_FLAG, context)));

  const client = new Unleash({
    appName: 'opsdesk-bench',
    url: 'http://offline.invalid/api/',
    refreshInterval: 0,
    disableMetrics: true,
    storageProvider: new InMemStorageProvider(),
    bootstrap: { data: benchRuleset.features as never },
    skipInstanceCountWarning: true,
  });
  client.on('error', () => {});
  client.on('warn', () => {});
  await once(client, 'ready');
  try {
    const unleash = rate(durationMs, (context) => (client.isEnabled(BENCH_FLAG, context as Context), client.getVariant(BENCH_FLAG, context as Context)));
    return { opsdesk, unleash };
  } finally {
    client.destroy();
  }
}
