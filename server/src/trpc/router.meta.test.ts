import { AUTHENTICATED, isPermission, PUBLIC } from '@opsdesk/shared';
import { describe, expect, it } from 'vitest';
import { listProcedures } from './procedureCatalog.js';
import { listStaffActions } from './staffAction.js';
import './appRouter.js';

/**
 * Walks the whole app router, so procedures added later are covered without editing
 * this file: each must declare who may call it, and each mutation its audit action.
 */
const procedures = listProcedures().map((p) => [p.path, p] as const);

describe('app router metadata', () => {
  it('has procedures to check', () => {
    expect(procedures.length).toBeGreaterThan(10);
  });

  it.each(procedures)('%s declares a known permission', (_path, procedure) => {
    const permission = procedure.meta?.permission;
    expect(permission, 'meta.permission is missing').toBeDefined();
    expect(permission === PUBLIC || permission === AUTHENTICATED || isPermission(permission!), `unknown permission ${permission}`).toBe(true);
  });

  it.each(procedures.filter(([, p]) => p.type === 'mutation'))('mutation %s declares an audit action', (_path, procedure) => {
    expect(procedure.meta?.audit?.action).toMatch(/^[a-z]+\.[a-z_]+$/);
  });

  it.each(listStaffActions().map((a) => [a.name, a] as const))('staff action %s declares its risk tier in meta and its procedure exists', (name, action) => {
    const procedure = procedures.find(([path]) => path === name)?.[1];
    expect(procedure, `no procedure at ${name}`).toBeDefined();
    expect(procedure!.type).toBe('mutation');
    expect(procedure!.meta?.risk).toBe(action.risk);
    // Their effects reach Stripe or the product: intent and outcome are committed apart.
    expect(procedure!.meta?.audit?.intentFirst).toBe(true);
  });

  it('only sign-in is public', () => {
    const publicPaths = procedures.filter(([, p]) => p.meta?.permission === PUBLIC).map(([path]) => path);
    expect(publicPaths).toEqual(['auth.login']);
  });
});
