import type { Role } from '@opsdesk/shared';
import type { Db } from '../../db/database.js';
import { insertAuditEntry } from '../audit/audit.queries.js';
import { hashPassword } from '../auth/password.js';
import { hasAnyStaff, insertStaff, lockDemoStaffSeed, toStaff } from './staff.queries.js';

/** Demo mode only: one account per role, all with the same well-known password. */
export const DEMO_PASSWORD = 'opsdesk-demo-password';
export const DEMO_STAFF: { email: string; name: string; roles: Role[] }[] = [
  { email: 'admin@opsdesk.test', name: 'Ada Admin', roles: ['admin'] },
  { email: 'support@opsdesk.test', name: 'Sam Support', roles: ['support'] },
  { email: 'moderator@opsdesk.test', name: 'Mo Moderator', roles: ['moderator'] },
  { email: 'finance@opsdesk.test', name: 'Fin Finance', roles: ['finance'] },
  { email: 'oncall@opsdesk.test', name: 'Otto On-call', roles: ['oncall'] },
  { email: 'privacy@opsdesk.test', name: 'Pia Privacy', roles: ['privacy'] },
];

/** Creates the demo accounts when there is no staff yet. Returns whether it did. */
export async function seedDemoStaff(db: Db): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await lockDemoStaffSeed(trx);
    if (await hasAnyStaff(trx)) return false;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const member of DEMO_STAFF) {
      const staff = toStaff(await insertStaff(trx, { ...member, passwordHash }));
      await insertAuditEntry(trx, {
        actor: null,
        action: 'staff.created',
        target: { type: 'staff', id: staff.id },
        reason: 'demo seed on first start',
        after: staff,
        result: 'success',
        request: { requestId: 'demo-seed', ip: null, userAgent: 'opsdesk-seed' },
      });
    }
    return true;
  });
}
