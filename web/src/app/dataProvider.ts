import type { DataProvider, Identifier, RaRecord } from 'react-admin';
import { approvalsDataHandler } from '../features/approvals/approvalsDataHandler';
import { auditDataHandler } from '../features/audit/auditDataHandler';
import { customersDataHandler } from '../features/customers/customersDataHandler';
import { jobsDataHandler } from '../features/jobs/jobsDataHandler';
import { staffDataHandler } from '../features/staff/staffDataHandler';
import type { ResourceDataHandler } from './resourceDataHandler';
import { toHttpError } from './trpcErrors';

/**
 * react-admin's DataProvider over tRPC. Each feature supplies a handler; this file only
 * routes and translates errors. Edit it when a new resource gets list/show/edit pages.
 */
const handlers: Record<string, ResourceDataHandler<{ id: Identifier }>> = {
  staff: staffDataHandler as ResourceDataHandler<{ id: Identifier }>,
  audit: auditDataHandler as ResourceDataHandler<{ id: Identifier }>,
  customers: customersDataHandler as ResourceDataHandler<{ id: Identifier }>,
  approvals: approvalsDataHandler as ResourceDataHandler<{ id: Identifier }>,
  jobs: jobsDataHandler as ResourceDataHandler<{ id: Identifier }>,
};

function handlerFor(resource: string) {
  const handler = handlers[resource];
  if (!handler) throw new Error(`Unknown resource "${resource}"`);
  return handler;
}

async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toHttpError(error);
  }
}

function unsupported(what: string): never {
  throw new Error(`${what} is not available in Opsdesk.`);
}

export const dataProvider: DataProvider = {
  getList: (resource, params) => translated(() => handlerFor(resource).getList(params)) as never,
  getOne: (resource, params) => translated(async () => ({ data: await handlerFor(resource).getOne(String(params.id)) })) as never,
  getMany: (resource, params) =>
    translated(async () => ({ data: await Promise.all(params.ids.map((id) => handlerFor(resource).getOne(String(id)))) })) as never,
  getManyReference: () => unsupported('Reference lists'),
  create: (resource, params) =>
    translated(async () => {
      const create = handlerFor(resource).create ?? unsupported(`Creating ${resource}`);
      return { data: await create(params.data as Record<string, unknown>) };
    }) as never,
  update: (resource, params) =>
    translated(async () => {
      const update = handlerFor(resource).update ?? unsupported(`Editing ${resource}`);
      return { data: await update(String(params.id), params.data as Partial<RaRecord>) };
    }) as never,
  updateMany: () => unsupported('Bulk edits'),
  delete: () => unsupported('Deleting'),
  deleteMany: () => unsupported('Deleting'),
};
