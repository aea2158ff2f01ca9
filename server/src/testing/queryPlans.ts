import type { CompiledQuery, Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/schema.js';
import { capturingDatabase } from './capturingDatabase.js';
import type { TestDatabase } from './testDatabase.js';

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

/** What a plan test queries with: a capturing handle (capturingDatabase.ts) and a client to EXPLAIN on. */
export interface PlanReader {
  db: Kysely<Database>;
  explainClient: pg.Client;
  /** Ends both, then drops the test database. */
  close(): Promise<void>;
}

export async function openPlanReader(database: TestDatabase, max: number, captured: CompiledQuery[]): Promise<PlanReader> {
  const db = capturingDatabase(database.url, max, captured);
  const explainClient = new pg.Client({ connectionString: database.url });
  await explainClient.connect();
  return {
    db,
    explainClient,
    async close() {
      await explainClient.end();
      await db.destroy();
      await database.drop();
    },
  };
}
