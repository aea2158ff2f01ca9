import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { sql } from 'kysely';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createTestApp, type TestApp } from '../testing/testApp.js';
import { guardedRoute } from './guardedRoute.js';

/**
 * The guard every staff-facing Express route goes through, on a route of its own over
 * real HTTP and PostgreSQL: the same session, permission table, audit rows and error
 * answers as a procedure.
 */
describe('guardedRoute', () => {
  let app: TestApp;
  let server: Server;
  let url: string;
  let handled = 0;
  /** Audit rows already written when the answer starts: the guard logs before it sends. */
  const rowsWhenSent: number[] = [];

  beforeAll(async () => {
    app = await createTestApp();
    const routes = express();
    routes.use((req, _res, next) => {
      req.id = 'guard-test';
      next();
    });
    const spec = (handler: Parameters<typeof guardedRoute>[1]['handler']) => guardedRoute(app.deps, { permission: 'customers.export', audit: { action: 'test.exported', targetType: 'customer_list' }, handler });
    routes.get(
      '/ok',
      spec(async ({ req, session }) => {
        handled += 1;
        const { n } = z.object({ n: z.coerce.number().int().max(10) }).parse(req.query);
        return {
          auditInput: { n },
          send: async (res) => {
            rowsWhenSent.push((await auditRows(app, 'test.exported')).length);
            res.type('text').send(`${session.staff.email}:${n}`);
          },
        };
      }),
    );
    routes.get(
      '/broken',
      spec(async ({ context }) => {
        await sql`select * from ops.no_such_table`.execute(context.db);
        throw new Error('unreachable');
      }),
    );
    routes.get(
      '/cut',
      guardedRoute(app.deps, {
        permission: 'customers.export',
        audit: { action: 'test.cut', targetType: 'customer_list' },
        async handler({ target }) {
          target('customer_list', 'vip');
          return {
            auditInput: { pages: 2 },
            send: async (res) => {
              await new Promise((resolve) => res.status(200).type('text').write('first page\n', resolve));
              throw new Error('the second page could not be read');
            },
          };
        },
      }),
    );
    server = routes.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  });

  const get = (path: string, token?: string) => fetch(`${url}${path}`, { headers: token ? { cookie: `opsdesk_session=${token}` } : {} });
  const rows = () => auditRows(app, 'test.exported');

  it('refuses without a live session: 401, the cookie cleared, nothing run or logged', async () => {
    const before = handled;
    for (const answer of [await get('/ok?n=1'), await get('/ok?n=1', 'not-a-token')]) {
      expect(answer.status).toBe(401);
      expect(await answer.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Your session has ended. Sign in to continue.' } });
    }
    expect((await get('/ok?n=1', 'not-a-token')).headers.get('set-cookie')).toMatch(/^opsdesk_session=;/);
    expect(handled).toBe(before);
    expect(await rows()).toEqual([]);
  });

  it('refuses a role without the permission: 403 and a denied row, as for an audited procedure', async () => {
    const { sessionToken, staff } = await app.callerAs(['moderator']);
    const before = handled;
    const answer = await get('/ok?n=1', sessionToken);
    expect(answer.status).toBe(403);
    expect(await answer.json()).toEqual({ error: { code: 'FORBIDDEN', message: 'You do not have permission to do this (customers.export).' } });
    expect(handled).toBe(before);
    expect((await rows()).map((row) => [row.actorId, row.result, row.error])).toEqual([[staff.id, 'denied', 'missing permission customers.export']]);
  });

  it('answers an allowed call after writing its success row', async () => {
    const { sessionToken, staff } = await app.callerAs(['support']);
    const answer = await get('/ok?n=7', sessionToken);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe(`${staff.email}:7`);
    const success = (await rows()).filter((row) => row.result === 'success');
    expect(success.map((row) => [row.actorId, row.input, row.targetType])).toEqual([[staff.id, { n: 7 }, 'customer_list']]);
    expect(rowsWhenSent.at(-1)).toBe((await rows()).length);
  });

  it('refuses invalid input with 400 and the readable message, without a failure row', async () => {
    const { sessionToken } = await app.callerAs(['support']);
    const before = (await rows()).length;
    const answer = await get('/ok?n=11', sessionToken);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'n: Too big: expected number to be <=10' } });
    expect((await rows()).length).toBe(before);
  });

  it('answers an unexpected failure with a generic 500 and the request id, and audits it', async () => {
    const { sessionToken, staff } = await app.callerAs(['finance']);
    const answer = await get('/broken', sessionToken);
    expect(answer.status).toBe(500);
    const text = await answer.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side. Request id: guard-test' } });
    expect(text).not.toContain('no_such_table');
    const failure = (await rows()).filter((row) => row.result === 'failure');
    expect(failure.map((row) => [row.actorId, row.error])).toEqual([[staff.id, expect.stringContaining('no_such_table')]]);
  });

  it('cuts an answer that fails midway and audits that it did not complete, under the same target', async () => {
    const { sessionToken, staff } = await app.callerAs(['finance']);
    const received = await get('/cut', sessionToken).then((answer) => answer.text()).then(() => 'all of it', () => 'a cut-off answer');
    expect(received).toBe('a cut-off answer');
    const cut = await auditRows(app, 'test.cut');
    expect(cut.map((row) => [row.actorId, row.result, row.targetType, row.targetId, row.input])).toEqual([
      [staff.id, 'success', 'customer_list', 'vip', { pages: 2 }],
      [staff.id, 'failure', 'customer_list', 'vip', { pages: 2 }],
    ]);
    expect(cut[1]!.error).toBe('The answer did not complete: the second page could not be read');
  });
});
