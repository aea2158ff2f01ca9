import { sql } from 'kysely';
import { ZSloDefinitionSchema, type TSloDefinition } from '@opsdesk/shared';
import type { Db } from '../db/database.js';
import { benchServiceName } from './sloBenchData.js';

/**
 * The SLO bench's SLOs: two per service, the seed's pair (availability 99.5 %, latency
 * 95 % within 300 ms), windows mixed: odd services keep availability over 7 days and
 * latency over 30, even ones the other way round.
 */
export function benchSlos(services: number): TSloDefinition[] {
  return Array.from({ length: services }, (_, i) => {
    const service = benchServiceName(i + 1);
    const odd = (i + 1) % 2 === 1;
    return [
      { service, name: 'availability', sli: { kind: 'availability' }, objectivePercent: 99.5, windowDays: odd ? 7 : 30, minValidRequests: 100 },
      { service, name: 'latency', sli: { kind: 'latency', thresholdMs: 300 }, objectivePercent: 95, windowDays: odd ? 30 : 7, minValidRequests: 100 },
    ];
  })
    .flat()
    .map((slo) => ZSloDefinitionSchema.parse(slo));
}

/** Stored as the console stores them (migration 0017: service and name beside the validated definition). */
export async function insertBenchSlos(db: Db, slos: readonly TSloDefinition[]): Promise<void> {
  for (const slo of slos) {
    await sql`insert into ops.slos (service, name, definition) values (${slo.service}, ${slo.name}, ${JSON.stringify(slo)}::jsonb)`.execute(db);
  }
}
