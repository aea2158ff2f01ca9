import { sql } from 'kysely';
import type { TPrivacySubject } from '@opsdesk/shared';
import type { DbOrTrx } from '../../../db/database.js';
import type { PrivacyRequestRow } from '../privacy.table.js';
import { resolveSubject } from '../requests/subjectResolution.queries.js';

/**
 * Whom an erasure covers: the product user, their Stripe customers, every address found
 * for them, and every request about them (so the audit keys of those requests are
 * shredded too). Resolved again when planning (the data may have changed since the
 * request was recorded), merged with what the request row itself names.
 */
export interface ErasureSubject {
  userId: string | null;
  customerIds: string[];
  emails: string[];
  requestIds: string[];
}

type RequestSubject = Pick<PrivacyRequestRow, 'id' | 'subjectKind' | 'subjectValue' | 'userId' | 'customerIds'>;

export async function resolveErasureSubject(db: DbOrTrx, request: RequestSubject): Promise<ErasureSubject & { label: string | null }> {
  const resolved = await resolveSubject(db, { kind: request.subjectKind, value: request.subjectValue } as TPrivacySubject);
  const userId = resolved.userId ?? request.userId;
  const customerIds = unique([...resolved.customerIds, ...request.customerIds]).sort();
  const emails = unique([...resolved.emails, ...(request.subjectKind === 'email' ? [request.subjectValue] : [])].map((email) => email.toLowerCase())).sort();
  const requestIds = await findRequestIdsOfSubject(db, { requestId: request.id, userId, customerIds, emails });
  return { userId, customerIds, emails, requestIds, label: resolved.label };
}

/** Every request naming the subject by any of its identifiers, this one included. */
async function findRequestIdsOfSubject(db: DbOrTrx, subject: { requestId: string; userId: string | null; customerIds: string[]; emails: string[] }): Promise<string[]> {
  const values = [...subject.emails, ...subject.customerIds, ...(subject.userId ? [subject.userId] : [])];
  const rows = await db
    .selectFrom('ops.privacyRequests')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('id', '=', subject.requestId),
        ...(subject.userId ? [eb('userId', '=', subject.userId)] : []),
        ...(subject.customerIds.length > 0 ? [eb(sql<string[]>`customer_ids`, '&&', sql<string[]>`${subject.customerIds}::text[]`)] : []),
        ...(values.length > 0 ? [eb(sql<string>`lower(subject_value)`, 'in', values.map((v) => v.toLowerCase()))] : []),
      ]),
    )
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

const unique = (values: string[]) => [...new Set(values)];
