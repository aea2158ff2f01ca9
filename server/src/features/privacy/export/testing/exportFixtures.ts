import type { TPrivacyRequestKind, TPrivacyRequestStatus } from '@opsdesk/shared';
import type { TestApp } from '../../../../testing/testApp.js';

/**
 * A privacy request row as the requests part leaves it after identity verification,
 * written directly: the export's tests start where that part ends.
 */
export async function insertPrivacyRequest(
  app: TestApp,
  request: { createdBy: string; userId: string | null; customerIds: string[]; email: string; kind?: TPrivacyRequestKind; status?: TPrivacyRequestStatus },
): Promise<string> {
  const dueOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const status = request.status ?? 'verified';
  const row = await app.db
    .insertInto('ops.privacyRequests')
    .values({
      kind: request.kind ?? 'access',
      status,
      subjectKind: 'email',
      subjectValue: request.email,
      subjectLabel: request.email,
      userId: request.userId,
      customerIds: request.customerIds,
      channel: 'email',
      receivedAt: new Date(),
      originalDueOn: dueOn,
      dueOn,
      createdBy: request.createdBy,
      ...(status === 'on_hold' && { holdReason: 'Litigation hold', heldAt: new Date(), heldBy: request.createdBy, statusBeforeHold: 'verified' as const }),
      ...(status !== 'received' && { verificationMethod: 'email_confirmation' as const, verificationNote: 'Replied from the address', verifiedAt: new Date(), verifiedBy: request.createdBy }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
