import type { Migration } from 'kysely';
import * as m0001 from './0001_ops_foundation.js';

/** Every migration, in order. Listed explicitly so bundling and tsx need no file scanning. */
export const migrations: Record<string, Migration> = {
  '0001_ops_foundation': m0001,
};
