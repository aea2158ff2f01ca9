import { ZDsaStatementSchema, type TDsaStatement } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { findStatementsPage } from './moderationDsaExport.queries.js';

/**
 * The DSA export (docs/moderation.md, "DSA export"): stored statements of reasons in the
 * Commission's submission format. The Transparency Database's API takes several statements
 * in one request, `POST /api/v1/statements` with the body `{ "statements": [ … ] }`, at most
 * 100 per request (https://transparency.dsa.ec.europa.eu/page/api-documentation, "Multiple
 * Statements Creation"); each batch here is one such body. Every statement is validated
 * again against the enumerations written down in shared/src/moderation/dsaStatement.ts:
 * one that fails is reported with its PUID and left out, never sent half-valid.
 */
export const DSA_BATCH_MAX = 100;
const PAGE = 1000;

export interface DsaBatch {
  statements: TDsaStatement[];
}

export interface DsaInvalidStatement {
  puid: string;
  problems: string[];
}

/** Splits statements into request bodies of `size` (1–100) statements. */
export function toDsaBatches(statements: TDsaStatement[], size: number): DsaBatch[] {
  if (!Number.isInteger(size) || size < 1 || size > DSA_BATCH_MAX) throw new RangeError(`A batch holds 1–${DSA_BATCH_MAX} statements (got ${size}).`);
  const batches: DsaBatch[] = [];
  for (let i = 0; i < statements.length; i += size) batches.push({ statements: statements.slice(i, i + size) });
  return batches;
}

/**
 * Reads the window page by page and hands out full batches as they fill (`onBatch`), so
 * a year of decisions never sits in memory at once; returns the counts and the invalid ones.
 */
export async function exportDsaStatements(db: DbOrTrx, range: { from: Date; to: Date }, batchSize: number, onBatch: (batch: DsaBatch) => Promise<void> | void, pageSize = PAGE) {
  toDsaBatches([], batchSize);
  const invalid: DsaInvalidStatement[] = [];
  let pending: TDsaStatement[] = [];
  let exported = 0;
  let batches = 0;
  let after: { createdMicros: string; id: string } | null = null;
  for (;;) {
    const page = await findStatementsPage(db, range, after, pageSize);
    for (const row of page) {
      const parsed = ZDsaStatementSchema.safeParse(JSON.parse(row.statementJson));
      if (!parsed.success) {
        invalid.push({ puid: row.decisionId, problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'statement'}: ${issue.message}`) });
        continue;
      }
      pending.push(parsed.data);
      if (pending.length === batchSize) {
        await onBatch({ statements: pending });
        exported += pending.length;
        batches += 1;
        pending = [];
      }
    }
    if (page.length < pageSize) break;
    const last = page[page.length - 1]!;
    after = { createdMicros: last.createdMicros, id: last.decisionId };
  }
  if (pending.length > 0) {
    await onBatch({ statements: pending });
    exported += pending.length;
    batches += 1;
  }
  return { exported, batches, invalid };
}
