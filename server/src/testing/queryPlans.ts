import type { CompiledQuery } from 'kysely';
import type pg from 'pg';

/** A node of PostgreSQL's `explain (format json)` plan, with the fields plan tests read. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

/**
 * The plan PostgreSQL would run for a query a capturing database recorded
 * (capturingDatabase.ts), with its parameters, as a flat list of nodes: plan tests look
 * for the index they expect and for sequential scans anywhere in it.
 */
export async function explainQuery(client: pg.Client, query: CompiledQuery): Promise<PlanNode[]> {
  const { rows } = await client.query(`explain (format json) ${query.sql}`, [...query.parameters]);
  return flattenPlan(rows[0]['QUERY PLAN'][0].Plan);
}

function flattenPlan(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flattenPlan)];
}
