import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { DEFAULT_SLOS } from '../features/slo/defaultSlos.js';
import { opsdeskSloRulesYaml } from '../features/slo/sloRulesExport.js';

/**
 * `npm run slo:rules [-- --out FILE]`: Prometheus recording and alerting rules for every
 * SLO (Sloth's shape), printed or written to FILE, for a company that runs the same
 * burn-rate alerts in its own Prometheus and Alertmanager (docs/observability.md).
 * Needs no database: the SLOs are the seed's two until they are defined in the console.
 */
const options = new Command('slo:rules')
  .description('Prometheus rules (recording + burn-rate alerts) for every SLO')
  .option('--out <file>', 'write the rules to this file instead of printing them')
  .parse()
  .opts<{ out?: string }>();

try {
  const rules = opsdeskSloRulesYaml(DEFAULT_SLOS);
  if (options.out) {
    writeFileSync(options.out, rules);
    console.error(`Wrote the rules of ${DEFAULT_SLOS.length} SLO(s) to ${options.out}.`);
  } else {
    process.stdout.write(rules);
  }
} catch (error) {
  console.error(`slo:rules failed: ${(error as Error).message}`);
  process.exit(1);
}
