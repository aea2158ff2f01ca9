import { compileRuleset, type CompiledRuleset, type FlagDependency, type FlagRuleset, type FlagStrategy } from '@opsdesk/shared';
import type { Db } from '../../db/database.js';
import { findEnvironment, findSegments, findServedFlags } from './flags.queries.js';

/**
 * One environment's stored flags as the shared ruleset, in Unleash's client-API shape
 * (what `GET /api/client/features` serves and the evaluation API evaluates). Built in
 * one repeatable-read snapshot, so the revision it is tagged with is the state it holds.
 */

/** Strategies that bucket by group: Unleash's server fills `groupId` with the flag's name, and unleash-client relies on it. */
const GROUPED = new Set(['flexibleRollout', 'gradualRolloutUserId', 'gradualRolloutSessionId']);

export function servedStrategy(strategy: FlagStrategy, flagKey: string): FlagStrategy {
  const parameters = { ...strategy.parameters };
  if (GROUPED.has(strategy.name) && !parameters.groupId) parameters.groupId = flagKey;
  return { ...strategy, parameters, constraints: strategy.constraints ?? [], variants: strategy.variants ?? [] };
}

export interface ServedRuleset {
  environment: string;
  revision: string;
  document: FlagRuleset;
  compiled: CompiledRuleset;
  etag: string;
}

export async function buildRuleset(db: Db, environment: string): Promise<ServedRuleset | null> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const env = await findEnvironment(trx, environment);
      if (!env) return null;
      const [flags, segments] = await Promise.all([findServedFlags(trx, environment), findSegments(trx)]);
      const document: FlagRuleset = {
        version: 2,
        features: flags.map((flag) => ({
          name: flag.key,
          type: flag.type,
          description: flag.description,
          project: 'default',
          enabled: flag.enabled ?? false,
          stale: flag.stale,
          impressionData: false,
          createdAt: flag.createdAt.toISOString(),
          strategies: ((flag.strategies ?? []) as FlagStrategy[]).map((strategy) => servedStrategy(strategy, flag.key)),
          variants: (flag.variants ?? []) as FlagRuleset['features'][number]['variants'],
          // Served only when set, as Unleash does.
          ...((flag.dependencies as FlagDependency[]).length > 0 && { dependencies: flag.dependencies as FlagDependency[] }),
        })),
        segments: segments.map((segment) => ({
          id: segment.id,
          name: segment.name,
          description: segment.description,
          createdAt: segment.createdAt.toISOString(),
          constraints: segment.constraints as FlagRuleset['features'][number]['strategies'][number]['constraints'] & object,
        })),
      };
      return { environment, revision: env.revision, document, compiled: compileRuleset(document), etag: `"${environment}:${env.revision}"` };
    });
}

/**
 * The last ruleset built per environment, replaced when the environment's revision moves
 * (every change bumps it in the change's transaction), so a change is served on the next
 * request after it commits, by every server process, with no invalidation message.
 */
export function createRulesetCache(db: Db) {
  const cache = new Map<string, ServedRuleset>();
  const building = new Map<string, Promise<ServedRuleset | null>>();
  return async function rulesetFor(environment: string, revision: string): Promise<ServedRuleset | null> {
    const cached = cache.get(environment);
    if (cached && cached.revision === revision) return cached;
    // Concurrent requests after a change share one build (per revision seen).
    const buildKey = `${environment}:${revision}`;
    let pending = building.get(buildKey);
    if (!pending) {
      pending = buildRuleset(db, environment).finally(() => building.delete(buildKey));
      building.set(buildKey, pending);
    }
    const built = await pending;
    if (built && (!cache.get(environment) || BigInt(built.revision) >= BigInt(cache.get(environment)!.revision))) cache.set(environment, built);
    return built;
  };
}

export type RulesetCache = ReturnType<typeof createRulesetCache>;
