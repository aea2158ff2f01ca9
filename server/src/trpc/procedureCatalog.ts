import { appRouter } from './appRouter.js';
import type { ProcedureMeta } from './init.js';

export interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  meta: ProcedureMeta | undefined;
}

/** Every procedure of the app router by dotted path (tRPC keeps them flat at runtime). */
export function listProcedures(): ProcedureInfo[] {
  const flat = appRouter._def.procedures as unknown as Record<string, { _def: { type: ProcedureInfo['type']; meta?: ProcedureMeta } }>;
  return Object.entries(flat).map(([path, procedure]) => ({ path, type: procedure._def.type, meta: procedure._def.meta }));
}
