import { TRPCError } from '@trpc/server';
import { ZModerationAppealOpenRequestSchema } from '@opsdesk/shared';
import type { DbOrTrx, Trx } from '../../db/database.js';
import { openAppeal, type ProductIntake } from './moderationAppeals.service.js';
import { findPendingProductAppeals, insertProductAppealImport, lockProductAppeal, productAppealsTablePresent, type ProductAppealRow } from './moderationSyncAppeals.queries.js';

/** Shown as who entered the appeal (the appeals page, the event log). */
const PRODUCT_INTAKE: ProductIntake = { id: null, label: 'product appeal form' };

/** The staff form's own rules for what the product sends: a decision id, a user id, the statement. */
const ZProductAppealSchema = ZModerationAppealOpenRequestSchema.pick({ decisionId: true, appellantUserId: true, statement: true });

/** What the product is told, in words, when its appeal cannot be opened. */
function refusalOf(error: unknown): string | undefined {
  if (error instanceof TRPCError && ['BAD_REQUEST', 'NOT_FOUND', 'CONFLICT'].includes(error.code)) return error.message;
  // The deadline trigger (a decision whose 6 months ended between the check and the insert).
  if ((error as { code?: string }).code === '23514') return 'The appeal period of this decision has ended (6 months after it).';
  return undefined;
}

function validationRefusal(row: ProductAppealRow): string | undefined {
  const parsed = ZProductAppealSchema.safeParse({ decisionId: row.decisionRef, appellantUserId: row.appellantUserId, statement: row.statement });
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  if (issue.path[0] === 'decisionId') return 'The decision id is not a valid id.';
  if (issue.path[0] === 'appellantUserId') return 'The appellant user id is not a valid id.';
  // safeText's messages read as a predicate: "must not contain control characters".
  return issue.code === 'too_small' ? 'The statement is empty.' : `The statement ${issue.message}.`;
}

type ImportResult = 'opened' | 'refused' | 'skipped';

async function recordRefusal(db: DbOrTrx, row: ProductAppealRow, refusedReason: string): Promise<ImportResult> {
  return inTransaction(db, async (trx) => {
    if ((await lockProductAppeal(trx, row.id)).alreadyTaken) return 'skipped';
    // Text that failed the statement's own rules (control characters, bidi overrides) is not shown to staff.
    const statementPreview = ZProductAppealSchema.shape.statement.safeParse(row.statement).success ? row.statement : null;
    await insertProductAppealImport(trx, row, { refusedReason, statementPreview });
    return 'refused';
  });
}

const inTransaction = <T>(db: DbOrTrx, work: (trx: Trx) => Promise<T>): Promise<T> => (db.isTransaction ? work(db as Trx) : db.transaction().execute(work));

/**
 * One product appeal through the same `openAppeal` as staff entry (deadline, standing,
 * one per person and decision; the first decider is kept for the "someone else decides"
 * rule), in its own transaction; a refusal rolls it back and is recorded with why.
 */
async function importProductAppeal(db: DbOrTrx, row: ProductAppealRow): Promise<ImportResult> {
  const invalid = validationRefusal(row);
  if (invalid) return recordRefusal(db, row, invalid);
  try {
    return await inTransaction(db, async (trx) => {
      if ((await lockProductAppeal(trx, row.id)).alreadyTaken) return 'skipped';
      const opened = await openAppeal(trx, PRODUCT_INTAKE, { decisionId: row.decisionRef, appellantUserId: row.appellantUserId, statement: row.statement, channel: 'product' });
      await insertProductAppealImport(trx, row, { appealId: opened.appealId });
      return 'opened';
    });
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal === undefined || db.isTransaction) throw error;
    return recordRefusal(db, row, refusal);
  }
}

/**
 * Every open appeal in `app.moderation_appeals` not taken yet becomes an Opsdesk appeal or
 * a recorded refusal; a second run takes nothing. Anything else (the database away) stops
 * the run, and the job's retry or next run picks up where it stopped.
 */
export async function syncProductAppeals(db: DbOrTrx, options: { batch?: number; signal?: AbortSignal } = {}): Promise<{ opened: number; refused: number }> {
  const counts = { opened: 0, refused: 0 };
  // A product without an appeal form (docs/product-schema.md) has nothing to take.
  if (!(await productAppealsTablePresent(db))) return counts;
  const batch = options.batch ?? 100;
  for (;;) {
    options.signal?.throwIfAborted();
    const rows = await findPendingProductAppeals(db, batch);
    for (const row of rows) {
      const result = await importProductAppeal(db, row);
      if (result !== 'skipped') counts[result] += 1;
    }
    if (rows.length < batch) return counts;
  }
}
