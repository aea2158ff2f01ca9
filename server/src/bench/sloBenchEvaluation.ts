import { sql } from 'kysely';
import type { TSloDefinition } from '@opsdesk/shared';
import type { Db } from '../db/database.js';
import { evaluateAllSlos } from '../features/slo/sloEvaluation.js';
import { naiveSloCounts } from './sloNaive.js';

/**
 * The SLO bench's first evaluation pass, checked before any is timed: it must store a
 * status per SLO whose window counts are the baseline's (minute rows only), so the two
 * columns of the table compare the same work; and the bench's incidents must show as
 * firing alerts, or the pass timed would be the calm case only.
 */
export async function firstEvaluationPass(db: Db, slos: readonly TSloDefinition[], now: Date, log: (message: string) => void): Promise<void> {
  const result = await evaluateAllSlos(db, now);
  const { rows } = await sql<{ service: string; name: string; good: number; valid: number }>`
    select s.service, s.name, (st.status->>'good')::float8 as good, (st.status->>'valid')::float8 as valid
    from ops.slos s join ops.slo_statuses st on st.slo_id = s.id`.execute(db);
  const stored = new Map(rows.map((row) => [`${row.service} ${row.name}`, row]));
  const disagreeing: string[] = [];
  for (const slo of slos) {
    const naive = (await naiveSloCounts(db, slo, now)).slo!;
    const status = stored.get(`${slo.service} ${slo.name}`);
    if (status?.good !== naive.good || status.valid !== naive.valid) {
      disagreeing.push(`${slo.service}/${slo.name}: pass ${status?.good}/${status?.valid}, baseline ${naive.good}/${naive.valid}`);
    }
  }
  const { rows: firing } = await sql<{ rule: string; count: number }>`
    select rule, count(*)::int as count from ops.slo_alert_states where state = 'firing' group by rule order by rule`.execute(db);
  log(`First evaluation pass: ${result.slos} SLOs, ${result.changes} alert changes recorded; firing now: ${firing.map((f) => `${f.rule} × ${f.count}`).join(', ') || 'none'}.`);
  log(disagreeing.length === 0 ? `Good/valid counts over each SLO window: the pass and the baseline agree on all ${slos.length} bench SLOs.` : `Pass and baseline DISAGREE on ${disagreeing.length} SLOs: ${disagreeing.join('; ')}`);
  if (disagreeing.length > 0) throw new Error('the evaluation pass and the baseline count differently; the comparison would be meaningless');
}
