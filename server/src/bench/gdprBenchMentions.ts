import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { ErasureSubject } from '../features/privacy/dataMap/dataMap.types.js';
import { findMentionsElsewhere } from '../features/privacy/erasure/erasureMentions.js';
import { percentiles, type Latency } from './benchStats.js';

/**
 * The erasure plan's "Mentions elsewhere" at scale (docs/gdpr.md): staff free text on
 * other people's records, of which a few quote the subject, searched through the
 * trigram indexes of migration 0034 — and, in the same run on the same rows, the way it
 * was before them (bitmap scans off: PostgreSQL can then only read every text), for the
 * ratio. Both must find the same mentions.
 */
export async function generateStaffTexts(db: Db, options: { texts: number; staffId: string; subjectEmail: string; quoting: number }): Promise<void> {
  // About 400 characters each, different in every row (two hashes), on other people's records; every `quoting`th one names the subject's address in capitals.
  const body = sql`'Called about invoice ' || md5(g::text) || ', refund of ' || (g % 500) || ' EUR promised by ' || md5((g * 7)::text)
    || '. Customer said the export failed twice and asked us to check the workspace settings, the seat count and the last three payments again before Friday; '
    || 'follow up with billing and engineering if the charge is still pending. '
    || case when g % ${options.quoting} = 0 then 'Mentioned ' || upper(${options.subjectEmail}) || ' as the other contact.' else 'No other contact given.' end`;
  await sql`insert into ops.staff_notes (subject_type, subject_id, author_id, body, created_at)
    select 'customer', o.id::text, ${options.staffId}::uuid, ${body}, now() - g * interval '1 minute'
    from generate_series(1, ${options.texts}) g join (select row_number() over (order by id) as n, id from app.users where email <> ${options.subjectEmail}) o on o.n = 1 + g % 1000`.execute(db);
  await sql`analyze ops.staff_notes`.execute(db);
}

export interface MentionScanFigures {
  indexed: Latency;
  sequential: Latency;
  total: number;
}

export async function measureMentionScan(db: Db, subject: ErasureSubject, options: { iterations: number; sequentialIterations: number }): Promise<MentionScanFigures> {
  const indexed: number[] = [];
  const sequential: number[] = [];
  let total = -1;
  const record = (found: number) => {
    if (total !== -1 && found !== total) throw new Error(`the two scans disagree: ${total} against ${found} mentions`);
    total = found;
  };
  for (let i = 0; i < options.iterations; i++) {
    const started = performance.now();
    record((await findMentionsElsewhere(db, subject)).total);
    indexed.push(performance.now() - started);
  }
  for (let i = 0; i < options.sequentialIterations; i++) {
    await db.transaction().execute(async (trx) => {
      await sql`set local enable_bitmapscan = off`.execute(trx);
      const started = performance.now();
      record((await findMentionsElsewhere(trx, subject)).total);
      sequential.push(performance.now() - started);
    });
  }
  return { indexed: percentiles(indexed), sequential: percentiles(sequential), total };
}
