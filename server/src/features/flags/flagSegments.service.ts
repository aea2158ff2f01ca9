import { TRPCError } from '@trpc/server';
import type { FlagConstraint } from '@opsdesk/shared';
import type { DbOrTrx, Trx } from '../../db/database.js';
import { bumpRevisions, findSegments } from './flags.queries.js';
import { sameJson } from './flags.service.js';
import { deleteSegment, findStrategiesUsingSegment, insertSegment, lockSegmentById, updateSegment } from './flagSegments.queries.js';

/**
 * Segments: named constraint lists strategies refer to by id. Every environment serves
 * every segment, so a change bumps every environment's revision (the client API's ETag).
 */

export interface SegmentView {
  id: number;
  name: string;
  description: string;
  constraints: FlagConstraint[];
  createdAt: Date;
  updatedAt: Date;
}

function segmentView(row: { id: number; name: string; description: string; constraints: unknown; createdAt: Date; updatedAt: Date }): SegmentView {
  return { id: row.id, name: row.name, description: row.description, constraints: row.constraints as FlagConstraint[], createdAt: row.createdAt, updatedAt: row.updatedAt };
}

export async function listSegments(db: DbOrTrx) {
  return (await findSegments(db)).map((segment) => ({ ...segment, constraints: segment.constraints as FlagConstraint[] }));
}

/** Creates (no id) or replaces (id) a segment; an unchanged one is `changed: false` and bumps nothing. */
export async function upsertSegment(trx: Trx, input: { id?: number | undefined; name: string; description: string; constraints: FlagConstraint[] }) {
  const fields = { name: input.name, description: input.description, constraints: input.constraints };
  if (input.id === undefined) {
    const created = await insertSegment(trx, fields);
    if (!created) throw new TRPCError({ code: 'CONFLICT', message: `A segment named "${input.name}" already exists; give its id to change it.` });
    await bumpRevisions(trx, 'all');
    return { before: null, after: segmentView(created), changed: true };
  }
  const current = await lockSegmentById(trx, input.id);
  if (!current) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no segment ${input.id}.` });
  const before = segmentView(current);
  if (sameJson({ name: before.name, description: before.description, constraints: before.constraints }, fields)) {
    return { before, after: before, changed: false };
  }
  const after = await updateSegment(trx, input.id, fields).catch((error: unknown) => {
    if ((error as { code?: string }).code === '23505') throw new TRPCError({ code: 'CONFLICT', message: `A segment named "${input.name}" already exists.` });
    throw error;
  });
  await bumpRevisions(trx, 'all');
  return { before, after: segmentView(after), changed: true };
}

/** Refused while a strategy uses the segment (a deleted segment would make that strategy match no one). */
export async function removeSegment(trx: Trx, id: number) {
  const current = await lockSegmentById(trx, id);
  if (!current) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no segment ${id}.` });
  const users = await findStrategiesUsingSegment(trx, id);
  if (users.length > 0) {
    const named = users.slice(0, 20).map((use) => `${use.key} (${use.environment})`).join(', ');
    throw new TRPCError({ code: 'CONFLICT', message: `Segment "${current.name}" is used by strategies of ${named}${users.length > 20 ? ` and ${users.length - 20} more` : ''}; remove it from them first.` });
  }
  await deleteSegment(trx, id);
  await bumpRevisions(trx, 'all');
  return segmentView(current);
}
